"""gunicorn's settings, for production and `make bench`: `gunicorn -c config/gunicorn.py`.

Command-line options override these (make bench passes its own --bind and --workers).

A worker's memory only grows: each content version memoizes its search data, the local-memory cache fills up to
CACHE_MAX_ENTRIES pages, and freed memory is rarely returned to the system. Workers sat at 199 to 209 MB after a
`make bench` run, over the README's 200 MB. max_requests replaces a worker after it has served that many requests,
so none lives long enough to creep past the figure; the jitter spreads the restarts so the workers are not replaced
at the same moment. A restart costs about a second of one core (importing Django and the project).
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 60
graceful_timeout = 30

# Worker memory bound (README "Limits"): replace each worker after 2,000 to 2,200 requests.
max_requests = 2000
max_requests_jitter = 200
# The master imports Django and the project once and forks each worker from it, so a worker that max_requests
# replaces starts in milliseconds instead of re-importing everything. Without it, under make bench's load (about
# 1,000 requests a second, a replacement every 2 s per worker) each restart stalled its share of requests: the
# guide page's p95 was 234 to 420 ms against 8 to 10 ms between restarts. A deploy restarts the master (a HUP
# would keep the old code).
preload_app = True


def when_ready(server):
    """In the master, after the app is loaded and before any worker is forked: do the first-use work once, so no
    worker pays it on its first requests (core/prefork.py has the figures). The zipcodes package's ZIP codes are
    unpacked too: before this each new worker spent 0.34-0.65 s on its first place search, under `make bench` (a
    worker replaced every few seconds) the career + ZIP search's p95 of 374 ms. And Find a School's search index
    and place tables are read (about a second on the national data), for the content version of the moment, and so is
    what each career's and program's search needs (schools/search_data.py: 0.6 s, 615 queries)."""
    from core.prefork import warm_up_django  # noqa: PLC0415 - Django is set up once the app is loaded
    from reference_data import places  # noqa: PLC0415
    from schools import search_data, search_index  # noqa: PLC0415

    places.warm_up()
    schools = search_index.warm_up()
    searches = search_data.warm_up()
    templates = warm_up_django()  # last: it closes the database connections and freezes what was made
    server.log.info(
        "Warmed up before forking: URL resolvers, %d templates, ZIP codes, search index of %s schools, the searches "
        "of %d careers and programs",
        templates,
        schools,
        searches,
    )


def worker_exit(server, worker):
    """A worker that max_requests retires ends without tearing its interpreter down object by object: that took
    about 200 ms of a core per replacement here, while the master waited for the exit to start the next worker. The
    database connections are closed first, so PostgreSQL sees a clean goodbye, and the logs are flushed. Any other
    ending (a worker that failed to boot exits with a code the master acts on) goes the usual way."""
    import logging  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from django.db import connections  # noqa: PLC0415

    ending = sys.exception()
    if not (isinstance(ending, SystemExit) and ending.code in (0, None)):
        return
    connections.close_all()
    logging.shutdown()
    os._exit(0)
