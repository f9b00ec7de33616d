"""Polite, resumable downloads of official releases.

Publishers ask scripts to say who they are (BLS refuses anonymous ones), so every request names the site and a
contact. A download goes to ``<name>.part`` first: a cut connection keeps what arrived, and the next attempt asks
for the rest with a ``Range`` header (HTTP 206); a server that ignores it sends the whole file again (200), which
is taken from the start. Server errors and cut connections are retried with exponential backoff; a refusal
(404, 403, ...) is not. Nothing larger than the cap is written.
"""

import http.client
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError

Progress = Callable[[int, int | None], None]

RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}
CHUNK_BYTES = 1 << 16


class FetchFailed(Exception):
    """A release could not be fetched; the message is one line for the person running the command."""


class PublisherUnreachable(FetchFailed):
    """No answer at all (no network, DNS failure, refused connection): nothing to retry now."""


@dataclass(frozen=True)
class DownloadPolicy:
    user_agent: str
    max_bytes: int
    retries: int = 3
    backoff_seconds: float = 2.0
    timeout_seconds: float = 60.0


def download(
    url: str,
    target: Path,
    *,
    policy: DownloadPolicy,
    progress: Progress | None = None,
    headers: dict | None = None,
    sleep=time.sleep,
) -> dict:
    """Download ``url`` to ``target`` (resuming ``target.part``); return the response's validators
    (``etag``, ``last_modified``), or ``{"not_modified": True}`` when conditional ``headers`` got a 304."""
    partial = target.with_name(target.name + ".part")
    last_error = None
    for attempt in range(policy.retries + 1):
        if attempt:
            sleep(policy.backoff_seconds * 2 ** (attempt - 1))
        try:
            return _attempt(url, target, partial, policy=policy, progress=progress, headers=headers or {})
        except _Retry as exc:
            last_error = exc.reason
    raise FetchFailed(f"{url}: download failed after {policy.retries + 1} attempts ({last_error})")


class _Retry(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _attempt(url, target, partial, *, policy, progress, headers) -> dict:
    start = partial.stat().st_size if partial.exists() else 0
    request_headers = {"User-Agent": policy.user_agent, **headers}
    if start:
        request_headers["Range"] = f"bytes={start}-"
    request = urllib.request.Request(url, headers=request_headers)  # noqa: S310 - the manifest allows http(s) only
    try:
        response = urllib.request.urlopen(request, timeout=policy.timeout_seconds)  # noqa: S310
    except HTTPError as exc:
        if exc.code == 304:
            return {"not_modified": True}
        if exc.code == 416 and start:
            partial.unlink()  # what we kept no longer fits the file on the server: start again
            raise _Retry("the partial download did not match the file on the server") from exc
        if exc.code in RETRYABLE_STATUS:
            raise _Retry(f"HTTP {exc.code} {exc.reason}") from exc
        raise FetchFailed(f"{url}: the publisher answered HTTP {exc.code} {exc.reason}") from exc
    except URLError as exc:
        raise PublisherUnreachable(f"{url}: no answer from the publisher ({exc.reason})") from exc
    except (TimeoutError, ConnectionError) as exc:
        raise _Retry(str(exc) or type(exc).__name__) from exc
    with response:
        resumed = response.status == 206
        length = int(response.headers.get("Content-Length") or 0) or None
        total = (start + length if resumed else length) if length is not None else None
        if total is not None and total > policy.max_bytes:
            raise FetchFailed(f"{url}: the file is {total:,} bytes, over the {policy.max_bytes:,}-byte limit")
        done = start if resumed else 0
        try:
            with open(partial, "ab" if resumed else "wb") as out:
                while chunk := response.read(CHUNK_BYTES):
                    done += len(chunk)
                    if done > policy.max_bytes:
                        raise FetchFailed(f"{url}: the file is over the {policy.max_bytes:,}-byte limit")
                    out.write(chunk)
                    if progress:
                        progress(done, total)
        except (http.client.IncompleteRead, TimeoutError, ConnectionError) as exc:
            raise _Retry(f"the connection was cut after {done:,} bytes ({type(exc).__name__})") from exc
        if total is not None and done < total:
            raise _Retry(f"the connection was cut after {done:,} of {total:,} bytes")
        validators = {
            "etag": response.headers.get("ETag", ""),
            "last_modified": response.headers.get("Last-Modified", ""),
        }
    partial.replace(target)
    if progress:
        progress(done, done)
    return validators
