"""Failed staff logins are throttled (django-axes): at most 10 failures per username and address in 5 minutes, then
a 15-minute lockout that ends by itself, with a clear message. Staff sessions end after 2 hours idle."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from core.login_protection import client_ip_address
from core.staff_sessions import LAST_ACTIVITY_KEY, TOUCH_INTERVAL_SECONDS

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def fail(client, username, times, address="203.0.113.7"):
    return [log_in(client, username, "wrong-password", address) for _ in range(times)]


def age_attempts(minutes, **filters):
    AccessAttempt.objects.filter(**filters).update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))


class TestLockout:
    def test_ten_failures_lock_the_username_at_that_address(self, editor):
        client = Client()
        responses = fail(client, "edna", 9)
        assert all(
            r.status_code == 200 and "Please enter the correct username" in r.content.decode() for r in responses
        )
        tenth = fail(client, "edna", 1)[0]
        assert tenth.status_code == 429
        html = tenth.content.decode()
        assert "<h1>Sign-in paused for 15 minutes</h1>" in html
        assert "10 failed attempts to sign in as <strong>edna</strong>" in html
        assert "ends by itself" in html
        assert 0 < int(tenth["Retry-After"]) <= 15 * 60
        # Even the right password is refused while the lockout lasts.
        locked = log_in(client, "edna", PASSWORD)
        assert locked.status_code == 429 and "_auth_user_id" not in client.session

    def test_the_lockout_page_is_in_the_site_style_with_one_heading(self, editor):
        html = fail(Client(), "edna", 10)[-1].content.decode()
        assert html.count("<h1") == 1
        assert 'class="site-header"' in html and 'href="/"' in html

    def test_the_lockout_ends_by_itself_after_15_minutes(self, editor):
        client = Client()
        fail(client, "edna", 10)
        age_attempts(6)
        assert log_in(client, "edna", PASSWORD).status_code == 429  # 5 minutes is not enough
        age_attempts(16)
        response = log_in(client, "edna", PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/admin/"

    def test_failures_during_a_lockout_do_not_extend_it(self, editor):
        client = Client()
        fail(client, "edna", 10)
        age_attempts(14)
        fail(client, "edna", 3)  # refused, and not counted
        age_attempts(16)
        assert log_in(client, "edna", PASSWORD).status_code == 302

    def test_failures_more_than_5_minutes_apart_start_the_count_again(self, editor):
        client = Client()
        fail(client, "edna", 9)
        age_attempts(6)
        responses = fail(client, "edna", 9)
        assert all(r.status_code == 200 for r in responses)  # 9 in this run: not locked
        assert fail(client, "edna", 1)[0].status_code == 429  # the 10th within 5 minutes of the last

    def test_other_usernames_and_addresses_are_not_locked(self, editor, steward):
        client = Client()
        fail(client, "edna", 10)
        assert log_in(Client(), "stew", PASSWORD).status_code == 302
        assert log_in(Client(), "edna", PASSWORD, address="198.51.100.9").status_code == 302

    def test_a_successful_login_resets_the_count(self, editor):
        client = Client()
        fail(client, "edna", 9)
        assert log_in(client, "edna", PASSWORD).status_code == 302
        client.logout()
        assert all(r.status_code == 200 for r in fail(client, "edna", 9))


class TestClientAddress:
    def test_without_a_trusted_proxy_only_the_connection_counts(self, rf):
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert client_ip_address(request) == "10.0.0.1"

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_it_saw_counts_and_forged_entries_do_not(self, rf):
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
        assert client_ip_address(request) == "203.0.113.7"
        assert client_ip_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


class TestStaffSessions:
    def test_a_staff_session_expires_after_two_hours_idle(self, editor):
        client = Client()
        assert log_in(client, "edna", PASSWORD).status_code == 302
        assert client.session.get_expiry_age() == 2 * 60 * 60
        session = Session.objects.get(session_key=client.session.session_key)
        remaining = session.expire_date - timezone.now()
        assert datetime.timedelta(minutes=119) < remaining <= datetime.timedelta(hours=2)
        assert client.get(reverse("admin:index")).status_code == 200

        # Two hours pass without a request: the session is gone and the admin asks for a login again.
        Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)

    def test_activity_pushes_the_expiry_back(self, editor):
        client = Client()
        log_in(client, "edna", PASSWORD)
        key = client.session.session_key
        # Pretend the last activity was long ago, with 10 minutes left before the session ends.
        session = client.session
        session[LAST_ACTIVITY_KEY] -= TOUCH_INTERVAL_SECONDS + 1
        session.save()
        Session.objects.filter(pk=key).update(expire_date=timezone.now() + datetime.timedelta(minutes=10))
        assert client.get(reverse("admin:index")).status_code == 200
        remaining = Session.objects.get(pk=key).expire_date - timezone.now()
        assert remaining > datetime.timedelta(minutes=119)

    def test_a_page_that_refreshes_itself_is_not_activity(self, editor):
        client = Client()
        log_in(client, "edna", PASSWORD)
        key = client.session.session_key
        session = client.session
        session[LAST_ACTIVITY_KEY] -= TOUCH_INTERVAL_SECONDS + 1
        session.save()
        Session.objects.filter(pk=key).update(expire_date=timezone.now() + datetime.timedelta(minutes=10))
        client.get(reverse("admin:index"), {"auto-refresh": "1"})
        remaining = Session.objects.get(pk=key).expire_date - timezone.now()
        assert remaining < datetime.timedelta(minutes=11)
