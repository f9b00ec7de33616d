"""The in-memory search (schools/search_index.py) lists the same schools, in the same order and at the same distances,
as the SQL search the CSV export runs (selectors.school_search), for every filter and order of the form.

The results page and the API read the index; the export reads the SQL. If the two ever disagreed, a student's
download would not be the list they were shown, so this walks the whole grid of choices on a world built to tell
them apart: closed, hidden, renamed and aliased schools, schools without a location, ties in every order.
"""

import itertools

import pytest

from reference_data.models import AWARD_LEVELS_BY_GROUP, AwardGroup
from reference_data.places import ZCTA, Place
from schools import selectors
from schools.models import Institution, InstitutionOverride
from schools.search_index import build_search_index
from schools.selectors import ProgramCriteria, SchoolSearchCriteria, Sort
from tests.factories import InstitutionFactory

from .conftest import HUNTSVILLE_35801, add_program
from .test_search_judging import judged  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

NEAR_35801 = Place(
    label="35801", latitude=HUNTSVILLE_35801[0], longitude=HUNTSVILLE_35801[1], state="AL", found_by=ZCTA,
    zip_code="35801",
)  # fmt: skip


@pytest.fixture
def tricky(judged):  # noqa: F811
    """The judged world, plus a school staff renamed, one they hid, one without a location and two with one name."""
    world = judged
    coding = world.cips["coding"]
    renamed = InstitutionFactory(name="Old Name Institute", state="AL", latitude=34.70, longitude=-86.60)
    add_program(renamed, coding, "3", {2024: 9})
    InstitutionOverride.objects.create(institution=renamed, display_name="Zenith Health College")
    hidden = InstitutionFactory(name="Hidden Coding College", state="AL", latitude=34.71, longitude=-86.61)
    add_program(hidden, coding, "3", {2024: 9})
    InstitutionOverride.objects.create(institution=hidden, hidden_from_search=True)
    nowhere = InstitutionFactory(name="Nowhere College", state="AL", latitude=None, longitude=None)
    add_program(nowhere, coding, "3", {2024: 9})
    for unitid in (990001, 990002):  # same name, same completions: only the UNITID tells them apart
        twin = InstitutionFactory(name="Twin College", unitid=unitid, state="AL", latitude=34.72, longitude=-86.57)
        add_program(twin, coding, "3", {2024: 9})
    return world


def criteria_grid(world):
    career, coding = world.career, world.cips["coding"]
    program_choices = [
        {"career": career},
        {"career": career, "award_levels": tuple(AWARD_LEVELS_BY_GROUP[AwardGroup.ASSOCIATE])},
        {"cip": coding},
        {"cip": coding, "award_levels": tuple(AWARD_LEVELS_BY_GROUP[AwardGroup.CERTIFICATE_SHORT])},
        {},
    ]
    places = [(None, None), (NEAR_35801, None), (NEAR_35801, 100), (NEAR_35801, 250)]
    school_choices = [
        {},
        {"state": "AL"},
        {"control": Institution.Control.PRIVATE_FOR_PROFIT},
        {"name": "college"},
        {"name": "rccc"},  # an alias
        {"name": "zenith"},  # a staff correction of the name
        {"name": "old name"},  # the IPEDS name of a renamed school still finds it
        # The index scans all names joined in one string: a letter found many times in one school's names lists it
        # once, and the last school in the string is found too.
        {"name": "e"},
        {"name": "twin college"},
        {"name": "no such school"},
    ]
    judging = [{}, {"include_closed": True}, {"online": True}, {"federal_aid": True}, {"max_net_price": 10000}]
    sorts = [Sort.NAME, Sort.COMPLETIONS, Sort.NET_PRICE, Sort.EARNINGS, Sort.DISTANCE]
    # Every program, place and order, each with every school condition, the judging filters taken in turn (the
    # whole product is five times longer and finds nothing more).
    for programs, (near, radius), sort in itertools.product(program_choices, places, sorts):
        if sort == Sort.DISTANCE and near is None:
            continue  # the form offers the distance order only from a place
        for school, judged_by in zip(school_choices, itertools.cycle(judging), strict=False):
            yield SchoolSearchCriteria(
                programs=ProgramCriteria.build(**programs), near=near, radius_miles=radius, sort=sort, **school,
                **judged_by,
            )  # fmt: skip


def test_the_index_lists_what_the_sql_lists_in_the_same_order(tricky):
    index = build_search_index()
    compared = 0
    for criteria in criteria_grid(tricky):
        expected = list(selectors.school_search(criteria=criteria))
        hits = index.search(criteria)
        assert [hit.pk for hit in hits] == [school.pk for school in expected], criteria
        distances = index.page_distances(hits, criteria.near)
        for school in expected:
            if criteria.near is None:
                continue
            if school.distance_miles is None:
                assert distances[school.pk] is None, criteria
            else:
                assert distances[school.pk] == pytest.approx(school.distance_miles, abs=1e-9), criteria
        compared += 1
    assert compared == 95 * 10


def test_the_grid_tells_the_orders_apart(tricky):
    """The comparison above proves something only if its searches differ: the orders give different lists."""
    index = build_search_index()
    base = {"programs": ProgramCriteria.build(career=tricky.career), "near": NEAR_35801, "include_closed": True}
    orders = {
        sort: [hit.pk for hit in index.search(SchoolSearchCriteria(**base, sort=sort))]
        for sort in (Sort.NAME, Sort.COMPLETIONS, Sort.NET_PRICE, Sort.EARNINGS, Sort.DISTANCE)
    }
    assert len({tuple(pks) for pks in orders.values()}) == 5
    hidden = Institution.objects.get(name="Hidden Coding College")
    assert all(hidden.pk not in pks for pks in orders.values())
    nowhere = Institution.objects.get(name="Nowhere College")
    assert orders[Sort.DISTANCE][-1] == nowhere.pk  # no location: listed last, "distance unknown"


def test_warm_up_builds_the_index_of_every_listed_school(tricky):
    from core.page_cache import forget_memoized
    from schools import search_index

    forget_memoized()
    listed = Institution.objects.exclude(override__hidden_from_search=True).count()
    assert search_index.warm_up() == listed
    assert search_index.search_index() is search_index.search_index()  # kept: built once per content version


def test_warm_up_leaves_the_index_to_the_first_search_when_the_database_cannot_answer(monkeypatch):
    """A fresh install starts gunicorn before its tables exist: the master must still start."""
    from django.db import OperationalError

    from schools import search_index

    def no_tables(request=None):
        raise OperationalError("no such table: schools_institution")

    monkeypatch.setattr(search_index, "search_index", no_tables)
    assert search_index.warm_up() is None


def test_a_school_without_a_location_has_no_distance_on_the_page_or_in_the_csv(client, tricky):
    """Without a radius every matching school is listed; one IPEDS gives no location for says so, in words, and
    its CSV cell is empty. On PostgreSQL the SQL's clamp once made it 12,436.8 miles away (half the Earth)."""
    import csv
    import io

    from .helpers import results_html, search

    params = {"career": "test-coder", "zip": "35801", "sort": "name", "q": "nowhere"}
    card = results_html(search(client, **params))
    assert "Nowhere College" in card
    assert "distance unknown (no location reported)" in card
    assert "miles from" not in card
    response = search(client, **params, format="csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["name"], row["distance_miles"]) for row in rows] == [("Nowhere College", "")]
