"""A fixed-window rate limit per client, kept in Django's cache, for paths that cost a worker real time.

Each client (its address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry our own
outermost proxy wrote; core.login_protection.client_ip_address, which login throttling uses too) may make
``limit`` requests per ``window`` seconds in each named scope; the counter lives in the default cache under a key
per scope, client and window, and expires with the window. A fixed window lets a client make up to twice the
limit across a window boundary; that is enough to stop one client from tying up the workers, and costs one cache
round trip. With a cache each worker keeps for itself (local memory) each worker counts apart; production's Redis
counts for all of them.

Settings: ``RATE_LIMITS = {"scope": (limit, window_seconds)}``, and TRUSTED_PROXY_COUNT for the client's address.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from core.login_protection import client_ip_address


@dataclass(frozen=True)
class RateLimit:
    limit: int
    window: int  # seconds


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends (0 when allowed)


def configured_limit(scope) -> RateLimit:
    limit, window = settings.RATE_LIMITS[scope]
    return RateLimit(int(limit), int(window))


def check(request, scope, rate: RateLimit | None = None) -> Verdict:
    """Count this request against the client's window in ``scope``; refuse it once the window is full."""
    rate = rate or configured_limit(scope)
    now = time.time()
    window_index = int(now // rate.window)
    client = hashlib.sha256((client_ip_address(request) or "").encode()).hexdigest()[:16]
    key = f"rate:{scope}:{client}:{window_index}"
    # add() does nothing if the key exists; incr() is atomic on Redis (and under locmem's lock).
    cache.add(key, 0, timeout=rate.window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate.window + 1)
        count = 1
    if count <= rate.limit:
        return Verdict(True, 0)
    return Verdict(False, max(1, math.ceil((window_index + 1) * rate.window - now)))


def too_many_requests(verdict: Verdict, what="requests") -> HttpResponse:
    """A plain 429 that says what happened and when to try again, with Retry-After (RFC 9110, 10.2.3)."""
    text = (
        f"Too many {what} from your address. Please wait {verdict.retry_after} second"
        f"{'s' if verdict.retry_after != 1 else ''} and try again.\n"
    )
    response = HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(verdict.retry_after)
    return response
