"""Find a School's judging side (issue 13): closed schools left out unless asked for, filters by online study,
federal aid and net price, orders by net price and graduates' earnings, and each card's cost, net price and earnings
with their sources, a missing or suppressed value in words, never $0."""

import csv
import datetime
import io
import re
from html import unescape

import pytest

from schools.models import (
    DistanceEducation,
    Institution,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)
from tests.factories import InstitutionFactory

from .conftest import NEWEST_YEAR, add_program
from .helpers import listed_names, results_html, search

pytestmark = pytest.mark.django_db

RELEASE = datetime.date(2026, 6, 10)
CREDENTIAL = ProgramOutcome.CredentialLevel
FIELD = "Health and Medical Administrative Services"


def outcome(school, credential, earnings, cip_code="51.07"):
    return ProgramOutcome.objects.create(
        institution=school, cip_code=cip_code, cip_title=f"{FIELD}.", credential_level=credential,
        released_on=RELEASE, completers=None if earnings is None else 40, earnings_1_year=earnings,
    )  # fmt: skip


@pytest.fixture
def judged(world):
    """The world's five open schools for the Test Coder career, with figures chosen to tell the orders apart:

    school       net price  earnings (matching)        online  federal aid (OPEFLAG)
    huntsville   8,450      41,250 (a master's 90,000   yes     1 participates
                            in the same field is no
                            match: no master's program)
    birmingham   blank      suppressed                  no      6 not participating
    atlanta      21,000     52,000                      none    2 branch campus
    montgomery   -631       no Scorecard row            none    8 new participant
    memphis      8,450      30,000                      yes     3 deferment only
    """
    s = world.schools
    update = Institution.objects.filter
    update(pk=s["huntsville"].pk).update(title_iv_status=1, web_address="www.rocketcity.example/")
    update(pk=s["birmingham"].pk).update(title_iv_status=6)
    update(pk=s["atlanta"].pk).update(title_iv_status=2, web_address="https://peachtree.example/")
    update(pk=s["montgomery"].pk).update(title_iv_status=8)
    update(pk=s["memphis"].pk).update(title_iv_status=3)

    InstitutionCost.objects.create(institution=s["huntsville"], year=2022, tuition_in_state=4310)
    InstitutionCost.objects.create(institution=s["huntsville"], year=2021, tuition_in_state=3999)  # older: unused
    InstitutionCost.objects.create(institution=s["birmingham"], year=2022)  # every charge "." in IC_AY
    InstitutionCost.objects.create(institution=s["memphis"], year=2022, tuition_in_state=11200)

    for key, price in (("huntsville", 8450), ("birmingham", None), ("atlanta", 21000), ("montgomery", -631),
                       ("memphis", 8450)):  # fmt: skip
        InstitutionOutcome.objects.create(institution=s[key], released_on=RELEASE, net_price_average=price)

    for key, answer in (("huntsville", "yes"), ("birmingham", "no"), ("memphis", "yes")):
        DistanceEducation.objects.create(
            institution=s[key], year=2022, all_programs_online="no", offers_online_courses=answer,
            offers_online_programs=answer,
        )  # fmt: skip

    outcome(s["huntsville"], CREDENTIAL.ASSOCIATE, 41250)
    outcome(s["huntsville"], CREDENTIAL.MASTER, 90000)
    outcome(s["birmingham"], CREDENTIAL.UNDERGRADUATE_CERTIFICATE, None)
    outcome(s["atlanta"], CREDENTIAL.BACHELOR, 52000)
    outcome(s["memphis"], CREDENTIAL.UNDERGRADUATE_CERTIFICATE, 30000)
    # Another field at Montgomery: its nursing programs are not in the Test Coder search.
    outcome(s["montgomery"], CREDENTIAL.ASSOCIATE, 70000, cip_code="51.38")

    shut = InstitutionFactory(
        name="Valley Shut College", closed_on=datetime.date(2024, 7, 30), is_active=True, latitude=34.7, longitude=-86.6
    )
    add_program(shut, world.cips["coding"], "3", {NEWEST_YEAR: 9})
    s["shut"] = shut
    return world


def names(world, *keys):
    return [world.schools[key].name for key in keys]


def card_texts(response):
    """Each result card's text, in page order, with its spaces collapsed."""
    html = results_html(response)
    cards = re.findall(r'<li class="school-card">(.*?)</li>\s*(?=<li class="school-card">|</ol>)', html, re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", card))).strip() for card in cards]


def test_closed_schools_are_left_out_unless_asked_for(client, judged):
    default = listed_names(search(client, career="test-coder"))
    assert set(default) == set(names(judged, "huntsville", "birmingham", "atlanta", "montgomery", "memphis"))

    response = search(client, career="test-coder", include_closed="on")
    everything = listed_names(response)
    assert set(everything) == set(default) | set(names(judged, "shut", "closed"))
    cards = dict(zip(everything, card_texts(response), strict=True))
    assert "This school closed on 30 July 2024." in cards["Valley Shut College"]
    assert "not listed as open in the newest IPEDS directory" in cards["Shuttered Coding Academy"]
    assert "closed" not in cards["Rocket City Community College"].lower()
    # The box stays ticked, and the filter is listed with a way to remove it.
    html = response.content.decode()
    assert re.search(r'<input type="checkbox" name="include_closed"[^>]* checked', html)
    assert "Closed schools: <strong>Included</strong>" in html


def test_online_study_filter_keeps_schools_offering_programs_by_distance_education(client, judged):
    listed = listed_names(search(client, career="test-coder", online="on", sort="name"))
    assert listed == names(judged, "memphis", "huntsville")


def test_federal_aid_filter_keeps_title_iv_participants_only(client, judged):
    listed = listed_names(search(client, career="test-coder", federal_aid="on", sort="name"))
    # Deferment only (3) and not participating (6) are left out; a branch (2) and a new participant (8) stay.
    assert listed == names(judged, "montgomery", "atlanta", "huntsville")


@pytest.mark.parametrize("typed", ["8450", "$8,450", " 8,450 "])
def test_maximum_net_price_leaves_out_dearer_schools_and_those_with_none_published(client, judged, typed):
    response = search(client, career="test-coder", max_net_price=typed, sort="name")
    assert listed_names(response) == names(judged, "memphis", "montgomery", "huntsville")
    text = unescape(response.content.decode())
    assert "Schools with no published net price (College Scorecard) are left out of these results." in text
    assert "Net price: <strong>$8,450 or less</strong>" in text


def test_without_a_maximum_the_page_does_not_mention_left_out_schools(client, judged):
    assert "left out of these results" not in search(client, career="test-coder").content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("cheap", "Enter a net price in whole dollars, like 15000."),
        ("-5", "Enter a net price of $0 or more."),
        ("200001", "Enter a net price of $200,000 or less."),
        ("9" * 5000, "Enter a net price in whole dollars, like 15000."),
        ("12.50", "Enter a net price in whole dollars, like 15000."),
    ],
)
def test_a_bad_maximum_net_price_is_a_form_error(client, judged, typed, message):
    response = search(client, career="test-coder", max_net_price=typed)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert 'class="error-summary"' in html
    assert message in html
    assert listed_names(response) == []


def test_net_price_order_is_lowest_first_unknown_last_ties_by_name(client, judged):
    listed = listed_names(search(client, career="test-coder", sort="net_price"))
    # Montgomery's average net price is negative (grants above the cost); Memphis and Huntsville tie at $8,450.
    assert listed == names(judged, "montgomery", "memphis", "huntsville", "atlanta", "birmingham")


def test_earnings_order_is_highest_first_from_matching_programs_only_unknown_last(client, judged):
    listed = listed_names(search(client, career="test-coder", sort="earnings"))
    # Huntsville's $90,000 master's row is not one of its programs; Montgomery's nursing row is not in this search.
    # Birmingham (suppressed) and Montgomery (no row) come last, by name.
    assert listed == names(judged, "atlanta", "huntsville", "memphis", "montgomery", "birmingham")


def test_orders_stay_the_same_across_pages(client, judged, monkeypatch):

    monkeypatch.setattr("schools.search_results.RESULTS_PER_PAGE", 2)
    for sort in ("net_price", "earnings"):
        pages = [listed_names(search(client, career="test-coder", sort=sort, page=n)) for n in (1, 2, 3)]
        whole = listed_names(search(client, career="test-coder", sort=sort, page=1)) + pages[1] + pages[2]
        assert len(set(whole)) == 5, sort
        assert [name for page in pages for name in page] == whole


def test_each_card_shows_cost_net_price_and_earnings_with_source_and_year(client, judged):
    response = search(client, career="test-coder", sort="name")
    cards = dict(zip(listed_names(response), card_texts(response), strict=True))
    huntsville = cards["Rocket City Community College"]
    assert "In-state tuition and fees: $4,310 (IPEDS student charges, 2022-23)" in huntsville
    assert "Average net price: $8,450 (College Scorecard, June 2026)" in huntsville
    assert (
        f"Graduates' median earnings a year after completing: {FIELD} (Associate's degree): $41,250 "
        "(College Scorecard, June 2026)" in huntsville
    )
    assert "$90,000" not in huntsville
    birmingham = cards["Magic City Career Institute"]
    assert "In-state tuition and fees: Not reported to IPEDS (IPEDS student charges, 2022-23)" in birmingham
    assert "Average net price: Not published (College Scorecard, June 2026)" in birmingham
    assert (
        f"{FIELD} (Undergraduate certificate or diploma): Not published: too few graduates (College Scorecard"
        in birmingham
    )
    atlanta = cards["Peachtree University"]
    assert "In-state tuition and fees: Not reported to IPEDS (IPEDS student charges)" in atlanta
    montgomery = cards["Capitol Nursing School"]
    assert "Average net price: −$631" in montgomery
    assert "Graduates' median earnings: Not published for these programs (College Scorecard)" in montgomery
    assert "$70,000" not in montgomery
    # Suppressed and missing values are words, never zero.
    for text in cards.values():
        assert not re.search(r"\$0\b|: 0\b", text), text


def read_csv(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_has_the_judging_columns_and_never_a_zero_for_a_missing_value(client, judged):
    response = search(client, career="test-coder", include_closed="on", format="csv")
    assert response["Content-Disposition"] == 'attachment; filename="schools-test-coder.csv"'
    rows = {row["name"]: row for row in read_csv(response)}
    assert len(rows) == 7
    huntsville = rows["Rocket City Community College"]
    assert huntsville["web_address"] == "https://www.rocketcity.example/"
    assert huntsville["in_state_tuition_and_fees"] == "4310"
    assert huntsville["tuition_year"] == "2022-23"
    assert huntsville["average_net_price"] == "8450"
    assert huntsville["net_price_source"] == "College Scorecard, June 2026"
    assert huntsville["graduates_median_earnings_1_year"] == "51.07 Associate's degree: 41250"
    assert huntsville["earnings_source"] == "College Scorecard, June 2026"
    assert huntsville["offers_programs_online"] == "Yes"
    assert huntsville["federal_aid"] == "Yes"
    assert huntsville["closed"] == "No"
    assert rows["Peachtree University"]["web_address"] == "https://peachtree.example/"
    assert rows["Capitol Nursing School"]["average_net_price"] == "-631"  # a number, not a quoted formula guard
    birmingham = rows["Magic City Career Institute"]
    assert birmingham["in_state_tuition_and_fees"] == "Not reported to IPEDS"
    assert birmingham["average_net_price"] == "Not published"
    assert birmingham["graduates_median_earnings_1_year"] == (
        "51.07 Undergraduate certificate or diploma: Not published: too few graduates"
    )
    assert birmingham["offers_programs_online"] == "No"
    assert birmingham["federal_aid"] == "No"
    assert rows["Peachtree University"]["offers_programs_online"] == "Not reported to IPEDS"
    assert rows["Valley Shut College"]["closed"] == "Closed on 2024-07-30"
    assert rows["Shuttered Coding Academy"]["closed"] == "Not open in the newest IPEDS directory"
    # Every row, every judging cell: a suppressed or missing figure is never written as 0.
    judging = ["in_state_tuition_and_fees", "average_net_price", "graduates_median_earnings_1_year"]
    for row in rows.values():
        for column in judging:
            assert not re.search(r"(^|: )\$?0($|;)", row[column]), (row["name"], column, row[column])
            assert row[column], (row["name"], column)


@pytest.mark.parametrize(
    ("params", "file_name"),
    [
        ({"career": "test-coder", "zip": "35801"}, "schools-test-coder-near-35801.csv"),
        ({"career": "test-coder", "zip": "Huntsville, AL"}, "schools-test-coder-near-huntsville-al.csv"),
        ({"program": "51.0713", "state": "AL"}, "schools-program-51-0713-in-al.csv"),
        ({"q": 'Rocket "City"/../\\ <x>'}, "schools-named-rocket-city-x.csv"),
        ({}, "schools.csv"),
    ],
)
def test_the_csv_is_named_after_the_search_in_safe_characters(client, judged, params, file_name):
    response = search(client, format="csv", **params)
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'


@pytest.mark.parametrize("count", [3, 30])
def test_judging_searches_run_the_same_queries_as_results_grow(client, judged, django_assert_max_num_queries, count):
    for number in range(count):
        school = InstitutionFactory(name=f"Coder School {number:03d}", title_iv_status=1)
        add_program(school, judged.cips["coding"], "3", {NEWEST_YEAR: number + 1})
        InstitutionCost.objects.create(institution=school, year=2022, tuition_in_state=3000 + number)
        InstitutionOutcome.objects.create(institution=school, released_on=RELEASE, net_price_average=5000 + number)
        DistanceEducation.objects.create(
            institution=school, year=2022, all_programs_online="no", offers_online_courses="yes",
            offers_online_programs="yes",
        )  # fmt: skip
        outcome(school, CREDENTIAL.ASSOCIATE, 40000 + number)
        outcome(school, CREDENTIAL.UNDERGRADUATE_CERTIFICATE, None)
    search(client, career="test-coder")  # the options and criteria read once per content version
    params = {"career": "test-coder", "online": "on", "federal_aid": "on", "max_net_price": "90000"}
    for sort in ("net_price", "earnings"):
        # The content version, the schools with their figures, their programs and their earnings.
        with django_assert_max_num_queries(4):
            response = search(client, **params, sort=sort)
        assert len(listed_names(response)) == min(20, count + 1)
    # The content version, the figures, the earnings, the schools' order and the rows.
    with django_assert_max_num_queries(5):
        read_csv(search(client, **params, sort="earnings", format="csv"))


def test_a_card_shows_three_fields_earnings_and_links_to_the_rest(client, judged):
    from tests.factories import CipCodeFactory

    huntsville = judged.schools["huntsville"]
    for number in range(9, 13):
        cip = CipCodeFactory(code=f"51.{number:02d}01", title=f"Health Field {number}.")
        add_program(huntsville, cip, "3", {NEWEST_YEAR: 3})
        outcome(huntsville, CREDENTIAL.ASSOCIATE, 30000 + number, cip_code=f"51.{number:02d}")
    response = search(client, q="Rocket City")
    (card,) = card_texts(response)
    assert card.count("Graduates' median earnings a year after completing") == 3
    assert "Earnings for 2 more fields of study on the school's page" in card
    assert huntsville.get_absolute_url() in results_html(response)


@pytest.mark.parametrize("sort", ["earnings", "net_price"])
def test_the_csv_lists_schools_in_the_searchs_order(client, judged, sort):
    page = listed_names(search(client, career="test-coder", sort=sort))
    rows = read_csv(search(client, career="test-coder", sort=sort, format="csv"))
    assert [row["name"] for row in rows] == page
    # Huntsville's coding associate and billing certificate stay on its one row, whatever the order.
    huntsville = next(row for row in rows if row["name"] == "Rocket City Community College")
    assert huntsville["programs"].count(";") == 1
