from . import staff_sessions

# Requests that a page makes by itself (<meta http-equiv="refresh">) carry this query parameter; they are not
# activity, so a progress page left open does not keep a session alive.
AUTO_REFRESH_PARAM = "auto-refresh"


class StaffSessionIdleTimeoutMiddleware:
    """Staff sessions expire after STAFF_SESSION_IDLE_SECONDS idle (see core/staff_sessions.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if AUTO_REFRESH_PARAM not in request.GET and staff_sessions.is_staff_session(getattr(request, "user", None)):
            staff_sessions.touch(request.session)
        return self.get_response(request)
