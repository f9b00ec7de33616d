"""The CSV export of a search: every matching school, streamed, cached like the pages and limited per client.

Rows come from one values() query (selectors.school_search_rows) and the presenter's csv_records. The whole file is
kept in the cache under the search's known parameters and the content version (core/page_cache.py), once a
download has run to its end, so the next download of the same search until the data changes is a cache read.
Each client may start RATE_LIMITS["csv-export"] downloads a minute (core/rate_limit.py); more get a 429.
"""

import csv
import zlib

from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.urls import reverse

from core import rate_limit
from core.page_cache import CONTENT_CACHE_SECONDS, page_cache_key

from . import presenters, search_data, search_figures, selectors

RATE_LIMIT_SCOPE = "csv-export"
# Rows written per chunk of the response: each chunk is one write to the client.
ROWS_PER_CHUNK = 200
CACHED_CHUNK_BYTES = 64 * 1024


class Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def csv_text_chunks(records):
    writer = csv.writer(Echo())
    chunk = [writer.writerow(presenters.CSV_COLUMNS)]
    for record in records:
        chunk.append(writer.writerow(record))
        if len(chunk) >= ROWS_PER_CHUNK:
            yield "".join(chunk).encode()
            chunk = []
    yield "".join(chunk).encode()


def kept_when_complete(chunks, key):
    """Pass the chunks on, and keep the whole file in the cache once the last one has been sent.

    Compressed: the nationwide file is 3.9 MB of text and 0.6 MB at zlib level 1, which costs 20 ms of CPU to
    compress and 11 ms to decompress (measured on the real data); a cached download took 34 ms in all.
    """
    compressor = zlib.compressobj(level=1)
    kept = []
    for chunk in chunks:
        kept.append(compressor.compress(chunk))
        yield chunk
    kept.append(compressor.flush())
    cache.set(key, b"".join(kept), CONTENT_CACHE_SECONDS)


def from_the_cache(compressed):
    decompressor = zlib.decompressobj()
    for start in range(0, len(compressed), CACHED_CHUNK_BYTES):
        yield decompressor.decompress(compressed[start : start + CACHED_CHUNK_BYTES])
    yield decompressor.flush()


def school_csv_response(request, form, known_query):
    """The download of a valid search (``form``), or a 429 for a client over its limit."""
    verdict = rate_limit.check(request, RATE_LIMIT_SCOPE)
    if not verdict.allowed:
        return rate_limit.too_many_requests(verdict, what="downloads")
    school_url_prefix = request.build_absolute_uri(reverse("schools:search"))
    # The host is in the key: the file links to each school's page by its absolute address.
    key = page_cache_key(request, "schools:csv", known_query.urlencode(), school_url_prefix)
    kept = cache.get(key)
    if kept is not None:
        chunks = from_the_cache(kept)
    else:
        criteria = form.search_criteria(request)
        career = criteria.programs.career
        school_ids = selectors.school_search(criteria=criteria).values("pk")
        records = presenters.csv_records(
            selectors.school_search_rows(criteria=criteria),
            year_label=criteria.programs.year_label,
            wages=search_data.career_wages(career, request) if career else None,
            school_url_prefix=school_url_prefix,
            figures_by_school=search_figures.figures_by_school(school_ids),
            outcomes_by_school=search_figures.outcome_figures_by_school(school_ids),
        )
        chunks = kept_when_complete(csv_text_chunks(records), key)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{presenters.csv_file_name(form.cleaned_data)}"'
    return response
