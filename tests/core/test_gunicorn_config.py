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


def test_the_master_unpacks_the_zip_codes_before_forking_the_workers(monkeypatch):
    """when_ready runs in the master once the app is loaded, so the workers forked after it share the unpacked ZIP
    codes (the package keeps them inside its compiled module; make bench shows the effect, see README "Speed")."""
    import runpy

    from reference_data import places

    calls = []
    monkeypatch.setattr(places, "warm_up", lambda: calls.append("warm_up"))
    runpy.run_path(str(ROOT / "config" / "gunicorn.py"))["when_ready"](None)
    assert calls == ["warm_up"]
