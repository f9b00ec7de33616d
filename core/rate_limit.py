"""A fixed-window rate limit per client, kept in Django's cache, for paths that cost a worker real time.

Each client (its address: REMOTE_ADDR, or the header a trusted proxy sets, see ``client_address``) may make
``limit`` requests per ``window`` seconds in each named scope; the counter lives in the default cache under a key
per scope, client and window, and expires with the window. A fixed window lets a client make up to twice the
limit across a window boundary; that is enough to stop one client from tying up the workers, and costs one cache
round trip. With a cache each worker keeps for itself (local memory) each worker counts apart; production's Redis
counts for all of them.

Settings: ``RATE_LIMITS = {"scope": (limit, window_seconds)}`` and ``RATE_LIMIT_CLIENT_HEADER``, the ``request.META``
key of a header the proxy in front of the site sets to the client's address (e.g. ``"HTTP_X_REAL_IP"``; empty, the
default, means REMOTE_ADDR). Set the header only behind a proxy that overwrites it, or anyone can choose their own.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse


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


def client_address(request) -> str:
    header = getattr(settings, "RATE_LIMIT_CLIENT_HEADER", "")
    if header and request.META.get(header):
        # X-Forwarded-For style lists: the last address is the one our own proxy added.
        return request.META[header].split(",")[-1].strip()[:100]
    return request.META.get("REMOTE_ADDR", "")[:100]


def check(request, scope, rate: RateLimit | None = None) -> Verdict:
    """Count this request against the client's window in ``scope``; refuse it once the window is full."""
    rate = rate or configured_limit(scope)
    now = time.time()
    window_index = int(now // rate.window)
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:16]
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
