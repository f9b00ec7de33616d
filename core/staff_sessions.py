"""Staff sessions end after STAFF_SESSION_IDLE_SECONDS without activity.

Each staff request pushes the session's expiry STAFF_SESSION_IDLE_SECONDS into the future; Django's session
backend then refuses the session once that time has passed, so an idle session ends even if no request comes.
The session is written at most once a minute (not on every request, as SESSION_SAVE_EVERY_REQUEST would), and
pages that refresh themselves (import progress) do not count as activity.
"""

import time

from django.conf import settings

LAST_ACTIVITY_KEY = "staff_last_activity"
TOUCH_INTERVAL_SECONDS = 60


def is_staff_session(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def touch(session, *, now=None, force=False):
    """Record activity and push the session's expiry back; returns True when the session was marked for saving."""
    now = int(now if now is not None else time.time())
    last = session.get(LAST_ACTIVITY_KEY)
    if not force and isinstance(last, int) and 0 <= now - last < TOUCH_INTERVAL_SECONDS:
        return False
    session[LAST_ACTIVITY_KEY] = now
    session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
    return True
