"""The pure half of `make bench`: parse what the tools print, judge the targets, write the markdown report.

Nothing here starts a process or touches a database, so tests/bench/test_report.py covers it with plain values.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from statistics import median

KB = 1000
MB = 1000 * 1000

# The targets from issue 7, in one place so the report and the tests agree.
SEARCH_P95_MAX_RATIO = 4.0
GUIDE_P95_MAX_RATIO = 2.0  # issue 14 holds the occupation pages to it too
INDEX_P95_MAX_RATIO = 3.0  # issue 14: the guide index filtered
# Issue 15: a cached API search (a cache read, no template) within 2x the floor; an uncached one within the HTML
# search's bound.
API_CACHED_P95_MAX_RATIO = 2.0
API_SEARCH_P95_MAX_RATIO = SEARCH_P95_MAX_RATIO
SEARCH_PAGE_MAX_COMPRESSED_BYTES = 50 * KB
IMPORT_MAX_SECONDS = 120.0
# Issue 13: the whole data folder, its new files included, in at most 75 s (55 s before them).
FOLDER_IMPORT_MAX_SECONDS = 75.0
IMPORT_MAX_PEAK_MB = 500
WORKER_MAX_RSS_MB = 200
BENCH_MAX_SECONDS = 600.0

WRK_RESULT_PREFIX = "BENCH_RESULT "


class Kind:
    """What a scenario is, which decides the target its p95 is held to."""

    FLOOR = "floor"
    GUIDE = "guide"
    INDEX = "index"  # the guide index filtered (issue 14)
    SEARCH = "search"
    PAGE = "page"
    API = "api"  # a JSON search of /api/v1/ the cache has not seen
    API_CACHED = "api-cached"  # a JSON search asked for again and again


# ---------------------------------------------------------------------------------------------------------------
# Load results (wrk)


@dataclass(frozen=True)
class LoadResult:
    """One wrk run: counts, latency percentiles (milliseconds) and responses by status code."""

    requests: int
    duration_s: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[int, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def non_2xx(self) -> int:
        # A redirect counts as an error too: every scenario asks for a page's canonical address.
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)

    @property
    def socket_error_count(self) -> int:
        # wrk's "status" error is a non-2xx/3xx response, already counted from the status codes.
        return sum(count for kind, count in self.socket_errors.items() if kind != "status")

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_error_count


def combine(rounds: list[LoadResult]) -> LoadResult:
    """Several rounds of one scenario as one result: counts summed, each percentile the median of the rounds'."""
    if len(rounds) == 1:
        return rounds[0]
    statuses: dict[int, int] = {}
    socket_errors: dict[str, int] = {}
    for result in rounds:
        for status, count in result.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
        for kind, count in result.socket_errors.items():
            socket_errors[kind] = socket_errors.get(kind, 0) + count
    return LoadResult(
        requests=sum(r.requests for r in rounds),
        duration_s=sum(r.duration_s for r in rounds),
        p50_ms=median(r.p50_ms for r in rounds),
        p90_ms=median(r.p90_ms for r in rounds),
        p95_ms=median(r.p95_ms for r in rounds),
        p99_ms=median(r.p99_ms for r in rounds),
        max_ms=max(r.max_ms for r in rounds),
        statuses=statuses,
        socket_errors=socket_errors,
    )


def parse_wrk_output(text: str) -> LoadResult:
    """Read the BENCH_RESULT line that bench/wrk_report.lua prints when wrk finishes."""
    for line in text.splitlines():
        if line.startswith(WRK_RESULT_PREFIX):
            data = json.loads(line[len(WRK_RESULT_PREFIX) :])
            break
    else:
        raise ValueError("wrk printed no BENCH_RESULT line (was it run with -s bench/wrk_report.lua?)")
    latency = data["latency_us"]
    return LoadResult(
        requests=int(data["requests"]),
        duration_s=data["duration_us"] / 1e6,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        statuses={int(code): int(count) for code, count in data.get("statuses", {}).items()},
        socket_errors={kind: int(count) for kind, count in data.get("errors", {}).items()},
    )


# ---------------------------------------------------------------------------------------------------------------
# Pages: sizes and what they link


# Script elements that hold data, which browsers never run: JSON-LD for search engines (issue 15). "No JS" counts the
# others.
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})


class _PageAssets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            self.scripts += 1


@dataclass(frozen=True)
class PageAssets:
    stylesheets: list[str]
    scripts: int


def page_assets(html: str) -> PageAssets:
    """The stylesheets a page links and how many <script> elements it has that a browser would run."""
    parser = _PageAssets()
    parser.feed(html)
    parser.close()
    return PageAssets(stylesheets=parser.stylesheets, scripts=parser.scripts)


@dataclass(frozen=True)
class PageSize:
    """A page's HTML and linked CSS in bytes: as sent, gzip and brotli."""

    html_bytes: int
    html_gzip: int
    html_brotli: int
    css_gzip: int
    css_brotli: int
    scripts: int
    html_sent_compressed: bool  # False: the server sent identity and the compressed sizes are our own

    @property
    def total_gzip(self) -> int:
        return self.html_gzip + self.css_gzip

    @property
    def total_brotli(self) -> int:
        return self.html_brotli + self.css_brotli


# ---------------------------------------------------------------------------------------------------------------
# Memory


def parse_proc_status(text: str) -> dict[str, int]:
    """VmHWM (peak resident) and VmRSS (resident now) in kB from /proc/PID/status."""
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            values[name] = int(rest.split()[0])
    return values


@dataclass(frozen=True)
class WorkerMemory:
    pid: int
    peak_mb: float
    rss_mb: float


@dataclass(frozen=True)
class ImportResult:
    """One official file imported in its own `manage.py import_data DATASET FILE` process."""

    dataset: str
    file_name: str
    seconds: float  # the whole child process, Django start-up included
    rows: int  # created + updated + unchanged + skipped + rejected, from its ImportRun
    peak_mb: float  # the child's peak resident set (wait4 rusage)
    outcome: str
    exit_code: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# ---------------------------------------------------------------------------------------------------------------
# Scenarios and targets


@dataclass
class ScenarioResult:
    name: str
    path: str
    kind: str
    load: LoadResult
    queries: int | None = None  # first request in a fresh process (cold caches)
    queries_repeat: int | None = None  # the same request again (what a warm worker runs)
    size: PageSize | None = None
    # The floor measured again in rounds interleaved with this scenario's: (floor, page) pairs a few seconds apart.
    # The machine is shared and its load drifts during a run; a floor measured minutes earlier would measure the
    # drift as much as the page. The ratio is the median of the rounds' ratios.
    rounds: list[tuple[LoadResult, LoadResult]] = field(default_factory=list)
    server_ms: float | None = None  # median time in Django with one client and no network (no target)
    server_p95_ms: float | None = None  # and the 95th percentile of the same samples
    addresses: int = 0  # a varied search: how many different addresses it went through (0: ``path`` repeated)
    requested: int = 0  # and how far into them the load run got (past ``addresses``, it asked for some twice)

    @property
    def repeated_addresses(self) -> bool:
        return bool(self.addresses) and self.requested > self.addresses

    @property
    def adjacent_floor(self) -> LoadResult | None:
        return combine([floor for floor, _ in self.rounds]) if self.rounds else None

    def floor_p95_ms(self, floor: "ScenarioResult | None") -> float | None:
        if self.rounds:
            return self.adjacent_floor.p95_ms
        return floor.load.p95_ms if floor is not None else None

    def p95_ratio(self, floor: "ScenarioResult | None") -> float | None:
        if self.rounds:
            ratios = [page.p95_ms / floor.p95_ms for floor, page in self.rounds if floor.p95_ms]
            return median(ratios) if ratios else None
        floor_p95 = self.floor_p95_ms(floor)
        if not floor_p95:
            return None
        return self.load.p95_ms / floor_p95


@dataclass(frozen=True)
class Target:
    name: str
    met: bool
    detail: str


@dataclass
class BenchRun:
    """Everything one `make bench` measured."""

    scenarios: list[ScenarioResult] = field(default_factory=list)
    imports: list[ImportResult] = field(default_factory=list)
    import_wall_s: float = 0.0
    workers: list[WorkerMemory] = field(default_factory=list)
    static_checks: list[tuple[str, str, bool]] = field(default_factory=list)  # (file, Cache-Control, long+immutable)
    elapsed_s: float = 0.0
    load_averages: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def floor(self) -> ScenarioResult | None:
        return next((s for s in self.scenarios if s.kind == Kind.FLOOR), None)


def evaluate_targets(run: BenchRun) -> list[Target]:
    """Each target from issue 7, met or not, with the numbers that decided it."""
    targets = []
    floor = run.floor
    errors = sum(s.load.errors for s in run.scenarios)
    detail = ", ".join(f"{s.name}: {s.load.errors}" for s in run.scenarios if s.load.errors) or "none in any scenario"
    targets.append(Target("Zero errors under load", errors == 0 and bool(run.scenarios), detail))

    for scenario in run.scenarios:
        limit = {
            Kind.SEARCH: SEARCH_P95_MAX_RATIO,
            Kind.GUIDE: GUIDE_P95_MAX_RATIO,
            Kind.INDEX: INDEX_P95_MAX_RATIO,
            Kind.API: API_SEARCH_P95_MAX_RATIO,
            Kind.API_CACHED: API_CACHED_P95_MAX_RATIO,
        }.get(scenario.kind)
        if limit is None:
            continue
        ratio = scenario.p95_ratio(floor)
        if ratio is None:
            targets.append(Target(f"{scenario.name}: p95 within {limit:g}x floor", False, "no floor measured"))
            continue
        targets.append(
            Target(
                f"{scenario.name}: p95 within {limit:g}x floor",
                ratio <= limit,
                f"{scenario.load.p95_ms:.1f} ms, {ratio:.1f}x floor ({scenario.floor_p95_ms(floor):.1f} ms)",
            )
        )

    for scenario in run.scenarios:
        if scenario.kind != Kind.SEARCH or scenario.size is None:
            continue
        size = scenario.size
        small = size.total_gzip < SEARCH_PAGE_MAX_COMPRESSED_BYTES
        targets.append(
            Target(
                f"{scenario.name}: under {SEARCH_PAGE_MAX_COMPRESSED_BYTES // KB} KB compressed with CSS, no JS",
                small and size.scripts == 0,
                f"{size.total_gzip / KB:.1f} KB gzip ({size.html_gzip / KB:.1f} HTML + {size.css_gzip / KB:.1f} CSS), "
                f"{size.scripts} script element(s)",
            )
        )

    if run.imports:
        failed = [i for i in run.imports if i.exit_code != 0 or i.outcome != "succeeded"]
        peak = max(i.peak_mb for i in run.imports)
        met = not failed and run.import_wall_s < IMPORT_MAX_SECONDS and peak < IMPORT_MAX_PEAK_MB
        detail = f"{run.import_wall_s:.0f} s, peak {peak:.0f} MB"
        if failed:
            detail += "; failed: " + ", ".join(i.file_name for i in failed)
        targets.append(
            Target(f"Full import under {IMPORT_MAX_SECONDS:.0f} s, peak under {IMPORT_MAX_PEAK_MB} MB", met, detail)
        )
        targets.append(
            Target(
                f"The whole data folder in at most {FOLDER_IMPORT_MAX_SECONDS:.0f} s (issue 13)",
                not failed and run.import_wall_s <= FOLDER_IMPORT_MAX_SECONDS,
                f"{run.import_wall_s:.1f} s for {len(run.imports)} files",
            )
        )
    else:
        targets.append(Target("Full import", False, "no import ran (--reuse-db)"))

    if run.workers:
        peak = max(w.peak_mb for w in run.workers)
        targets.append(
            Target(
                f"Each worker under {WORKER_MAX_RSS_MB} MB resident",
                peak < WORKER_MAX_RSS_MB,
                ", ".join(f"pid {w.pid}: peak {w.peak_mb:.0f} MB, now {w.rss_mb:.0f} MB" for w in run.workers),
            )
        )

    if run.static_checks:
        targets.append(
            Target(
                "Static files fingerprinted, compressed, cached for a year and immutable",
                all(ok for _, _, ok in run.static_checks),
                "; ".join(f"{name}: {header}" for name, header, _ in run.static_checks),
            )
        )

    if run.elapsed_s:
        targets.append(
            Target(
                f"Whole bench under {BENCH_MAX_SECONDS / 60:.0f} minutes",
                run.elapsed_s < BENCH_MAX_SECONDS,
                f"{run.elapsed_s / 60:.1f} minutes",
            )
        )
    return targets


def is_long_lived_immutable(cache_control: str) -> bool:
    """At least a year's max-age and `immutable`: what a fingerprinted file deserves."""
    directives = [part.strip().lower() for part in cache_control.split(",")]
    max_age = next((d.split("=", 1)[1] for d in directives if d.startswith("max-age=")), "0")
    return "immutable" in directives and max_age.isdigit() and int(max_age) >= 31536000


# ---------------------------------------------------------------------------------------------------------------
# Markdown


def _num(value, digits=1):
    return "-" if value is None else f"{value:,.{digits}f}"


def _int(value):
    return "-" if value is None else f"{value:,}"


def render_markdown(run: BenchRun) -> str:
    lines = ["# Benchmark report (`make bench`)", ""]
    for key, value in run.settings.items():
        lines.append(f"- {key}: {value}")
    for key, value in run.load_averages.items():
        lines.append(f"- load average {key}: {value}")
    lines.append("")

    floor = run.floor
    lines += [
        "## Pages under load",
        "",
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | queries (cold / warm) "
        "| HTML gzip KB | + CSS gzip KB | floor p95 ms | p95 / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in run.scenarios:
        ratio = s.p95_ratio(floor)
        size = s.size
        lines.append(
            f"| {s.name} | {_num(s.load.requests_per_second)} | {_num(s.load.p50_ms)} | {_num(s.load.p95_ms)} "
            f"| {_num(s.load.p99_ms)} | {s.load.errors} | {_int(s.queries)} / {_int(s.queries_repeat)} "
            f"| {_num(size.html_gzip / KB if size else None)} | {_num(size.total_gzip / KB if size else None)} "
            f"| {_num(s.floor_p95_ms(floor))} | {_num(ratio, 2)} |"
        )
    lines += [
        "",
        "| scenario | server ms, 1 client: p50 | p95 | p50 / floor's |",
        "| --- | ---: | ---: | ---: |",
    ]
    for s in run.scenarios:
        ratio = s.server_ms / floor.server_ms if floor and floor.server_ms and s.server_ms is not None else None
        lines.append(f"| {s.name} | {_num(s.server_ms, 2)} | {_num(s.server_p95_ms, 2)} | {_num(ratio)} |")
    lines += [
        "",
        "Server ms: time in Django for one request with one client and no network (test client, warm), median and "
        "95th percentile of 40 requests, free of the queueing and of other processes' noise that drive the p95s "
        "under load; for reading next to them, not a target.",
        "",
        "Each page is measured in rounds, each right after a round of the floor page (the machine's load drifts): "
        "percentiles are the median of the rounds', floor p95 is the floor's in those rounds, p95 / floor is the "
        "median of the rounds' ratios. Queries: a first request in a fresh process (cold caches) / the same again "
        "(for a varied search, the next address). A varied search asks for a different address with every request, "
        "so none is served from the page cache: its rows are the speed of searches nobody has run yet.",
    ]
    for s in run.scenarios:
        if s.repeated_addresses:
            lines.append(
                f"- {s.name}: the load run asked for {s.requested:,} addresses of {s.addresses:,}, so some came "
                "round again (and may have come from a cache)."
            )
    lines.append("")
    lines.append("| scenario | URL | HTML bytes | HTML brotli KB | + CSS brotli KB | scripts | status codes |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for s in run.scenarios:
        size = s.size
        codes = ", ".join(f"{code}: {count:,}" for code, count in sorted(s.load.statuses.items())) or "none"
        sockets = {k: v for k, v in s.load.socket_errors.items() if k != "status" and v}
        if sockets:
            codes += "; socket errors " + ", ".join(f"{k} {v}" for k, v in sockets.items())
        where = f"`{s.path}`" + (f" and {s.addresses - 1:,} more" if s.addresses > 1 else "")
        lines.append(
            f"| {s.name} | {where} | {_int(size.html_bytes if size else None)} "
            f"| {_num(size.html_brotli / KB if size else None)} | {_num(size.total_brotli / KB if size else None)} "
            f"| {_int(size.scripts if size else None)} | {codes} |"
        )
    lines.append("")

    if run.imports:
        lines += [
            "## Import of the official data",
            "",
            "| dataset | file | seconds | rows | rows/s | peak MB | outcome |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for i in run.imports:
            outcome = i.outcome if i.exit_code == 0 else f"{i.outcome} (exit {i.exit_code})"
            lines.append(
                f"| {i.dataset} | `{i.file_name}` | {_num(i.seconds)} | {_int(i.rows)} | {_num(i.rows_per_second, 0)} "
                f"| {_num(i.peak_mb, 0)} | {outcome} |"
            )
        total_rows = sum(i.rows for i in run.imports)
        lines.append(
            f"| **all** | | **{_num(run.import_wall_s)}** | {_int(total_rows)} "
            f"| {_num(total_rows / run.import_wall_s if run.import_wall_s else None, 0)} "
            f"| {_num(max(i.peak_mb for i in run.imports), 0)} | |"
        )
        lines.append("")

    if run.workers:
        lines += ["## Gunicorn workers after the run", "", "| pid | peak RSS MB (VmHWM) | RSS MB now (VmRSS) |"]
        lines.append("| ---: | ---: | ---: |")
        for w in run.workers:
            lines.append(f"| {w.pid} | {_num(w.peak_mb, 0)} | {_num(w.rss_mb, 0)} |")
        lines.append("")

    lines += ["## Targets", "", "| target | met | measured |", "| --- | --- | --- |"]
    for target in evaluate_targets(run):
        lines.append(f"| {target.name} | {'met' if target.met else '**NOT MET**'} | {target.detail} |")
    lines.append("")
    if run.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in run.notes] + [""]
    return "\n".join(lines)
