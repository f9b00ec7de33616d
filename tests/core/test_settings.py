import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_production(code="import config.settings.production", **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret():
    result = _import_production(ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret():
    result = _import_production(ALLOWED_HOSTS="example.org", SECRET_KEY="short")
    assert result.returncode != 0


def test_production_starts_with_a_real_secret():
    result = _import_production(ALLOWED_HOSTS="example.org", SECRET_KEY="x" * 64)
    assert result.returncode == 0, result.stderr


def test_production_ignores_debug_true_in_the_environment():
    # A stray DEBUG=true must never expose tracebacks and settings on the public site.
    for value in ("true", "1", "on"):
        result = _import_production(
            "import config.settings.production as s; print(s.DEBUG)",
            ALLOWED_HOSTS="example.org",
            SECRET_KEY="x" * 64,
            DEBUG=value,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "False", value


def test_local_settings_still_honour_debug_from_the_environment():
    # The other half of the rule: debugging is for local settings, which follow DEBUG.
    code = "import config.settings.local as s; print(s.DEBUG)"
    assert _import_production(code, DEBUG="false").stdout.strip() == "False"
    assert _import_production(code, DEBUG="true").stdout.strip() == "True"
