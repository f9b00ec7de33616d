"""A small store of cached pages in each process's own memory, in front of the shared cache.

With a shared cache (Redis, as production is told to use) every cached page costs a network round trip and an
unpickling: a quarter of the time a cached guide-index page spent in Django (cProfile, 300 requests). Pages asked
for again and again are kept here too, so only the first request in each worker pays that. The keys carry the
content version (core/page_cache.py), so an entry can never be out of date: a new version asks for new keys and the
old entries fall out as the least recently used. The store is bounded in bytes of page content (NEAR_CACHE_BYTES, 8
MB by default: the 20 occupation pages of `make bench` take 3.8 MB), so a worker's memory stays within README
"Limits" whatever is asked for.
"""

from collections import OrderedDict

from django.conf import settings


def _size(parts) -> int:
    """Roughly what a page's parts take: the lengths of their strings (the content is nearly all of it)."""
    if isinstance(parts, str):
        return len(parts)
    if isinstance(parts, dict):
        return sum(_size(value) for value in parts.values()) + 64
    return 64


class NearCache:
    """Least recently used entries, at most ``capacity`` bytes of them; an entry over half of it is not kept."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.used = 0
        self._entries = OrderedDict()

    def get(self, key):
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def set(self, key, parts):
        size = _size(parts)
        if size > self.capacity // 2:
            return
        self.discard(key)
        self._entries[key] = (parts, size)
        self.used += size
        while self.used > self.capacity:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.used -= dropped

    def discard(self, key):
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.used -= entry[1]

    def clear(self):
        self._entries.clear()
        self.used = 0

    def __len__(self):
        return len(self._entries)


# Local memory is in the process already; the dummy cache keeps nothing, and neither must this.
IN_PROCESS_BACKENDS = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


def shared_cache_in_use() -> bool:
    """Whether the default cache lives outside this process; local memory needs no second copy in front of it."""
    return settings.CACHES["default"]["BACKEND"] not in IN_PROCESS_BACKENDS


near_pages = NearCache(settings.NEAR_CACHE_BYTES)
