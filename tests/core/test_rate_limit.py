"""core/rate_limit.py: a fixed window per client and scope, counted in Django's cache."""

import pytest
from django.test import RequestFactory, override_settings

from core import rate_limit

RATE = rate_limit.RateLimit(limit=3, window=60)


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 6_000_000.0}  # the start of a 60-second window
    monkeypatch.setattr(rate_limit.time, "time", lambda: now["t"])
    return now


def request_from(address, **meta):
    return RequestFactory().get("/", REMOTE_ADDR=address, **meta)


def test_a_client_gets_the_limit_then_waits_for_the_next_window(clock):
    verdicts = [rate_limit.check(request_from("10.1.1.1"), "test", RATE) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    clock["t"] += 15
    refused = rate_limit.check(request_from("10.1.1.1"), "test", RATE)
    assert not refused.allowed and refused.retry_after == 45
    clock["t"] += 45
    assert rate_limit.check(request_from("10.1.1.1"), "test", RATE).allowed


def test_clients_and_scopes_are_counted_apart(clock):
    for _ in range(3):
        rate_limit.check(request_from("10.1.1.1"), "test", RATE)
    assert not rate_limit.check(request_from("10.1.1.1"), "test", RATE).allowed
    assert rate_limit.check(request_from("10.1.1.2"), "test", RATE).allowed
    assert rate_limit.check(request_from("10.1.1.1"), "other", RATE).allowed


def test_the_address_comes_from_the_trusted_header_only_when_configured():
    behind_proxy = request_from("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert rate_limit.client_address(behind_proxy) == "127.0.0.1"
    with override_settings(RATE_LIMIT_CLIENT_HEADER="HTTP_X_FORWARDED_FOR"):
        # The last address is the one our proxy added; the ones before it the client may have made up.
        assert rate_limit.client_address(behind_proxy) == "198.51.100.7"
        assert rate_limit.client_address(request_from("10.0.0.5")) == "10.0.0.5"  # header absent


@override_settings(RATE_LIMITS={"test": (1, 60)})
def test_the_rate_comes_from_settings_and_the_refusal_says_when_to_retry(clock):
    assert rate_limit.check(request_from("10.1.1.1"), "test").allowed
    verdict = rate_limit.check(request_from("10.1.1.1"), "test")
    response = rate_limit.too_many_requests(verdict, what="downloads")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "Too many downloads from your address. Please wait 60 seconds and try again.\n"
