import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
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
