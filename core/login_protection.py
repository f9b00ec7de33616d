"""Login throttling with django-axes: at most AXES_FAILURE_LIMIT failed logins per username and address within
AXES_FAILURE_WINDOW, then a lockout of AXES_COOLOFF_TIME that ends by itself.

Axes keeps one AccessAttempt row per username, address and browser, holding the number of failures and the time
of the latest. On its own it counts every failure newer than the cool-off (15 minutes), so ten failures spread over
an hour and a half could lock someone out. FailureWindowHandler counts a *run* of failures instead: each failure
within the 5-minute window of the previous one continues the run, 5 quiet minutes end it. A run that reaches the
limit is a lockout, which lasts the cool-off from its last failure; attempts during a lockout are refused without
being recorded (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so they do not extend it.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone


def _now(request):
    return getattr(request, "axes_attempt_time", None) or timezone.now()


def failure_window() -> timedelta:
    return settings.AXES_FAILURE_WINDOW


class FailureWindowHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        already_locked_out = getattr(request, "axes_locked_out", False)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and request.axes_locked_out and not already_locked_out:
            # A run may be spread over several rows (one per browser); mark this failure's row as the lockout
            # so it lasts the whole cool-off whichever browser comes back.
            limit = get_failure_limit(request, credentials)
            AccessAttempt.objects.filter(
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
                user_agent=request.axes_user_agent,
                failures_since_start__lt=limit,
            ).update(failures_since_start=limit)

    def get_user_attempts(self, request, credentials=None):
        now = _now(request)
        limit = get_failure_limit(request, credentials)
        in_current_run = Q(attempt_time__gte=now - failure_window())
        locked_out = Q(failures_since_start__gte=limit, attempt_time__gte=now - get_cool_off(request))
        return [
            attempts.filter(in_current_run | locked_out) for attempts in self.filter_user_attempts(request, credentials)
        ]

    def clean_expired_user_attempts(self, request=None, credentials=None):
        # Axes deletes rows older than the cool-off; a run that stopped short of the limit ends sooner, so the
        # next failure starts counting from one again.
        count = super().clean_expired_user_attempts(request, credentials)
        now = _now(request)
        limit = get_failure_limit(request, credentials)
        ended, _ = AccessAttempt.objects.filter(
            attempt_time__lt=now - failure_window(), failures_since_start__lt=limit
        ).delete()
        return count + ended


def locked_until(request, credentials=None):
    """When the lockout of this request's username and address ends (None if it is not locked out)."""
    handler = FailureWindowHandler()
    limit = get_failure_limit(request, credentials)
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        newest = attempts.filter(failures_since_start__gte=limit).aggregate(newest=Max("attempt_time"))["newest"]
        if newest is not None and (latest is None or newest > latest):
            latest = newest
    return latest + get_cool_off(request) if latest else None


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, in the site's style, with HTTP 429 and Retry-After."""
    until = locked_until(request, credentials) or (_now(request) + get_cool_off(request))
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "window_minutes": int(failure_window().total_seconds() // 60),
        "cooloff_minutes": int(get_cool_off(request).total_seconds() // 60),
        "locked_until": until,
    }
    response = render(request, "core/locked_out.html", context, status=429)
    response["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
    return response


def client_ip_address(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the first of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the entry
    TRUSTED_PROXY_COUNT from the right is the one our own outermost proxy wrote; entries left of it come from the
    client and could be forged to dodge the per-address limit.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")
