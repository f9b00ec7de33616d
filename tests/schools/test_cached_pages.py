"""Find a School's pages are cached under their address and the content version (schools/views.py): the next visitor
to the same search, school or comparison gets the same page without the search running again, until an import or
a staff change the page reads renews it. Searches with errors are never kept."""

import random

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from careers import services
from careers.models import Career
from schools.models import CareerProgram, InstitutionOverride
from tests.factories import CareerFactory, CareerOccupationFactory, ImportRunFactory, InstitutionFactory
from tests.html import without_nonce

from .conftest import NEWEST_YEAR, add_program
from .helpers import listed_names, result_count, search

pytestmark = pytest.mark.django_db

SEARCH = {"career": "test-coder", "zip": "35801", "radius": "250"}


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(username="editor", password="a-long-test-password", is_staff=True)


def test_a_repeated_search_is_the_same_page_from_the_cache(client, world, django_assert_num_queries):
    first = search(client, **SEARCH)
    with django_assert_num_queries(1):  # the content version only
        again = search(client.__class__(), **SEARCH)
    assert without_nonce(again.content) == without_nonce(first.content)
    assert result_count(again) == 5


def test_a_search_answers_a_conditional_get_until_its_data_changes(client, world):
    first = search(client, **SEARCH)
    etag = first.headers["ETag"]
    assert client.get(reverse("schools:search"), SEARCH, headers={"if-none-match": etag}).status_code == 304
    ImportRunFactory(dataset="ipeds-completions")
    renewed = client.get(reverse("schools:search"), SEARCH, headers={"if-none-match": etag})
    assert renewed.status_code == 200 and renewed.headers["ETag"] != etag


def test_an_import_renews_cached_searches(client, world):
    assert "Fresh Coding College" not in listed_names(search(client, **SEARCH))
    school = InstitutionFactory(name="Fresh Coding College", state="AL")
    add_program(school, world.cips["coding"], "21", {NEWEST_YEAR: 4})
    ImportRunFactory(dataset="ipeds-completions")
    assert "Fresh Coding College" in listed_names(search(client, **SEARCH))


def test_a_failed_import_renews_nothing(client, world, django_assert_num_queries):
    search(client, **SEARCH)
    ImportRunFactory(dataset="ipeds-completions", outcome="failed")
    with django_assert_num_queries(1):
        search(client, **SEARCH)


def test_a_career_program_choice_renews_cached_searches(client, world):
    assert "Peachtree University" in listed_names(search(client, career="test-coder"))
    # Its only program is 51.0707, which the career names; staff now take it out.
    choice = CareerProgram.objects.get(career=world.career, cip=world.cips["him"])
    choice.action = CareerProgram.Action.EXCLUDE
    choice.save()
    assert "Peachtree University" not in listed_names(search(client, career="test-coder"))


def test_a_school_correction_renews_cached_searches_and_the_school_page(client, world):
    school = world.schools["huntsville"]
    assert school.name in listed_names(search(client, **SEARCH))
    assert f"<h1>{school.name}</h1>" in client.get(school.get_absolute_url()).content.decode()
    override = InstitutionOverride.objects.create(institution=school, display_name="Renamed School", note="Checked.")
    assert "Renamed School" in listed_names(search(client, **SEARCH))
    assert "<h1>Renamed School</h1>" in client.get(school.get_absolute_url()).content.decode()
    override.delete()
    assert school.name in listed_names(search(client, **SEARCH))


def test_publishing_a_guide_adds_it_to_the_cached_search_form(client, world, editor):
    assert "Surgical Coder" not in search(client).content.decode()
    draft = CareerFactory(status=Career.Status.DRAFT, short_name="Surgical Coder", slug="surgical-coder")
    CareerOccupationFactory(career=draft, occupation=world.occupation, is_primary=True)
    services.publish(draft, user=editor)
    html = search(client).content.decode()
    assert '<option value="surgical-coder">Surgical Coder</option>' in html
    assert listed_names(search(client, career="surgical-coder")) == listed_names(search(client, career="test-coder"))


def test_a_search_with_errors_is_rendered_every_time_and_never_validated(client, world, django_assert_num_queries):
    first = search(client, zip="00000", radius="10")
    assert "We don&#x27;t know ZIP code 00000" in first.content.decode()
    assert "ETag" not in first.headers
    with django_assert_num_queries(2):  # the content version and the ZIP code, looked up again
        again = search(client, zip="00000", radius="10")
    assert without_nonce(again.content) == without_nonce(first.content)


def test_staff_get_a_fresh_search(client, world, editor, django_assert_num_queries):
    search(client, **SEARCH)
    client.force_login(editor)
    response = search(client, **SEARCH)
    assert "ETag" not in response.headers
    assert result_count(response) == 5


def test_cached_pages_keep_their_own_query_string_in_links(client, world):
    # Two searches differing only in their order are two pages, each linking to its own CSV and page numbers.
    names = listed_names(search(client, career="test-coder", sort="name"))
    html = search(client, career="test-coder", sort="completions").content.decode()
    assert "?career=test-coder&amp;sort=completions&amp;format=csv" in html
    assert listed_names(search(client, career="test-coder", sort="name")) == names


def test_school_page_and_comparison_come_from_the_cache(client, world, django_assert_num_queries):
    school = world.schools["huntsville"]
    page = client.get(school.get_absolute_url())
    unitids = [("unitid", world.schools[key].unitid) for key in ("huntsville", "birmingham")]
    compare = client.get(reverse("schools:compare"), unitids)
    with django_assert_num_queries(2):  # the content version, once for each page
        assert without_nonce(client.get(school.get_absolute_url()).content) == without_nonce(page.content)
        assert without_nonce(client.get(reverse("schools:compare"), unitids).content) == without_nonce(compare.content)
    # A wrong slug still redirects from the cached page, and an unknown school is still not found.
    wrong = client.get(reverse("schools:detail", kwargs={"unitid": school.unitid, "slug": "not-its-name"}))
    assert wrong.status_code == 301 and wrong["Location"] == school.get_absolute_url()
    assert client.get(reverse("schools:detail", kwargs={"unitid": "999999", "slug": "x"})).status_code == 404


# A local-memory cache big enough that it never culls: every entry a request adds is still there to count.
COUNTED_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "junk-parameters",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}


def junk_query(rng, clean):
    """The clean search plus 1 to 4 parameters it does not know, in random places, some with known-looking names."""
    names = ["utm_source", "ref", "fbclid", "x", "q[]", "STATE", "page[]", "format", "__proto__", "csrfmiddlewaretoken"]
    pairs = list(clean.items())
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(names) if rng.random() < 0.5 else f"junk{rng.randrange(10**9)}"
        pairs.insert(rng.randint(0, len(pairs)), (name, str(rng.randrange(10**12))))
    return pairs


@override_settings(CACHES=COUNTED_CACHE)
def test_unknown_parameters_never_add_cache_entries(client, world):
    from django.core.cache import cache

    clean = {"career": "test-coder", "state": "AL", "sort": "name"}
    first = search(client, **clean)
    entries = len(cache._cache)
    assert entries >= 1  # the clean search's page
    rng = random.Random(12)
    for _ in range(5_000):
        response = client.get(reverse("schools:search"), junk_query(rng, clean))
        assert response.status_code == 200
    assert len(cache._cache) == entries
    assert without_nonce(response.content) == without_nonce(first.content)


def test_the_order_and_repeats_of_known_parameters_make_one_page(client, world, django_assert_num_queries):
    first = client.get(reverse("schools:search"), [("career", "test-coder"), ("state", "AL")])
    with django_assert_num_queries(1):  # the content version: the same page from the cache
        again = client.get(reverse("schools:search"), [("state", "GA"), ("state", "AL"), ("career", "test-coder")])
    assert without_nonce(again.content) == without_nonce(first.content)


def test_links_carry_only_the_known_parameters(client, world):
    html = client.get(reverse("schools:search"), {"career": "test-coder", "utm_source": "x", "state": "AL"}).content
    html = html.decode()
    assert "utm_source" not in html
    assert "?career=test-coder&amp;state=AL&amp;format=csv" in html
