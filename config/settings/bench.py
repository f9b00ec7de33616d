"""make bench (bench/runner.py): production settings, and the URLconf that adds the benchmark's floor page."""

from .production import *  # noqa: F403

ROOT_URLCONF = "config.urls_bench"
