"""core/near_cache.py: with a shared cache (Redis), each process keeps the pages it serves in its own memory too,
bounded in bytes, and an edit still shows at once (the keys carry the content version)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from careers import services
from careers.models import Career
from core import near_cache, page_cache
from core.near_cache import NearCache

MBC = "/careers/medical-biller-and-coder/"


def test_the_least_recently_used_pages_leave_first_and_the_bytes_stay_bounded():
    store = NearCache(capacity=100)
    store.set("a", "x" * 40)
    store.set("b", "y" * 40)
    assert store.get("a") == "x" * 40  # "a" is now the most recently used
    store.set("c", "z" * 40)
    assert store.get("b") is None
    assert store.get("a") == "x" * 40
    assert store.get("c") == "z" * 40
    assert store.used <= 100


def test_a_page_over_half_the_store_is_not_kept():
    store = NearCache(capacity=100)
    store.set("small", "s" * 10)
    store.set("huge", "h" * 60)
    assert store.get("huge") is None
    assert store.get("small") == "s" * 10


def test_a_page_kept_again_replaces_its_old_copy():
    store = NearCache(capacity=100)
    store.set("a", "x" * 30)
    store.set("a", "y" * 30)
    assert (store.get("a"), store.used, len(store)) == ("y" * 30, 30, 1)


@pytest.fixture
def shared_cache(settings, redis_cache_url):
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_cache_url}
    settings.CACHES = {"default": redis}
    cache.clear()
    near_cache.near_pages.clear()
    yield cache
    cache.clear()
    near_cache.near_pages.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("shipped_content")
def test_with_redis_a_page_served_again_comes_from_the_workers_memory(client, shared_cache, monkeypatch):
    first = client.get(MBC)
    assert first.status_code == 200
    assert len(near_cache.near_pages) == 1
    # Redis forgets the page (evicted, or emptied): this worker still has it, and does not render it again.
    shared_cache.clear()
    asked = []

    class Watching:
        def get(self, key):
            asked.append(key)
            return shared_cache.get(key)

        def set(self, *args, **kwargs):
            return shared_cache.set(*args, **kwargs)

    monkeypatch.setattr(page_cache, "default_cache", Watching())
    again = client.get(MBC)
    assert again.status_code == 200
    assert asked == []  # neither rendered nor asked of Redis
    assert b"Medical Biller and Coder" in again.content


@pytest.mark.django_db
@pytest.mark.usefixtures("shipped_content")
def test_with_redis_a_published_edit_shows_at_once_in_every_worker(client, shared_cache):
    assert b"Coders turn care into codes" not in client.get(MBC).content
    career = Career.objects.get(slug="medical-biller-and-coder")
    career.summary = "Coders turn care into codes."
    editor = get_user_model().objects.create_user(username="editor", password="a-long-test-password", is_staff=True)
    services.record_guide_edit(career, user=editor, reason="Changed summary")
    services.publish(Career.objects.get(pk=career.pk), user=editor)
    assert b"Coders turn care into codes" in client.get(MBC).content


def test_local_memory_needs_no_copy_in_front_of_it(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not near_cache.shared_cache_in_use()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert near_cache.shared_cache_in_use()


@pytest.mark.django_db
@pytest.mark.usefixtures("shipped_content")
def test_with_redis_a_search_is_kept_in_the_workers_memory_only(client, shared_cache, monkeypatch):
    """Find a School builds a new search from its in-memory index in about 3 ms; Redis's look-up that misses and
    store were 0.5 ms of every one. A search page is kept in the worker's memory and never asked of or stored in
    Redis; a guide still is."""
    asked, stored = [], []

    class Watching:
        def get(self, key):
            asked.append(key)
            return shared_cache.get(key)

        def set(self, key, *args, **kwargs):
            stored.append(key)
            return shared_cache.set(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "default_cache", Watching())
    search = "/schools/?career=medical-biller-and-coder&state=AL"
    first = client.get(search)
    assert first.status_code == 200
    assert (asked, stored) == ([], [])
    rendered = []
    monkeypatch.setattr("schools.views.search_page_parts", lambda *args, **kwargs: rendered.append(1))
    again = client.get(search)
    assert rendered == []  # from the worker's memory, not rendered again
    assert again.content.count(b"<h1>Find a School</h1>") == 1
    assert client.get(MBC).status_code == 200
    assert [key.split(":")[:3] for key in asked] == [["page", "careers", "detail"]]
    assert stored == asked
