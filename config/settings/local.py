"""The embedded default: SQLite, DEBUG on unless the environment says otherwise, a local-only secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Only for a developer's own machine; production.py refuses to start without a real secret.
SECRET_KEY = env("SECRET_KEY", default="local-development-only-not-a-secret")
