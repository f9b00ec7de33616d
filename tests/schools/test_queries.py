"""The results page runs the same number of queries for 10 results as for 100 (no query per school)."""

import datetime
import re

import pytest

from schools import search_data
from schools.models import Program, ProgramOutcome
from schools.selectors import CareerWages
from tests.factories import (
    CareerProgramFactory,
    CipCodeFactory,
    CipSocLinkFactory,
    InstitutionFactory,
    OccupationFactory,
    WageEstimateFactory,
)
from tests.html import without_nonce

from .conftest import NEWEST_YEAR, add_program
from .helpers import listed_names, search

pytestmark = pytest.mark.django_db

# A first search in a fresh process, for a career within a radius of a ZIP code, sorted by completions: the content
# version, the career options of the form (guides, then occupations without a guide) and its program options, the
# place tables (the content version again, as the form has no request; the ZIP centroids; the counties' metro areas:
# reference_data/places.py), the career's programs (its own choices, and the crosswalk's codes for its related
# programs: schools/career_programs.py), the newest completions year and the career's wages (each of those read once
# per content version: schools/search_data.py), then the search index (the newest year, the schools with their
# judging figures, the CIP codes, the Field of Study earnings and the programs: schools/search_index.py, also once
# per version) and the career's pay in the place's and the schools' metro areas (one query).
FIRST_SEARCH_QUERIES = 17
# Another search after it reads only the content version (once for the page, once for the place tables): the
# schools, their programs and their earnings come from the index, the metro pay from memory (search_data).
NEXT_SEARCH_QUERIES = 2
# The same search again is the cached page: only the content version is read.
REPEATED_SEARCH_QUERIES = 1


def add_schools(world, count):
    for number in range(count):
        # Schools in several metro areas: their metro pay is still one query.
        school = InstitutionFactory(name=f"Coding School {number:03d}", state="AL", cbsa=f"{10000 + number % 7}")
        add_program(school, world.cips["coding"], "21", {NEWEST_YEAR: number + 1, NEWEST_YEAR - 1: 1})
        add_program(school, world.cips["billing"], "3", {NEWEST_YEAR: 2})


@pytest.fixture
def every_result_on_one_page(monkeypatch):
    # Render every result, so a per-school query anywhere in the template would multiply.
    monkeypatch.setattr("schools.search_results.RESULTS_PER_PAGE", 500)


@pytest.mark.parametrize("count", [10, 100])
def test_results_page_is_constant_query(client, world, django_assert_num_queries, every_result_on_one_page, count):
    add_schools(world, count)
    params = {"career": "test-coder", "zip": "35801", "radius": "250", "sort": "completions"}
    with django_assert_num_queries(FIRST_SEARCH_QUERIES):
        response = search(client, **params)
    assert len(listed_names(response)) == count + 5
    with django_assert_num_queries(NEXT_SEARCH_QUERIES):
        response = search(client, **{**params, "sort": "name"})
    assert len(listed_names(response)) == count + 5
    with django_assert_num_queries(REPEATED_SEARCH_QUERIES):
        again = search(client, **{**params, "sort": "name"})
    assert without_nonce(again.content) == without_nonce(response.content)


@pytest.mark.parametrize("count", [10, 100])
def test_csv_is_constant_query(client, world, django_assert_num_queries, count):
    add_schools(world, count)
    # The content version, the form's career options (guides, occupations) and program options, the place tables
    # (content version, ZIP centroids, counties' metro areas), the career's choices and crosswalk codes, newest year,
    # wages, then the schools' cost, net price and online answer, their programs' earnings
    # (search_figures.figures_by_school, outcome_figures_by_school), then the schools with their programs as rows (one
    # values() query: schools/selectors.py, school_search_rows).
    with django_assert_num_queries(14):
        response = search(client, career="test-coder", zip="35801", radius="250", format="csv")
        body = b"".join(response.streaming_content)
    assert body.count(b"\n") == count + 5 + 1


@pytest.mark.parametrize("count", [10, 100])
def test_school_page_is_constant_query(client, world, django_assert_num_queries, count):
    school = world.schools["huntsville"]
    for number in range(count):
        cip = world.cips["coding"] if number % 2 else world.cips["billing"]
        level = ["20", "21", "2", "3", "4", "5", "6", "7", "8", "17"][number % 10]
        if not Program.objects.filter(institution=school, cip=cip, award_level=level).exists():
            add_program(school, cip, level, {NEWEST_YEAR: 1, NEWEST_YEAR - 1: 2})
    # The content version, then the school, programs, completions, crosswalk links, staff choices, careers, the
    # healthcare occupations the crosswalk links the programs to; the
    # newest completions year; the school's charges, distance education, distance enrollment, graduation rate,
    # Scorecard figures and Scorecard fields of study; the careers' primary occupations, then their pay and the pay of
    # the crosswalk occupations of fields without a guide (one query).
    with django_assert_num_queries(SCHOOL_PAGE_QUERIES):
        assert client.get(school.get_absolute_url()).status_code == 200


SCHOOL_PAGE_QUERIES = 17


@pytest.mark.parametrize("count", [2, 16])
def test_school_page_stays_constant_query_as_outcomes_and_programs_grow(
    client, world, django_assert_num_queries, count
):
    """Scorecard fields of study, each with careers whose metro, state and national pay are shown, and as many
    fields without a guide, each with its own crosswalk occupation's pay, read in the same queries for 2 + 2 rows as
    for 16 + 16."""
    school = world.schools["huntsville"]
    levels = list(ProgramOutcome.CredentialLevel.values)
    for number in range(count):
        cip_code = f"51.{7 + number // len(levels):02d}"
        ProgramOutcome.objects.create(
            institution=school, cip_code=cip_code, cip_title=f"Field {number}", released_on=datetime.date(2026, 6, 10),
            credential_level=levels[number % len(levels)], completers=number, earnings_1_year=30000 + number,
        )  # fmt: skip
        cip = CipCodeFactory(code=f"51.{7 + number // len(levels):02d}{60 + number:02d}", title=f"Program {number}")
        CipSocLinkFactory(cip=cip, occupation=world.occupation)
        CareerProgramFactory(career=world.career, cip=cip)  # the career names it, so the page links it
        add_program(school, cip, "3", {NEWEST_YEAR: 1})
        # A field whose program leads to no guide: its occupation (with a page) is priced instead.
        ProgramOutcome.objects.create(
            institution=school, cip_code=f"51.{30 + number:02d}", cip_title=f"Unguided field {number}",
            released_on=datetime.date(2026, 6, 10), credential_level=levels[0], completers=number,
        )  # fmt: skip
        unguided = CipCodeFactory(code=f"51.{30 + number:02d}01", title=f"Unguided program {number}")
        occupation = OccupationFactory(soc_code=f"31-70{number:02d}", title=f"Unguided Occupation {number}")
        WageEstimateFactory(occupation=occupation, annual_median=40000 + number)
        CipSocLinkFactory(cip=unguided, occupation=occupation)
        add_program(school, unguided, "3", {NEWEST_YEAR: 1})
    with django_assert_num_queries(SCHOOL_PAGE_QUERIES):
        response = client.get(school.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("(Test Records Specialists): metro area") == count
    assert len(re.findall(r"Unguided Occupation \d+</a>: metro area", html)) == count


def test_every_careers_metro_pay_stays_in_memory(rf, django_assert_num_queries):
    # More careers than the 24 kept before: a search going through them in turn read each one's metro pay each time.
    nationals = [WageEstimateFactory() for _ in range(40)]
    for national in nationals:
        WageEstimateFactory(
            occupation=national.occupation, area_type="metro", area_code="26620", area_name="Huntsville, AL"
        )
    request = rf.get("/schools/")
    wages = [CareerWages(national=national) for national in nationals]
    for career_wages in wages:
        search_data.career_metro_wages(career_wages, request)
    with django_assert_num_queries(0):
        for career_wages in wages:
            huntsville = search_data.career_metro_wages(career_wages, request)["26620"]
            assert (huntsville.area_name, huntsville.annual_median, huntsville.period_label) == (
                "Huntsville, AL",
                50000,
                "May 2025",
            )


def test_the_masters_warm_up_leaves_no_career_or_program_to_read(world, rf, django_assert_num_queries):
    """gunicorn's master reads every career's and program's search data before it forks (config/gunicorn.py): a
    worker's first search for any of them then runs no query for it."""
    read = search_data.warm_up()
    request = rf.get("/schools/")
    options = search_data.search_options(request)  # reads the content version, once for the request
    assert read == len(options.careers) + len(options.programs) + 1 > 1  # and any health program
    with django_assert_num_queries(0):
        search_data.program_criteria(request=request)
        for career in options.careers.values():
            assert search_data.program_criteria(career=career, request=request).cip_ids
            search_data.career_metro_wages(search_data.career_wages(career, request), request)
        for cip in options.programs.values():
            search_data.program_criteria(cip=cip, request=request)


def test_the_warm_up_leaves_the_searches_to_the_first_one_when_the_database_cannot_answer(monkeypatch):
    from django.db import OperationalError

    def no_tables(request=None):
        raise OperationalError("no such table: careers_career")

    monkeypatch.setattr(search_data, "search_options", no_tables)
    assert search_data.warm_up() == 0
