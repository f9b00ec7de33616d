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


def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_address_it_saw(clock):
    def via_proxy(forwarded):
        return request_from("127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(3):
        rate_limit.check(via_proxy("198.51.100.7"), "test", RATE)
    # Without TRUSTED_PROXY_COUNT everyone behind the proxy is the proxy: the window is full for all.
    assert not rate_limit.check(via_proxy("203.0.113.9"), "test", RATE).allowed
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert rate_limit.check(via_proxy("203.0.113.9"), "test", RATE).allowed
        for _ in range(3):
            rate_limit.check(via_proxy("198.51.100.7"), "test", RATE)
        # A forged entry left of the proxy's own changes nothing.
        assert not rate_limit.check(via_proxy("1.2.3.4, 198.51.100.7"), "test", RATE).allowed


@override_settings(RATE_LIMITS={"test": (1, 60)})
def test_the_rate_comes_from_settings_and_the_refusal_says_when_to_retry(clock):
    assert rate_limit.check(request_from("10.1.1.1"), "test").allowed
    verdict = rate_limit.check(request_from("10.1.1.1"), "test")
    response = rate_limit.too_many_requests(verdict, what="downloads")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "Too many downloads from your address. Please wait 60 seconds and try again.\n"
