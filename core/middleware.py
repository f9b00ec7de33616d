from django.core.exceptions import BadRequest
from django.urls import reverse

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


class AdminRefusesNulMiddleware:
    """A NUL character in the admin's query string (an autocomplete `term`, a changelist's `q` or a filter) is a
    400 Bad Request.

    PostgreSQL text cannot hold NUL: psycopg2 raises ValueError as the query is sent, which was a 500 for the
    autocomplete views and for changelist filters. No admin search or filter can match a NUL, so refusing it for
    every admin address (Django's views, ours and third-party admins alike) loses nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(_admin_prefix()) and _has_nul(request.GET):
            raise BadRequest("The address contains a NUL character.")
        return self.get_response(request)


def _admin_prefix():
    return reverse("admin:index")


def _has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())
