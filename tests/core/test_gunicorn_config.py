"""config/gunicorn.py bounds worker memory: each worker is replaced after 2,000 to 2,200 requests (README "Limits").
make bench serves with the same file, so its memory figures are production's."""

import os
import subprocess
import sys
from pathlib import Path

from bench import runner

ROOT = Path(__file__).resolve().parents[2]


def resolved_config(command):
    """gunicorn's own reading of a command line (--print-config loads the config file and the app, then exits)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [*command, "--print-config"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    settings = {}
    for line in result.stdout.splitlines():
        name, separator, value = line.partition("=")
        if separator:
            settings[name.strip()] = value.strip()
    return settings


def test_the_config_file_loads_and_recycles_workers():
    settings = resolved_config([sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py"])
    assert settings["wsgi_app"] == "config.wsgi:application"
    assert settings["max_requests"] == "2000"
    assert settings["max_requests_jitter"] == "200"
    assert settings["timeout"] == "60"
    # A replaced worker is forked from the preloaded master: make bench measured a guide page p95 of 234 to 420 ms
    # without it (each replacement re-imported Django) and 11.6 ms with it.
    assert settings["preload_app"] == "True"


def test_make_bench_serves_with_the_config_file():
    settings = resolved_config(runner.gunicorn_command(port=8765, workers=3))
    assert settings["max_requests"] == "2000"
    assert settings["max_requests_jitter"] == "200"
    # The bench's own port and worker count still win over the file.
    assert settings["bind"] == "['127.0.0.1:8765']"
    assert settings["workers"] == "3"


def test_the_master_warms_up_before_forking_the_workers(monkeypatch):
    """when_ready runs in the master once the app is loaded, so the workers forked after it share the unpacked ZIP
    codes (the package keeps them inside its compiled module) and Django's first-use work (core/prefork.py)."""
    import runpy
    from types import SimpleNamespace

    from core import prefork
    from reference_data import places
    from schools import search_data, search_index

    calls = []
    monkeypatch.setattr(places, "warm_up", lambda: calls.append("zip codes"))
    monkeypatch.setattr(search_index, "warm_up", lambda: calls.append("search index") or 6420)
    monkeypatch.setattr(search_data, "warm_up", lambda: calls.append("searches") or 349)
    monkeypatch.setattr(prefork, "warm_up_django", lambda: calls.append("django") or 67)
    logged = []
    server = SimpleNamespace(log=SimpleNamespace(info=lambda *args: logged.append(args[0] % args[1:])))
    runpy.run_path(str(ROOT / "config" / "gunicorn.py"))["when_ready"](server)
    # Django's warm-up last: it closes the database connections the others opened, then freezes what they made.
    assert calls == ["zip codes", "search index", "searches", "django"]
    assert logged == [
        "Warmed up before forking: URL resolvers, 67 templates, ZIP codes, search index of 6420 schools, the "
        "searches of 349 careers and programs"
    ]


RETIRING_WORKER = """
import atexit, runpy, sys
atexit.register(lambda: print("interpreter torn down"))
worker_exit = runpy.run_path("config/gunicorn.py")["worker_exit"]
try:
    sys.exit({code})
finally:
    worker_exit(None, None)
"""


def run_retiring_worker(code):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    source = "import django; django.setup()\n" + RETIRING_WORKER.format(code=code)
    return subprocess.run(
        [sys.executable, "-c", source], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_a_retired_worker_exits_at_once_without_tearing_the_interpreter_down():
    """max_requests retires a worker with exit code 0: it skips the teardown (about 200 ms of a core each time)."""
    result = run_retiring_worker(0)
    assert result.returncode == 0, result.stderr
    assert "interpreter torn down" not in result.stdout


def test_a_worker_that_fails_keeps_its_exit_code_for_the_master():
    """gunicorn's master stops when a worker exits with its boot-error code (3): that ending is left alone."""
    result = run_retiring_worker(3)
    assert result.returncode == 3
    assert "interpreter torn down" in result.stdout
