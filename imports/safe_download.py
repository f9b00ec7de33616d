"""Downloading an official file safely: http(s) only, streamed to disk, and (from the admin) public addresses only.

An address that resolves inside our own network is refused on the very addresses connected to (no second DNS
lookup to fool), and every redirect is checked the same way.
"""

import http.client
import ipaddress
import socket
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlparse
from urllib.request import Request

from .files import download_name
from .importers.report import ImportFailed

Progress = Callable[[int, int | None], None]
Log = Callable[[str], None]

USER_AGENT = "healthcare-careers-guide-importer/1.0"
DOWNLOAD_TIMEOUT_SECONDS = 60


def download(
    url: str,
    folder: Path,
    *,
    progress: Progress | None = None,
    log: Log | None = None,
    public_only: bool = False,
) -> Path:
    """Stream ``url`` to a file in ``folder`` (named as the server names it) and return its path.

    With ``public_only`` (imports started from the admin) the server, and every server a redirect leads to, must be
    on the public internet: an address that resolves to a loopback, private, link-local, reserved or multicast
    address is refused before anything is sent to it, so the web server cannot be made to fetch from our own
    network. The check is made on the very addresses connected to (no second DNS lookup to fool), and system
    proxies are not used. The command line (``import_data SOURCE``) may download from anywhere, localhost included.
    """
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise ImportFailed(f"{url}: only http and https addresses can be downloaded")
    if log:
        log(f"Downloading {url}")
    request = Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - the scheme is checked above
    opener = _public_opener() if public_only else _opener()
    try:
        with opener.open(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
            path = folder / download_name(response.headers.get("Content-Disposition", ""), parsed.path)
            total = int(response.headers.get("Content-Length") or 0) or None
            done = reported = 0
            with open(path, "wb") as out:
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress and done - reported >= (1 << 20):
                        progress(done, total)
                        reported = done
            if progress:
                progress(done, total or done)
    except HTTPError as exc:
        raise ImportFailed(f"{url}: download failed: HTTP {exc.code} {exc.reason}") from exc
    except URLError as exc:
        if isinstance(exc.reason, InternalAddress):
            raise ImportFailed(f"{url}: download refused: {INTERNAL_ADDRESS_MESSAGE}") from exc
        raise ImportFailed(f"{url}: download failed: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ImportFailed(f"{url}: download failed: {reason}") from exc
    if total is not None and done != total:
        raise ImportFailed(f"{url}: download incomplete ({done:,} of {total:,} bytes)")
    return path


INTERNAL_ADDRESS_MESSAGE = "That address points inside our own network; give the publisher's public download address."


class InternalAddress(OSError):
    """A download address (or a redirect's) that resolves inside our own network. An OSError, so that urllib passes
    it on as the reason of its URLError, like any failure to connect."""


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local, reserved, multicast or
    unspecified, nor an IPv6 form (mapped, 6to4, Teredo) of such an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if any(inner is not None and not is_public_address(inner) for inner in embedded):
            return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def internal_address_of(host: str, port: int | None = None) -> str | None:
    """The first address ``host`` resolves to that is not public, or None. A host that does not resolve is not
    refused here: the download then fails with the resolver's own message."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if not is_public_address(address):
            return str(address)
    return None


def _connect_to_public_address(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """``socket.create_connection`` that resolves the host once, refuses it if any of its addresses is not public,
    and connects to the addresses it checked."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as exc:
        raise OSError(f"{host}: not a valid host name") from exc
    for *_, sockaddr in infos:
        if not is_public_address(ipaddress.ip_address(sockaddr[0].split("%", 1)[0])):
            raise InternalAddress(f"{host} resolves to {sockaddr[0]}")
    error = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"{host}: no address to connect to")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_to_public_address


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_to_public_address


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib would follow one to ftp://); with ``public_only``, only
    to public ones (checked here for a clear message, and again when connecting)."""

    def __init__(self, public_only: bool):
        self.public_only = public_only

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urlparse(newurl)
        if target.scheme not in ("http", "https"):
            fp.close()
            raise ImportFailed(f"{req.full_url}: download refused: it redirects to {newurl}, not an http(s) address")
        if self.public_only and (not target.hostname or internal_address_of(target.hostname, target.port)):
            fp.close()
            raise ImportFailed(
                f"{req.full_url}: download refused: it redirects to {newurl}. {INTERNAL_ADDRESS_MESSAGE}"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener():
    return urllib.request.build_opener(_RedirectHandler(public_only=False))


def _public_opener():
    # No proxies: the addresses checked must be the ones connected to.
    opener = urllib.request.OpenerDirector()
    handlers = [
        urllib.request.ProxyHandler({}),
        urllib.request.UnknownHandler(),
        _PublicHTTPHandler(),
        _PublicHTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(public_only=True),
        urllib.request.HTTPErrorProcessor(),
    ]
    for handler in handlers:
        opener.add_handler(handler)
    return opener
