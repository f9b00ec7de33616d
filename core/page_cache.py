"""Public content pages (guides, certifications, home) cached as rendered HTML and answered with 304 when unchanged.

What is cached: the main content of a page, rendered without the request, so no CSP nonce, CSRF token, user or
message can end up in it; the header, footer and messages still render on every request. Staff are never served
from the cache and never get a 304 (they see drafts and previews at the same addresses).

How it is invalidated: every cache key and every ETag carries the content version, read in one query on each
request from the version sources the apps register in their AppConfig.ready() (register_version_source; core itself
names no app's model): careers gives the newest change and the number of guides; certifications the newest entry in
the version history of certifications, their sources, certifying bodies and their links to guides; schools that of
the programs staff add to or remove from a career's school search and of the staff corrections of imported schools;
imports the newest successful data import. Publishing, unpublishing or editing a guide (the admin saves the guide
itself also when only one of its sections changed, which bumps ``updated_at``), editing or deleting a certification,
its sources or its body, changing a career's programs or a school's override, deleting a guide, or importing a file
changes the version, so the next request renders afresh in every worker, with any cache backend, and nothing has
to be deleted. Find a School caches its pages, and keeps the data its searches are built from, under the same
version (schools/views.py, schools/search_data.py). Imported data is read-only in the admin; a change made around
the importers and the admin (a script, the shell) is not in the version, which also rolls over every
CONTENT_CACHE_SECONDS and so bounds how long such a change takes to show.
The release (this code and its templates) is in the ETag too, so a deploy never answers 304 with old HTML.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import connection
from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, quote_etag

from .near_cache import near_pages, shared_cache_in_use

CONTENT_CACHE_SECONDS = 60 * 60


def _is_staff(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_staff)


@dataclass(frozen=True)
class VersionSource:
    """One value the content version reads: ``aggregate(column)`` over the rows of ``table`` that match ``where``
    (pairs of column and value, compared for equality). Build one with newest, row_count or newest_version."""

    table: str
    aggregate: str  # "MAX" or "COUNT"
    column: str = "*"
    where: tuple = ()

    def as_sql(self, quote):
        column = "*" if self.column == "*" else quote(self.column)
        sql = f"(SELECT {self.aggregate}({column}) FROM {quote(self.table)}"  # noqa: S608
        if self.where:
            sql += " WHERE " + " AND ".join(f"{quote(name)} = %s" for name, _ in self.where)
        return sql + ")", [value for _, value in self.where]


def _where(model, where):
    return tuple((model._meta.get_field(name).column, value) for name, value in (where or {}).items())


def newest(model, field_name, *, where=None) -> VersionSource:
    """The largest value of ``field_name`` (a change date, an ever-growing id) among ``model``'s rows matching
    ``where`` ({field name: value}): moves when a row is changed or added."""
    return VersionSource(model._meta.db_table, "MAX", model._meta.get_field(field_name).column, _where(model, where))


def row_count(model, *, where=None) -> VersionSource:
    """How many rows ``model`` has: moves when one is deleted, which no date shows."""
    return VersionSource(model._meta.db_table, "COUNT", "*", _where(model, where))


def newest_version(model) -> VersionSource:
    """The date of the newest entry in ``model``'s version history (django-simple-history writes one on every save
    and delete, so this moves on each, deletes included)."""
    return VersionSource(model.history.model._meta.db_table, "MAX", "history_date")


# What the content version reads, in the order registered (each app's ready(), so the same in every process).
_version_sources = {}


def register_version_source(*sources: VersionSource):
    """Make each change ``sources`` see a change of every cached page. Call from AppConfig.ready(); registering
    the same source again changes nothing."""
    for source in sources:
        _version_sources.setdefault(source, None)


def _version_query():
    # One round trip for every registered source. The identifiers come from the models and are quoted; the values
    # are parameters.
    quote = connection.ops.quote_name
    columns, params = [], []
    for source in _version_sources:
        sql, values = source.as_sql(quote)
        columns.append(sql)
        params += values
    return "SELECT " + ", ".join(columns), params


# The version as last read by this process, and until when it may be reused (see content_version).
_last_read = {"version": None, "until": 0.0}


def _read_version() -> str:
    row = ()
    if _version_sources:
        sql, params = _version_query()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
    period = int(time.time() // CONTENT_CACHE_SECONDS)
    return _digest(row, period, release())


def content_version(request=None) -> str:
    """A fingerprint of everything the cached pages show: one query, once per request when given the request.

    Each process reuses what it read for CONTENT_VERSION_SECONDS (settings; 1 s by default, 0 in tests), so a
    cached page usually touches no database at all: under load a worker reads the version once a second, and a
    change shows at most that much later.
    """
    if request is not None and hasattr(request, "_content_version"):
        return request._content_version
    seconds = getattr(settings, "CONTENT_VERSION_SECONDS", 1)
    now = time.monotonic()
    if seconds and _last_read["version"] is not None and now < _last_read["until"]:
        version = _last_read["version"]
    else:
        version = _read_version()
        _last_read.update(version=version, until=now + seconds)
    if request is not None:
        request._content_version = version
    return version


@cache
def release() -> str:
    """A fingerprint of the code, templates and static files that make the pages (computed once per process)."""
    digest = hashlib.sha256(django.get_version().encode())
    # collectstatic's manifest names the fingerprinted CSS the pages link to.
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    folders = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    folders += [Path(settings.BASE_DIR) / "config", *project_app_folders()]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html") and "migrations" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def project_app_folders():
    """The folders of this project's own apps (not those installed as packages)."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(config.path).resolve() for config in apps.get_app_configs()]
    return [f for f in folders if f.is_relative_to(base) and "site-packages" not in f.parts]


# Data read once per content version by each process (memoized_for_content), newest last. The lock is for threaded
# servers (runserver, the browser tests' live server): one thread's eviction must not cut across another's reading.
_memo = OrderedDict()
_memo_lock = threading.Lock()
# Find a School alone keeps three values per career (its CIP codes, state pay and metro pay: 92 careers) and one per
# program (270): 256 entries, the bound before, made a search that went through every career in turn miss all
# three each time (5 queries a search). The values are small (the largest, a career's metro pay, about 90 KB).
MEMO_ENTRIES = 1024


def memoized_for_content(name, *args, build, request=None):
    """What ``build()`` returns, kept in this process's memory until the content version changes.

    For the small, hot data pages are built from (Find a School's options, a career's CIP codes and pay): reading
    it from memory costs nothing, where a shared cache would unpickle it on every request. Every worker builds its
    own copy once per version. The value is shared by all later requests, so callers must not change it.

    A new version drops everything kept for older ones at once (Find a School's search index is tens of megabytes).
    """
    version = content_version(request)
    key = (name, args, version)
    with _memo_lock:
        try:
            _memo.move_to_end(key)
            return _memo[key]
        except KeyError:
            pass
    value = build()  # outside the lock: the search index takes about a second
    with _memo_lock:
        if _memo and next(reversed(_memo))[2] != version:
            _memo.clear()
        _memo[key] = value
        while len(_memo) > MEMO_ENTRIES:
            _memo.popitem(last=False)
    return value


def forget_memoized():
    """Drop everything memoized_for_content and the near cache kept (tests start each case from an empty memory)."""
    with _memo_lock:
        _memo.clear()
    near_pages.clear()


def _digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Uncached:
    """What a page's ``render()`` returns for a response that is sent but not kept: no cache entry, no ETag.

    Find a School returns it for a search with errors, which echoes what was typed (up to 10,000 characters of
    anything) and is not worth a place in the cache.
    """

    parts: dict


def page_cache_key(request, name, *args) -> str:
    """The cache key of what is kept for page ``name``: ``args`` say which page it is, and the content version
    which edition. The caller passes only what the page is made from (for a search, its known parameters, cleaned
    and in a fixed order), so a query string's unknown parameters never make a new entry."""
    return f"page:{name}:{_digest(args, content_version(request))}"


def cached_page_parts(request, name, *args, render, shared=True):
    """What ``render()`` returns (the page's rendered content and the few strings its title and breadcrumbs need),
    from the cache when the page was rendered since its content last changed. ``render()`` returns None for a
    page that does not exist, or an ``Uncached``, and neither is cached. Staff always get a fresh render.

    ``shared=False`` keeps the page in this process's memory only (the near cache), never in the shared cache: for
    a page that costs less to build again than the shared cache's two round trips cost every new one (a look-up
    that misses, then a store). With a cache in the process's own memory (local memory), that cache keeps it."""
    if _is_staff(request):
        return render()
    key = page_cache_key(request, name, *args)
    near = near_pages if shared_cache_in_use() else None
    parts = near.get(key) if near is not None else None
    if parts is not None:
        return parts
    store = default_cache if shared or near is None else None
    parts = store.get(key) if store is not None else None
    if parts is None:
        parts = render()
        if parts is None or isinstance(parts, Uncached):
            return parts
        if store is not None:
            store.set(key, parts, CONTENT_CACHE_SECONDS)
    if near is not None:
        near.set(key, parts)
    return parts


def content_page_response(request, template_name, name, *args, render, missing="No page at this address.", shared=True):
    """A public content page: its content from the cache (see cached_page_parts), 404 when ``render()`` finds no
    such page, and conditional GET: an ETag from the page and the content version, so a browser or proxy that has
    the page gets 304 Not Modified until something on it changes. Staff get neither the cache nor an ETag, and
    neither does an ``Uncached`` page. Parts with a ``canonical_path`` other than the request's redirect there."""
    parts = cached_page_parts(request, name, *args, render=render, shared=shared)
    if parts is None:
        raise Http404(missing)
    canonical = parts.get("canonical_path") if isinstance(parts, dict) else None
    if canonical and request.path != canonical:
        # The page lives at another address (a school's name, and so its slug, changed): send the visitor there.
        return HttpResponsePermanentRedirect(canonical)
    if isinstance(parts, Uncached):
        return TemplateResponse(request, template_name, parts.parts)
    if _is_staff(request):
        return TemplateResponse(request, template_name, parts)
    etag = quote_etag(_digest(name, args, content_version(request)))
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified.headers["ETag"] = etag  # a 304 names the validator it confirms (RFC 9110, 15.4.5)
        return not_modified
    response = TemplateResponse(request, template_name, parts)
    response.headers["ETag"] = etag
    return response
