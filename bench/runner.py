"""`make bench`: load the national data into a fresh PostgreSQL database, serve it with gunicorn as production would,
put each page under load with wrk, and report against the targets of issue 7.

Steps (each child process logs to var/bench/):
1. drop and create the database (BENCH_DB, default hcg_bench_run), `migrate`, `sync_content` (the shipped guides);
2. import every recognised file in DATA_DIR, one `import_data DATASET FILE` process each, timed, with the child's
   peak resident set from wait4(); then CHECKPOINT, so that PostgreSQL writes the import's changes to disk before
   anything is measured;
3. `collectstatic`; count each page's queries through Django's test client (CaptureQueriesContext), first in a
   fresh process (cold caches) and then again (warm);
4. start gunicorn (config.settings.bench: production's settings with the floor page's URLconf; 2 sync workers,
   DEBUG off, WhiteNoise, a throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT off for plain http),
   with the cache production is told to use (README "Settings"): Redis, database BENCH_REDIS_DB of 127.0.0.1:6379,
   emptied first (`--cache local` for local memory per worker, or set CACHE_URL);
5. measure each page's size (as sent, and gzip/brotli with its CSS), check the static files' caching headers;
6. for each scenario: a short warm-up, then wrk for a fixed time; then read each worker's VmHWM/VmRSS;
7. print the markdown report and write it to var/bench-report.md (and a dated copy under var/bench/).
"""

import argparse
import gzip
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import downloads, report
from .report import BenchRun, ImportResult, Kind, LoadResult, PageSize, ScenarioResult, WorkerMemory

ROOT = Path(__file__).resolve().parent.parent
LUA_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
VAR = ROOT / "var"
LOG_DIR = VAR / "bench"
GUIDE_SLUG = "medical-biller-and-coder"
CERTIFICATION_SLUG = "rhit"
# Different addresses per varied search: more than the load run asks for at this machine's uncached speed (600
# API searches a second at most, so about 8,000 in a scenario's rounds).
VARIED_SEARCHES = 12000
FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.(css|js|svg)$")


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average():
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min, {os.cpu_count()} CPUs)"


# ---------------------------------------------------------------------------------------------------------------
# Tools and database


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing; installing the Debian package")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt_env)
        return
    sys.exit("bench: wrk is not installed and this is not root with apt-get; install it (Debian: apt-get install wrk)")


def recreate_database(pg_base_url, name):
    """Drop and create the bench database (PostgreSQL 13+ for DROP ... WITH (FORCE))."""
    import psycopg2
    from psycopg2 import sql

    try:
        connection = psycopg2.connect(f"{pg_base_url}/postgres", connect_timeout=5)
    except psycopg2.OperationalError as exc:
        sys.exit(f"bench: cannot reach PostgreSQL at {pg_base_url} ({exc}); start it or set PG_URL_BASE")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


REDIS_URL_BASE = "redis://127.0.0.1:6379"


def bench_cache_url(args):
    """The cache the site is served with: CACHE_URL when set; else, as production is told (README "Settings"), a
    Redis shared by the workers, started and bounded by .ci/ensure-redis; local memory when asked (``--cache local``)
    or when no Redis answers. With local memory each worker fills its own cache, and loses it each time max_requests
    replaces it: every few seconds under this load."""
    if os.environ.get("CACHE_URL"):
        return os.environ["CACHE_URL"]
    if args.cache == "local":
        return ""
    subprocess.run([str(ROOT / ".ci" / "ensure-redis")], check=False, capture_output=True, timeout=60)
    if shutil.which("redis-cli") is None:
        return ""
    answer = subprocess.run(["redis-cli", "-u", REDIS_URL_BASE, "ping"], capture_output=True, text=True, check=False)
    return f"{REDIS_URL_BASE}/{args.redis_db}" if answer.stdout.strip() == "PONG" else ""


def bench_environment(args):
    """What every child sees: production settings with the few local changes a plain-http run on 127.0.0.1 needs."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "DATABASE_URL": f"{args.pg_base_url}/{args.db_name}",
        "DATA_DIR": str(args.data_dir),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        # The CSV flood check (bench/downloads.py) sends each downloader's address as a proxy would, so the site's
        # rate limit tells the four clients apart.
        "TRUSTED_PROXY_COUNT": "1",
        # wrk is one client: the API's per-client limit (120 a minute) would answer 429 to almost all of its load.
        "API_REQUESTS_PER_MINUTE": "1000000000",
    }
    cache_url = bench_cache_url(args)
    if cache_url:
        env["CACHE_URL"] = cache_url
    else:
        env.pop("CACHE_URL", None)
    return env


def run_child(name, command, env):
    """Run a child to completion with its output in var/bench/NAME.log; return (exit code, seconds, peak MB)."""
    log_path = LOG_DIR / f"{name}.log"
    started = time.perf_counter()
    with open(log_path, "w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        # wait4 gives this child's own rusage: ru_maxrss is its peak resident set in kB (Linux).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return process.returncode, seconds, usage.ru_maxrss / 1024


def manage(*arguments):
    return [sys.executable, "manage.py", *arguments]


# ---------------------------------------------------------------------------------------------------------------
# Import


def import_all(data_dir, env) -> tuple[list[ImportResult], float]:
    from imports.models import ImportRun
    from imports.planning import find_data_files

    plan = find_data_files(data_dir)
    for note in plan.notes:
        log(note)
    if plan.missing:
        log(f"no file for: {', '.join(plan.missing)}")
    results = []
    started = time.perf_counter()
    for item in plan.files:
        exit_code, seconds, peak_mb = run_child(
            f"import-{item.path.name}", manage("import_data", item.dataset, str(item.path)), env
        )
        run = ImportRun.objects.filter(dataset=item.dataset, file_name=item.path.name).order_by("-pk").first()
        rows = (run.created + run.updated + run.unchanged + run.skipped + run.rejected) if run else 0
        outcome = run.outcome if run else "no ImportRun"
        results.append(ImportResult(item.dataset, item.path.name, seconds, rows, peak_mb, outcome, exit_code))
        log(f"  {item.path.name}: {seconds:.1f} s, {rows:,} rows, peak {peak_mb:.0f} MB, {outcome}")
    return results, time.perf_counter() - started


def flush_database_writes() -> str:
    """Write the import's changed pages to disk now (CHECKPOINT), before anything is measured. Otherwise PostgreSQL's
    next timed checkpoint writes the half-gigabyte the import left, spread over four and a half minutes, in the
    middle of the load runs: on 4 December it started at 20:00:04 and ended at 20:04:34, and every page measured in
    that window had a p95 of 40 to 350 ms and a p99 of 280 to 540 ms, against 4 to 12 ms and 9 to 18 ms when the same
    code ran again after it."""
    from django.db import DatabaseError, connection, transaction

    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:  # CHECKPOINT needs a superuser, or pg_checkpoint (PostgreSQL 15)
        log(f"CHECKPOINT refused ({error}); a checkpoint may still run during the load runs")
        return f"CHECKPOINT after the import: refused ({str(error).strip()})"
    seconds = time.perf_counter() - started
    log(f"Wrote the import's changes to disk (CHECKPOINT) in {seconds:.1f} s")
    return f"CHECKPOINT after the import: {seconds:.1f} s"


# ---------------------------------------------------------------------------------------------------------------
# Scenarios


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    kind: str
    # When set, each request asks for the next of these addresses instead of ``path`` (which is the first of them):
    # searches a cache has not seen, as varied traffic is, where the repeated ``path`` measures a popular search.
    paths: tuple[str, ...] = ()


def scenarios():
    """The pages put under load. School page and compare use the schools with the most health programs (the
    heaviest). Every search is measured twice: one address asked for again and again (a popular search, served from
    the page cache after its first request), and 1,000 or more different addresses, each asked for once, so every
    request runs the search."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from schools.models import Institution

    heaviest = list(
        Institution.objects.filter(is_active=True)
        .annotate(health_programs=Count("programs", filter=Q(programs__cip__code__startswith="51.")))
        .order_by("-health_programs", "unitid")[:3]
    )
    search = reverse("schools:search")
    items = [
        Scenario("Floor (static template, no database)", "/bench/floor/", Kind.FLOOR),
        Scenario("Home", reverse("core:home"), Kind.PAGE),
        Scenario("Guide index", reverse("careers:index"), Kind.GUIDE),
        Scenario("Guide page", reverse("careers:detail", kwargs={"slug": GUIDE_SLUG}), Kind.GUIDE),
        Scenario(
            "Certification page", reverse("certifications:detail", kwargs={"slug": CERTIFICATION_SLUG}), Kind.GUIDE
        ),
        Scenario(
            "Search: career + ZIP 35801 + 100 miles", f"{search}?career={GUIDE_SLUG}&zip=35801&radius=100", Kind.SEARCH
        ),
        # Alabama has 11 schools for this career, one page; California has several pages.
        Scenario("Search: career + state CA, page 2", f"{search}?career={GUIDE_SLUG}&state=CA&page=2", Kind.SEARCH),
        Scenario("Search: program 51.0713 only", f"{search}?program=51.0713", Kind.SEARCH),
        Scenario("Search: name 'community'", f"{search}?q=community", Kind.SEARCH),
        # Issue 13's judging filters and orders, on the largest career list (Medical Assistant, every state).
        Scenario(
            "Search: career + net price <= $15,000 + online + federal aid, by net price",
            f"{search}?career=medical-assistant&max_net_price=15000&online=on&federal_aid=on&sort=net_price",
            Kind.SEARCH,
        ),
        Scenario(
            "Search: career + closed included, by earnings",
            f"{search}?career=medical-assistant&include_closed=on&sort=earnings",
            Kind.SEARCH,
        ),
    ]
    items += occupation_scenarios()
    varied = varied_searches(search)
    for name, paths in varied:
        items.append(Scenario(f"{name} ({len(paths):,} addresses, each new)", paths[0], Kind.SEARCH, tuple(paths)))
    # The API's school search (issue 15): the HTML search's parameters, answered as JSON.
    api_search = reverse("api-v1:school_search")
    items.append(
        Scenario(
            "API search, cached: career + ZIP 35801 + 100 miles",
            f"{api_search}?career={GUIDE_SLUG}&zip=35801&radius=100",
            Kind.API_CACHED,
        )
    )
    near = next((paths for name, paths in varied if "ZIP" in name), None)
    if near:
        api_paths = tuple(path.replace(search, api_search, 1) for path in near)
        items.append(
            Scenario(
                f"API search, varied: career + ZIP + 100 miles ({len(api_paths):,} addresses, each new)",
                api_paths[0],
                Kind.API,
                api_paths,
            )
        )
    if heaviest:
        items.append(Scenario("School page", heaviest[0].get_absolute_url(), Kind.PAGE))
        query = "&".join(f"unitid={school.unitid}" for school in heaviest)
        items.append(Scenario(f"Compare {len(heaviest)} schools", f"{reverse('schools:compare')}?{query}", Kind.PAGE))
    return items


def occupation_scenarios(sample=20):
    """Issue 14: a sample of 20 occupation data profiles (every few SOC codes, those without a guide, which
    redirect), each address in turn; and the guide index filtered three ways."""
    from django.urls import reverse

    from careers.models import CareerOccupation
    from reference_data.models import Occupation

    guided = CareerOccupation.objects.filter(is_primary=True).values("occupation_id")
    codes = list(
        Occupation.objects.healthcare().exclude(pk__in=guided).order_by("soc_code").values_list("soc_code", flat=True)
    )
    items = []
    if codes:
        step = max(1, len(codes) // sample)
        paths = tuple(reverse("careers:occupation", kwargs={"soc_code": code}) for code in codes[::step][:sample])
        items.append(Scenario(f"Occupation pages ({len(paths)}, each in turn)", paths[0], Kind.GUIDE, paths))
    index = reverse("careers:index")
    for name, query in [
        (
            "certificate or less, over $45,000, faster than all jobs",
            "education=certificate&min_pay=45000&growth=faster",
        ),
        ("bachelor's or less, by pay", "education=bachelor&sort=pay"),
        ("growing, by openings", "growth=growing&sort=openings"),
    ]:
        items.append(Scenario(f"Guide index: {name}", f"{index}?{query}", Kind.INDEX))
    return items


def varied_searches(search, count=VARIED_SEARCHES):
    """Each search type of the scenarios above with ``count`` different addresses, in a fixed shuffled order: every
    published career with ZIP codes from the Gazetteer; career with state, order and type of school; program with
    order and type of school; school name with words from the directory's names."""
    import random

    from careers.models import Career
    from reference_data.models import ZipCentroid
    from schools.models import Institution
    from schools.selectors import health_programs

    shuffle = random.Random(2025).shuffle  # noqa: S311 - a fixed order, not a secret
    careers = list(Career.objects.published().order_by("slug").values_list("slug", flat=True))
    zips = list(ZipCentroid.objects.order_by("zip_code").values_list("zip_code", flat=True))
    states = sorted({state for state in Institution.objects.values_list("state", flat=True) if state})
    programs = list(health_programs().order_by("code").values_list("code", flat=True))
    words = set()
    for name in Institution.objects.filter(is_active=True).values_list("name", flat=True):
        words.update(word.lower() for word in re.findall(r"[A-Za-z]{4,}", name))
    words = sorted(words)
    if not (careers and zips and states and programs and words):
        return []
    # Order, type and length of school vary too, so that there are more searches than the load run asks for.
    orders = ["&sort=name", "&sort=completions", ""]
    controls = ["", "&control=1", "&control=2", "&control=3"]
    levels = ["", "&level=1", "&level=2", "&level=3"]
    # Issue 13: the judging orders and filters, in their own scenario so the ones above stay comparable with older
    # reports.
    judged_orders = ["&sort=net_price", "&sort=earnings"]
    judged_filters = ["", "&online=on", "&federal_aid=on", "&max_net_price=20000", "&include_closed=on"]
    shuffle(zips)
    searches = {
        "Search, varied: career + ZIP + 100 miles": [
            f"{search}?career={careers[i % len(careers)]}&zip={zip_code}&radius=100"
            for i, zip_code in enumerate(zips[:count])
        ],
        "Search, varied: career + state": [
            f"{search}?career={career}&state={state}" + order + control + level
            for career in careers
            for state in states
            for order in orders
            for control in controls
            for level in levels
        ],
        "Search, varied: program only": [
            f"{search}?program={code}" + order + control + level
            for code in programs
            for order in orders
            for control in controls
            for level in levels
        ],
        "Search, varied: school name": [f"{search}?q={word}" + order for word in words for order in orders],
        "Search, varied: career + state, judging filters and orders": [
            f"{search}?career={career}&state={state}" + order + extra + level
            for career in careers
            for state in states
            for order in judged_orders
            for extra in judged_filters
            for level in levels
        ],
    }
    varied = []
    for name, paths in searches.items():
        shuffle(paths)
        varied.append((name, paths[:count]))
    return varied


def addresses(scenario, count):
    """The first ``count`` addresses a scenario asks for: the same one again, or the next of its varied ones."""
    if scenario.paths:
        return [scenario.paths[i % len(scenario.paths)] for i in range(count)]
    return [scenario.path] * count


def count_queries(chosen):
    """Queries per request through Django's test client: a first request (cold caches), then the next one (the same
    address again, or for a varied search the next address)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for scenario in chosen:
        measured = []
        for path in addresses(scenario, 2):
            with CaptureQueriesContext(connection) as context:
                response = client.get(path)
            measured.append(len(context.captured_queries) if response.status_code == 200 else None)
        counts[scenario.name] = tuple(measured)
    return counts


def server_times(chosen, repeats=40):
    """Median time Django takes per page with one client and no network (the test client, in this process, warm):
    the same work as under load without the queueing and the neighbours' noise, to read next to the p95s. A varied
    search is timed over addresses the load run asks for last, so the load itself meets none of them in a cache.
    Returns (median, 95th percentile) in milliseconds for each scenario."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    times = {}
    for scenario in chosen:
        paths = list(reversed(scenario.paths[-(repeats + 1) :])) if scenario.paths else [scenario.path] * (repeats + 1)
        client.get(paths[0])
        samples = []
        for path in paths[1:]:
            started = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        times[scenario.name] = (statistics.median(samples), samples[round(0.95 * (len(samples) - 1))])
    return times


# ---------------------------------------------------------------------------------------------------------------
# Gunicorn


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


GUNICORN_CONFIG = ROOT / "config" / "gunicorn.py"


def gunicorn_command(port, workers):
    """gunicorn as production runs it (config/gunicorn.py: max_requests bounds worker memory), on our own port."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(GUNICORN_CONFIG),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        # Other gunicorns on the machine would share the default control socket path.
        "--no-control-socket",
    ]


@contextmanager
def gunicorn(env, port, workers):
    command = gunicorn_command(port, workers)
    with open(LOG_DIR / "gunicorn.log", "w") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(f"http://127.0.0.1:{port}/bench/floor/", process)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: gunicorn exited with {process.returncode}; see {LOG_DIR / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own 127.0.0.1 server
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    sys.exit(f"bench: gunicorn did not answer {url} within {timeout} s; see {LOG_DIR / 'gunicorn.log'}")


def worker_pids(master_pid):
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name (which may hold spaces) start after the last ')': state, ppid, ...
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)


def worker_memory(master_pid) -> list[WorkerMemory]:
    workers = []
    for pid in worker_pids(master_pid):
        try:
            values = report.parse_proc_status(Path(f"/proc/{pid}/status").read_text())
        except OSError:
            continue
        workers.append(WorkerMemory(pid, values.get("VmHWM", 0) / 1024, values.get("VmRSS", 0) / 1024))
    return workers


# ---------------------------------------------------------------------------------------------------------------
# Sizes and static files


def fetch(url, encoding):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310 - 127.0.0.1 only
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own 127.0.0.1 server
        return response.read(), response.headers


def decode(body, content_encoding):
    import brotli

    if content_encoding == "br":
        return brotli.decompress(body)
    if content_encoding == "gzip":
        return gzip.decompress(body)
    return body


def compressed_sizes(url, plain=None):
    """(identity bytes, gzip bytes, brotli bytes, sent compressed?) of what the server sends for url.

    A response sent without compression (Django sends HTML as identity unless GZipMiddleware is on) is measured as
    our own gzip (level 6) and brotli (quality 5) of its body: what a compressing proxy would send.
    """
    import brotli

    sizes = {}
    sent_compressed = True
    for encoding in ("gzip", "br"):
        body, headers = fetch(url, encoding)
        content_encoding = headers.get("Content-Encoding", "")
        plain = decode(body, content_encoding)
        if content_encoding == encoding:
            sizes[encoding] = len(body)
        else:
            sent_compressed = False
            ours = gzip.compress(plain, 6) if encoding == "gzip" else brotli.compress(plain, quality=5)
            sizes[encoding] = len(ours)
    return len(plain), sizes["gzip"], sizes["br"], sent_compressed, plain


def page_size(base_url, path, static_seen):
    try:
        return _page_size(base_url, path, static_seen)
    except urllib.error.HTTPError as exc:
        log(f"  {path}: HTTP {exc.code}; no size measured (the load run counts its errors)")
        return None


def _page_size(base_url, path, static_seen):
    html_bytes, html_gzip, html_brotli, sent_compressed, body = compressed_sizes(base_url + path)
    assets = report.page_assets(body.decode("utf-8", "replace"))
    css_gzip = css_brotli = 0
    for href in assets.stylesheets:
        _, gz, br, css_compressed, _ = compressed_sizes(base_url + href)
        css_gzip += gz
        css_brotli += br
        if href not in static_seen:
            _, headers = fetch(base_url + href, "br")
            cache_control = headers.get("Cache-Control", "")
            ok = bool(FINGERPRINTED.search(href)) and css_compressed and report.is_long_lived_immutable(cache_control)
            static_seen[href] = (href, f"Cache-Control: {cache_control or '(none)'}; "
                                 f"{'gzip+br sent' if css_compressed else 'sent uncompressed'}", ok)  # fmt: skip
    return PageSize(html_bytes, html_gzip, html_brotli, css_gzip, css_brotli, assets.scripts, sent_compressed)


# ---------------------------------------------------------------------------------------------------------------
# Load


def run_wrk(url, *, seconds, connections, threads, paths_file=None, start=0) -> LoadResult:
    """wrk against url; with ``paths_file`` each request asks for the next address in it, from line ``start``."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_SCRIPT),
        url,
    ]
    if paths_file:
        command += ["--", str(paths_file), str(start), str(threads)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=seconds + 60)
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return report.parse_wrk_output(completed.stdout)


# ---------------------------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 12)),
                        help="seconds of load per scenario (default 12)")  # fmt: skip
    parser.add_argument("--warmup", type=int, default=1, help="seconds of unmeasured load first (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per scenario, each after a floor round")
    parser.add_argument("--floor-duration", type=int, default=1,
                        help="seconds of floor before each round (default 1; 0: one floor run only)")  # fmt: skip
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--cache", choices=["redis", "local"], default="redis",
                        help="the site's cache: Redis as production (default), or local memory per worker")  # fmt: skip
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("BENCH_REDIS_DB", 13)),
                        help="the Redis database the bench empties and uses (default 13)")  # fmt: skip
    parser.add_argument("--db-name", default=os.environ.get("BENCH_DB", "hcg_bench_run"))
    parser.add_argument("--pg-base-url", default=os.environ.get("PG_URL_BASE", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--data-dir", type=Path,
                        default=Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data")))  # fmt: skip
    parser.add_argument("--reuse-db", action="store_true",
                        help="skip creating the database and the import (repeats the load part only)")  # fmt: skip
    parser.add_argument("--only", action="append", default=[], help="run only scenarios whose name contains this")
    parser.add_argument("--report", type=Path, default=VAR / "bench-report.md")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    os.chdir(ROOT)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    ensure_wrk()
    run = BenchRun()
    run.load_averages["at start"] = load_average()
    env = bench_environment(args)
    # This process reads the same database through Django (import counts, query counts, scenario choice).
    os.environ.update(env)

    if not args.reuse_db:
        if not args.data_dir.is_dir():
            sys.exit(f"bench: no data folder at {args.data_dir}; set DATA_DIR")
        log(f"Creating database {args.db_name}")
        recreate_database(args.pg_base_url, args.db_name)
        log("Migrating")
        code, seconds, _ = run_child("migrate", manage("migrate", "--no-input"), env)
        if code:
            sys.exit(f"bench: migrate failed; see {LOG_DIR / 'migrate.log'}")
        run.notes.append(f"migrate on an empty database: {seconds:.1f} s")
        code, seconds, _ = run_child("sync_content", manage("sync_content"), env)
        if code:
            sys.exit(f"bench: sync_content failed; see {LOG_DIR / 'sync_content.log'}")
        run.notes.append(f"sync_content (the shipped guides and certifications): {seconds:.1f} s")

    import django

    django.setup()

    if not args.reuse_db:
        log(f"Importing {args.data_dir} (one process per file)")
        run.import_wall_s = 0.0
        run.imports, run.import_wall_s = import_all(args.data_dir, env)
        log(f"Imported in {run.import_wall_s:.1f} s")
        run.notes.append(flush_database_writes())

    code, seconds, _ = run_child("collectstatic", manage("collectstatic", "--no-input", "--clear"), env)
    if code:
        sys.exit(f"bench: collectstatic failed; see {LOG_DIR / 'collectstatic.log'}")
    run.notes.append(f"collectstatic: {seconds:.1f} s")

    everything = scenarios()
    chosen = [s for s in everything if not args.only or any(o.lower() in s.name.lower() for o in args.only)]
    if not any(s.kind == Kind.FLOOR for s in chosen):
        chosen.insert(0, everything[0])
    from django.core.cache import cache

    cache.clear()  # a page kept by an earlier run (Redis outlives it) would not be measured
    log("Counting queries per page (Django test client)")
    queries = count_queries(chosen)
    log("Timing each page with one client (Django test client, 40 requests each)")
    times = server_times(chosen)
    paths_files = {}
    for scenario in chosen:
        if scenario.paths:
            paths_files[scenario.name] = LOG_DIR / f"paths-{len(paths_files) + 1}.txt"
            paths_files[scenario.name].write_text("\n".join(scenario.paths) + "\n")

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    run.settings = {
        "settings": "config.settings.bench (production's plus the floor; DEBUG off, WhiteNoise, no SSL redirect)",
        "server": f"gunicorn, {args.workers} sync workers, 127.0.0.1",
        "load": f"wrk -t{args.threads} -c{args.connections}: per page {args.warmup} s warm-up, then {args.rounds} "
        f"rounds of {args.floor_duration} s floor + {max(1, round(args.duration / args.rounds))} s page",
        "cache": (
            f"Redis, {env['CACHE_URL']}, emptied first"
            if env.get("CACHE_URL", "").startswith("redis")
            else env.get("CACHE_URL") or "local memory (per worker)"
        ),  # fmt: skip
        "database": f"PostgreSQL {args.db_name}",
        "started": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }
    log(f"Starting gunicorn on {base_url}")
    with gunicorn(env, port, args.workers) as server:
        static_seen = {}
        for scenario in chosen:
            size = page_size(base_url, scenario.path, static_seen)
            empty = LoadResult(0, 0, 0, 0, 0, 0, 0)
            result = ScenarioResult(scenario.name, scenario.path, scenario.kind, empty, *queries[scenario.name], size)
            result.server_ms, result.server_p95_ms = times[scenario.name]
            result.addresses = len(scenario.paths)
            run.scenarios.append(result)
        run.static_checks = list(static_seen.values())
        run.load_averages["before load"] = load_average()
        floor_url = base_url + run.floor.path
        load_options = {"connections": args.connections, "threads": args.threads}
        for scenario in run.scenarios:
            url = base_url + scenario.path
            # A varied search goes on through its addresses from round to round: none is asked for twice, so none
            # comes from a cache (the first ones were sized above, and the last ones timed, in this process only).
            varied = {"paths_file": paths_files.get(scenario.name), "start": 1}
            if args.warmup:
                warmup = run_wrk(url, seconds=args.warmup, **load_options, **varied)
                # Requests still in flight when wrk stopped were sent but not counted: skip past them too.
                varied["start"] += warmup.requests + args.connections
            if scenario.kind == Kind.FLOOR or not args.floor_duration:
                scenario.load = run_wrk(url, seconds=args.duration, **load_options, **varied)
            else:
                seconds = max(1, round(args.duration / args.rounds))
                for _ in range(args.rounds):
                    floor = run_wrk(floor_url, seconds=args.floor_duration, **load_options)
                    page = run_wrk(url, seconds=seconds, **load_options, **varied)
                    varied["start"] += page.requests + args.connections
                    scenario.rounds.append((floor, page))
                scenario.load = report.combine([page for _, page in scenario.rounds])
            if scenario.addresses:
                scenario.requested = varied["start"] - 1
            log(
                f"  {scenario.name}: {scenario.load.requests_per_second:.0f} req/s, "
                f"p95 {scenario.load.p95_ms:.1f} ms, {scenario.load.errors} errors"
            )
        if not args.only or any("csv" in o.lower() for o in args.only):
            guide = next((s for s in run.scenarios if s.kind == Kind.GUIDE and "index" not in s.name.lower()), None)
            if guide is not None:
                log(f"CSV flood: {guide.name} alone and with {downloads.DOWNLOADERS} parallel nationwide downloads")
                measured = downloads.measure(
                    base_url, guide.path, run_wrk=run_wrk, seconds=max(1, round(args.duration / args.rounds)),
                    rounds=args.rounds, load_options=load_options,
                )  # fmt: skip
                run.notes.extend(downloads.summary(guide.name, measured))
                log("  " + run.notes[-2])
        run.load_averages["after load"] = load_average()
        run.workers = worker_memory(server.pid)

    run.elapsed_s = time.perf_counter() - started
    if args.reuse_db:
        run.notes.append("--reuse-db: the database and its import were reused; the import target is not measured")
    if run.scenarios and run.scenarios[0].size and not run.scenarios[0].size.html_sent_compressed:
        run.notes.append(
            "HTML is sent uncompressed by Django (no GZipMiddleware); its gzip/brotli sizes are gzip level 6 and "
            "brotli quality 5 of the body, what a compressing proxy sends. CSS sizes are what WhiteNoise sends."
        )
    markdown = report.render_markdown(run)
    print(markdown)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(markdown)
    dated = LOG_DIR / f"report-{datetime.now():%Y%m%d-%H%M%S}.md"
    dated.write_text(markdown)
    log(f"Report written to {args.report} and {dated}")
    return 0
