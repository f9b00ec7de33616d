"""The guide index as a list of every healthcare occupation: its filters, orders, errors and queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.entry_education import EntryEducation, entry_education
from tests.factories import (
    CareerFactory,
    CareerOccupationFactory,
    EmploymentProjectionFactory,
    OccupationFactory,
    WageEstimateFactory,
)

from .test_views import text_of

pytestmark = pytest.mark.django_db

INDEX = reverse("careers:index")
# (SOC, title, median pay, growth %, openings in thousands, BLS typical entry education)
WORLD = [
    ("31-9801", "Made-up Aides", 38_000, "12.0", "50.0", "High school diploma or equivalent"),
    ("31-9802", "Made-up Helpers", 47_500, "6.0", "20.0", "Postsecondary nondegree award"),
    ("29-9801", "Made-up Technicians", 52_000, "2.0", "9.0", "Postsecondary nondegree award"),
    ("29-9802", "Made-up Coders", 46_000, "4.5", "12.5", "Some college, no degree"),
    ("29-9803", "Made-up Therapists", 90_000, "15.0", "7.5", "Master's degree"),
    ("29-9804", "Made-up Nurses", 80_000, "5.0", "190.0", "Bachelor's degree"),
    ("29-9805", "Made-up Sonographers", 70_000, "-1.0", "3.0", "Associate's degree"),
]


@pytest.fixture
def world():
    EmploymentProjectionFactory(occupation=OccupationFactory(soc_code="00-0000"), change_percent="3.1")
    for soc, title, pay, growth, openings, education in WORLD:
        occupation = OccupationFactory(soc_code=soc, title=title)
        WageEstimateFactory(occupation=occupation, annual_median=pay)
        EmploymentProjectionFactory(
            occupation=occupation, change_percent=growth, annual_openings=openings, typical_entry_education=education
        )
    # Not a healthcare occupation: never listed.
    WageEstimateFactory(occupation=OccupationFactory(soc_code="98-0001", title="Made-up Accountants"))


def listed(response):
    assert response.status_code == 200
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


@pytest.mark.usefixtures("world")
class TestFilters:
    def test_every_healthcare_occupation_by_name(self, client):
        assert listed(client.get(INDEX)) == sorted(title for _, title, *_ in WORLD)

    def test_certificate_or_less_over_45000_growing_faster_than_all_jobs(self, client):
        response = client.get(INDEX, {"education": "certificate", "min_pay": "45000", "growth": "faster"})
        # Aides pay too little, Technicians grow too slowly, the rest need a degree.
        assert listed(response) == ["Made-up Coders", "Made-up Helpers"]
        assert "2 occupations match" in text_of(response.content.decode())

    @pytest.mark.parametrize(
        ("education", "expected"),
        [
            ("none", {"Made-up Aides"}),
            ("associate", {"Made-up Aides", "Made-up Helpers", "Made-up Technicians", "Made-up Coders",
                           "Made-up Sonographers"}),
            ("graduate", {title for _, title, *_ in WORLD}),
        ],
    )  # fmt: skip
    def test_education_is_at_most_the_chosen_step(self, client, education, expected):
        assert set(listed(client.get(INDEX, {"education": education}))) == expected

    def test_growing_leaves_out_shrinking_jobs(self, client):
        assert "Made-up Sonographers" not in listed(client.get(INDEX, {"growth": "growing"}))

    @pytest.mark.parametrize(
        ("sort", "first", "last"),
        [
            ("pay", "Made-up Therapists", "Made-up Aides"),
            ("growth", "Made-up Therapists", "Made-up Sonographers"),
            ("openings", "Made-up Nurses", "Made-up Sonographers"),
            ("name", "Made-up Aides", "Made-up Therapists"),
        ],
    )
    def test_sorts(self, client, sort, first, last):
        titles = listed(client.get(INDEX, {"sort": sort}))
        assert (titles[0], titles[-1]) == (first, last)

    def test_nothing_matching_says_so(self, client):
        response = client.get(INDEX, {"min_pay": "500000"})
        assert listed(response) == []
        assert "No occupation matches all of these filters" in response.content.decode()

    def test_the_form_keeps_the_choices_in_the_address(self, client):
        html = client.get(INDEX, {"education": "certificate", "sort": "pay"}).content.decode()
        assert '<form class="filter-form" method="get"' in html
        assert re.search(r'<option value="certificate" selected>', html)

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"education": "phd"}, "Choose a level of education from the list."),
            ({"min_pay": "lots"}, "Enter the pay as a whole number of dollars, like 45000."),
            ({"min_pay": "-5"}, "Enter a pay of 0 or more."),
            ({"min_pay": "9" * 40}, "Enter a pay of 1,000,000 or less."),
            ({"growth": "\x00"}, "Choose a growth from the list."),
            ({"sort": "salary"}, "Choose an order from the list."),
        ],
    )
    def test_bad_values_get_a_form_error(self, client, params, message):
        response = client.get(INDEX, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html and message in html
        assert len(listed(response)) == len(WORLD)  # the whole list under the message

    def test_a_guide_is_linked_in_place_of_the_profile(self, client):
        guide = CareerFactory(short_name="Made-up Nurse Guide")
        CareerOccupationFactory(career=guide, occupation=OccupationFactory(soc_code="29-9804"))
        html = client.get(INDEX).content.decode()
        assert f'<h3><a href="{guide.get_absolute_url()}">Made-up Nurses</a></h3>' in html
        assert "/careers/occupations/29-9801/" in html


def test_queries_do_not_grow_with_occupations(client):
    EmploymentProjectionFactory(occupation=OccupationFactory(soc_code="00-0000"))
    counts = []
    for size in (2, 40):
        for n in range(size):
            occupation = OccupationFactory(soc_code=f"29-{size * 100 + n:04d}")
            WageEstimateFactory(occupation=occupation)
            EmploymentProjectionFactory(occupation=occupation)
            CareerOccupationFactory(career=CareerFactory(), occupation=occupation)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX, {"sort": f"{'pay' if size == 2 else 'growth'}"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6


@pytest.mark.parametrize(
    ("bls", "step"),
    [
        ("No formal educational credential", EntryEducation.NONE),
        ("High school diploma or equivalent", EntryEducation.NONE),
        ("Postsecondary nondegree award", EntryEducation.CERTIFICATE),
        ("Some college, no degree", EntryEducation.CERTIFICATE),
        ("Associate's degree", EntryEducation.ASSOCIATE),
        ("Bachelor’s degree", EntryEducation.BACHELOR),
        ("Master's degree", EntryEducation.GRADUATE),
        ("Doctoral or professional degree", EntryEducation.GRADUATE),
        ("—", None),
        ("", None),
    ],
)
def test_bls_entry_education_maps_to_five_steps(bls, step):
    assert entry_education(bls) == step
