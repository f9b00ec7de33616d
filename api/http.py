"""What every API answer shares: JSON kept per content version with an ETag (304 when unchanged), problem documents
(RFC 9457) for errors, and the middleware that gives /api/ its CORS headers, HEAD, preflight and rate limit.

A JSON answer is kept whole, as bytes, under its known parameters and the content version (core/page_cache.py), so
a repeated request until the next import or staff edit is a cache read and no query beyond the version's.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, quote_etag

from core import rate_limit
from core.page_cache import CONTENT_CACHE_SECONDS, page_cache_key

PROBLEM_TYPE = "application/problem+json"
JSON_TYPE = "application/json"
RATE_LIMIT_SCOPE = "api"
API_PREFIX = "/api/v1/"
# Readable by any site's script (the data is public; no cookie or credential is read or sent: no -Credentials).
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Max-Age": "86400",
}
ALLOWED = "GET, HEAD, OPTIONS"


class Encoder(DjangoJSONEncoder):
    """Decimals (BLS hourly wages, projections in thousands) as JSON numbers, not strings."""

    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def _dumps(data) -> bytes:
    return json.dumps(data, cls=Encoder, ensure_ascii=False, separators=(",", ":")).encode()


def problem(request, status, title, detail="", *, errors=None, headers=None) -> HttpResponse:
    """An RFC 9457 problem document. ``type`` points to the documentation page's list of problems."""
    slug = title.lower().replace(" ", "-")
    body = {
        "type": request.build_absolute_uri(f"/api/#problem-{slug}"),
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": request.get_full_path()[:500],
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(_dumps(body), status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def form_errors(form) -> list[dict]:
    """The form's own messages, one per parameter and message ("parameter": null for a cross-field one)."""
    errors = []
    for name, messages in form.errors.get_json_data().items():
        for message in messages:
            errors.append(
                {
                    "parameter": None if name == "__all__" else name,
                    "message": message["message"],
                    "code": message["code"] or "invalid",
                }
            )
    return errors


def invalid_parameters(request, form) -> HttpResponse:
    errors = form_errors(form)
    detail = " ".join(error["message"] for error in errors[:5])
    return problem(request, 400, "Invalid parameters", detail, errors=errors)


class NotFound(Exception):  # noqa: N818 - the name is the HTTP status it becomes
    """Raised by a ``build()`` for an address with nothing at it: a 404 problem document."""

    def __init__(self, detail):
        super().__init__(detail)
        self.detail = detail


class Refused(Exception):  # noqa: N818 - it carries the answer, not an error of ours
    """Raised by a ``build()`` with an answer that is sent but never kept (a 400 for invalid parameters: it repeats
    what was typed, and is not worth a place in the cache)."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


@dataclass(frozen=True)
class Kept:
    status: int
    body: bytes


def json_answer(request, name, *args, build) -> HttpResponse:
    """The JSON of ``build()`` (data for DjangoJSONEncoder), kept per content version under ``name`` and ``args``
    (what the answer is made from: cleaned parameters only), with an ETag and 304 Not Modified when it matches.

    ``build()`` may raise NotFound (a 404, kept too: an unknown UNITID asked for again costs nothing) or Refused (an
    answer sent as it is and not kept). Validation belongs in ``build()``, so a repeated question costs a cache read
    and nothing else, as the HTML search does (Find a School's form reads the ZIP code from the database)."""
    key = page_cache_key(request, f"api:{name}", *args)
    etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:24])
    # The tag names the question and the content version, so a client holding it already has this answer: no need
    # to read it (only a 200 is ever tagged).
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        return not_modified
    kept = cache.get(key)
    if kept is None:
        try:
            kept = Kept(200, _dumps(build()))
        except Refused as refused:
            return refused.response
        except NotFound as missing:
            kept = Kept(404, problem(request, 404, "Not found", missing.detail).content)
        cache.set(key, kept, CONTENT_CACHE_SECONDS)
    if kept.status != 200:
        return HttpResponse(kept.body, status=kept.status, content_type=PROBLEM_TYPE)
    response = HttpResponse(kept.body, content_type=JSON_TYPE)
    response["ETag"] = etag
    # Ask again every time; the ETag makes the answer to an unchanged question a 304 with no body.
    response["Cache-Control"] = "no-cache"
    return response


class ApiMiddleware:
    """For every address under /api/v1/: CORS for GET (any origin, no credentials), the answer to a CORS preflight,
    HEAD as a GET without its body, 405 for any other method, and the per-client rate limit (RATE_LIMITS["api"],
    core/rate_limit.py) with a 429 problem document and Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        response = self._answer(request)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        return response

    def _answer(self, request):
        method = request.method
        if method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response[name] = value
            response["Allow"] = ALLOWED
            return response
        if method not in ("GET", "HEAD"):
            return problem(
                request, 405, "Method not allowed", "The API only reads: use GET.", headers={"Allow": ALLOWED}
            )
        verdict = rate_limit.check(request, RATE_LIMIT_SCOPE)
        if not verdict.allowed:
            seconds = verdict.retry_after
            detail = f"Too many requests from your address. Please wait {seconds} second{'s' if seconds != 1 else ''}."
            return problem(request, 429, "Too many requests", detail, headers={"Retry-After": str(seconds)})
        if method == "HEAD":
            request.method = "GET"
            response = self._problem_for_unknown_address(request, self.get_response(request))
            request.method = "HEAD"
            if not getattr(response, "streaming", False):
                response["Content-Length"] = str(len(response.content))
                response.content = b""
            return response
        return self._problem_for_unknown_address(request, self.get_response(request))

    @staticmethod
    def _problem_for_unknown_address(request, response):
        """An address no operation matches (say, a slug holding "/") gets Django's HTML 404 page: a client of the
        API gets a problem document instead."""
        if response.status_code == 404 and not response.get("Content-Type", "").startswith((JSON_TYPE, PROBLEM_TYPE)):
            return problem(request, 404, "Not found", "Nothing at this address.")
        return response


def api_limit_text():
    limit, window = settings.RATE_LIMITS[RATE_LIMIT_SCOPE]
    return f"{limit} requests per {window} seconds"
