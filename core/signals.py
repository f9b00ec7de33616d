"""Receivers for django.contrib.auth signals (plumbing only: the rules live in core/staff_sessions.py)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import staff_sessions


@receiver(user_logged_in, dispatch_uid="core.start_staff_session_clock")
def start_staff_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and staff_sessions.is_staff_session(user):
        staff_sessions.touch(request.session, force=True)
