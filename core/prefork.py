"""Work a pre-forking server's master does once, so that no worker pays it on its first requests.

gunicorn forks each worker from a master that has imported the project (``preload_app``), and replaces a worker
after ``max_requests``. Django still builds some things on first use, in each process: the URL resolvers' reverse
tables (one per namespace), the compiled templates of the cached loader. Measured on this machine with one worker
replaced every 200 requests (floor page, one client): each new worker's first request took 290-350 ms, and its
44th 60-80 ms (Python's first full garbage collection walking every object inherited from the master). With
:func:`warm_up_django` run in the master the first request took 17 ms and the 44th no longer stood out.
"""

import gc
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from .page_cache import project_app_folders, release


def warm_up_django():
    """Build the URL resolvers, compile the project's templates and fingerprint the release (page_cache.release:
    0.23 s of hashing files, which every new worker paid on its first cached page), close the database connections
    the master must not share with its children, and freeze the objects made so far out of the garbage collector's
    sight (the documented use of :func:`gc.freeze` before a fork), so that no child walks or copies them."""
    _populate_resolvers()
    compiled = _compile_project_templates()
    release()  # the code's fingerprint in every cache key: 0.23 s of hashing files, once per process
    connections.close_all()
    gc.collect()
    gc.freeze()
    return compiled


def _populate_resolvers():
    """Every resolver's reverse table, and every namespace's: a namespaced ``reverse()`` (``admin:index``) makes a
    resolver of its own on first use (``get_ns_resolver``), which fills its tables again."""
    root = get_resolver()
    _populate(root)
    for namespace in _namespaces(root):
        # The name does not exist: asking for it builds the namespace's tables, which is the point.
        with suppress(NoReverseMatch):
            reverse(f"{namespace}:-warm-up-")


def _populate(resolver):
    resolver._populate()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            _populate(pattern)


def _namespaces(resolver, prefix=""):
    for name, (_, sub_resolver) in resolver.namespace_dict.items():
        yield prefix + name
        yield from _namespaces(sub_resolver, f"{prefix}{name}:")


def _compile_project_templates():
    """Compile every template of the project (the site's folder and its own apps', not the installed packages')
    into the cached loader. Returns how many."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [folder / "templates" for folder in project_app_folders()]
    compiled = 0
    for folder in folders:
        for path in sorted(folder.rglob("*.html")) + sorted(folder.rglob("*.txt")) + sorted(folder.rglob("*.xml")):
            try:
                get_template(path.relative_to(folder).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # a fragment that is not a template on its own; its first use will say what is wrong
            compiled += 1
    return compiled
