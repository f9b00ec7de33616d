"""Find a School: each filter, their combinations, sorting, pagination, the results page's content."""

import re
from html import unescape

import pytest
from django.urls import reverse

from schools.models import CareerProgram
from tests.factories import CareerFactory, CareerProgramFactory, ImportRunFactory, InstitutionFactory
from tests.html import tags

from .conftest import HUNTSVILLE_35801, NEWEST_YEAR, add_program, haversine_miles
from .helpers import listed_names, result_count, results_html, search

pytestmark = pytest.mark.django_db

ACTIVE_HEALTH = ("huntsville", "birmingham", "atlanta", "montgomery", "memphis")


def test_without_filters_lists_active_schools_with_a_health_program_in_the_newest_year(client, world):
    response = search(client)
    assert set(listed_names(response)) == world.names(*ACTIVE_HEALTH)
    # Closed schools, schools whose programs only reported in an older year, and non-health schools stay out.
    assert result_count(response) == 5
    html = response.content.decode()
    assert "Shuttered Coding Academy" not in html
    assert "Yesteryear Health College" not in html
    assert "Commerce Only College" not in html


def test_career_uses_the_crosswalk_plus_staff_includes(client, world):
    names = listed_names(search(client, career="test-coder"))
    # 51.0713 and 51.0707 come from the crosswalk for 29-2072; 51.0714 is a staff include.
    assert set(names) == world.names("huntsville", "birmingham", "atlanta", "montgomery", "memphis")
    only_billing = InstitutionFactory(name="Billing Only Institute")
    add_program(only_billing, world.cips["billing"], "21", {NEWEST_YEAR: 3})
    ImportRunFactory(dataset="ipeds-completions")  # schools arrive with an import, which renews cached searches
    assert "Billing Only Institute" in listed_names(search(client, career="test-coder"))


def test_career_minus_staff_excludes(client, world):
    # The world's career names 51.0707 among its programs; staff turn that into an exclude.
    choice = CareerProgram.objects.get(career=world.career, cip=world.cips["him"])
    choice.action = CareerProgram.Action.EXCLUDE
    choice.save()
    names = listed_names(search(client, career="test-coder"))
    assert "Peachtree University" not in names  # its only program is 51.0707, now excluded
    assert "Rocket City Community College" in names


def test_career_card_lists_only_the_matching_programs(client, world):
    html = results_html(search(client, career="test-coder", q="Capitol"))
    assert "Medical Insurance Coding Specialist/Coder" in html
    assert "Registered Nursing" not in html  # the school's other programs are not what the visitor asked for


def test_program_filter_is_exact_six_digit_cip(client, world):
    names = listed_names(search(client, program="51.0713"))
    assert set(names) == world.names("huntsville", "birmingham", "montgomery", "memphis")
    assert set(listed_names(search(client, program="51.0707"))) == world.names("atlanta")


def test_program_choices_list_health_programs_by_title(client, world):
    html = search(client).content.decode()
    assert '<option value="51.0713">Medical Insurance Coding Specialist/Coder (51.0713)</option>' in html
    assert 'value="52.0201"' not in html  # not a health program
    assert '<option value="51">' not in html  # families are never offered as programs


def test_name_search_is_case_insensitive_on_name_and_alias(client, world):
    assert listed_names(search(client, q="rocket city")) == ["Rocket City Community College"]
    assert listed_names(search(client, q="rccc")) == ["Rocket City Community College"]
    assert listed_names(search(client, q="no such school")) == []


def test_state_filter(client, world):
    assert set(listed_names(search(client, state="AL"))) == world.names("huntsville", "birmingham", "montgomery")
    assert set(listed_names(search(client, state="GA"))) == world.names("atlanta")


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        ("10", ("huntsville",)),
        ("50", ("huntsville",)),
        ("100", ("huntsville", "birmingham")),
        ("250", ("huntsville", "birmingham", "atlanta", "montgomery", "memphis")),
    ],
)
def test_zip_and_radius(client, world, radius, expected):
    assert set(listed_names(search(client, zip="35801", radius=radius))) == world.names(*expected)


def test_distance_sort_is_nearest_first_with_correct_miles(client, world):
    response = search(client, zip="35801", radius="250")
    names = listed_names(response)
    by_distance = sorted(
        ACTIVE_HEALTH,
        key=lambda key: haversine_miles(HUNTSVILLE_35801, (world.schools[key].latitude, world.schools[key].longitude)),
    )
    assert names == [world.schools[key].name for key in by_distance]
    html = response.content.decode()
    # Birmingham is 84.5 miles from the centroid of 35801 (computed independently in conftest).
    assert "<strong>84.5 miles</strong> from 35801" in html
    assert "<strong>1.2 miles</strong> from 35801" in html


def test_zip_without_radius_sorts_by_distance_without_limiting(client, world):
    names = listed_names(search(client, zip="35801"))
    assert len(names) == 5
    assert names[0] == "Rocket City Community College"
    assert names[-1] == "Bluff City College"


def test_award_group(client, world):
    names = listed_names(search(client, award="certificate-short"))
    # Huntsville's billing certificate, Birmingham's coding certificate, Montgomery's nursing certificate.
    assert set(names) == world.names("huntsville", "birmingham", "montgomery")
    assert set(listed_names(search(client, award="bachelor"))) == world.names("atlanta")
    assert set(listed_names(search(client, award="certificate-long"))) == world.names("memphis")


def test_career_and_award_must_hold_for_the_same_program(client, world):
    names = listed_names(search(client, career="test-coder", award="certificate-short"))
    # Montgomery has a coding associate and a nursing certificate: neither is a coding certificate.
    assert set(names) == world.names("huntsville", "birmingham")


def test_control_and_level(client, world):
    assert listed_names(search(client, control="3")) == ["Magic City Career Institute"]
    assert listed_names(search(client, control="2")) == ["Peachtree University"]
    assert listed_names(search(client, level="1")) == ["Peachtree University"]
    assert listed_names(search(client, level="3")) == ["Magic City Career Institute"]


def test_combination_of_everything(client, world):
    names = listed_names(
        search(client, career="test-coder", zip="35801", radius="100", state="AL", control="1", award="associate")
    )
    assert names == ["Rocket City Community College"]


def test_sort_by_name_and_by_most_completions(client, world):
    names = listed_names(search(client, sort="name"))
    assert names == sorted(names)
    # Completions of the matching programs in the newest year: Montgomery 80+3+2, Atlanta 40, Birmingham 30,
    # Huntsville 12+5, Memphis 7.
    assert listed_names(search(client, sort="completions")) == [
        "Capitol Nursing School",
        "Peachtree University",
        "Magic City Career Institute",
        "Rocket City Community College",
        "Bluff City College",
    ]
    # With a career, only its programs count: Montgomery falls to its 2 coding associates.
    assert listed_names(search(client, career="test-coder", sort="completions"))[-1] == "Capitol Nursing School"


@pytest.mark.parametrize("sort", ["completions", "name", ""])
def test_a_career_no_program_leads_to_lists_no_school_in_any_order(client, world, sort):
    # A published guide whose occupations the crosswalk links to no program (and staff added none).
    CareerFactory(slug="lighthouse-keeper", short_name="Lighthouse Keeper")
    response = search(client, career="lighthouse-keeper", sort=sort)
    assert response.status_code == 200
    assert result_count(response) == 0
    assert "Try widening the search" in response.content.decode()


def form_as_submitted(html):
    """The search form's fields as a browser submits them: each select's selected option, each text box's value."""
    form = re.search(r'<form class="search-form".*?</form>', html, re.S).group(0)
    fields = {}
    for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        fields[name] = selected.group(1) if selected else re.search(r'<option value="([^"]*)"', options).group(1)
    for _, attrs in tags(form, "input"):
        fields[attrs["name"]] = attrs.get("value", "")
    return fields


def test_a_zip_typed_into_the_form_lists_nearest_first(client, world):
    # The first visit shows the default order; the browser sends it back with the ZIP code typed in. (The box once
    # showed "Name, A to Z" here, so every ZIP search made through the form came back A to Z.)
    first_visit = search(client).content.decode()
    assert '<option value="" selected>Nearest first (A to Z without a ZIP code)</option>' in first_visit
    submitted = form_as_submitted(first_visit) | {"zip": "35801"}
    assert submitted["sort"] == ""
    names = listed_names(search(client, **submitted))
    assert names[0] == "Rocket City Community College" and names[-1] == "Bluff City College"
    # The same default without a ZIP code: A to Z.
    names = listed_names(search(client, **form_as_submitted(first_visit)))
    assert names == sorted(names)
    assert len(names) == len(ACTIVE_HEALTH)


def test_card_shows_place_kind_programs_and_year(client, world):
    html = results_html(search(client, q="Magic City", zip="35801"))
    assert "Birmingham, Alabama" in html
    assert "Private for-profit · Less than 2-year" in html
    assert 'Medical Insurance Coding Specialist/Coder <span class="cip-code">(51.0713)</span>' in html
    assert "Certificate of at least 12 weeks but less than 1 year" in html
    assert "30 completions" in html
    assert "completions in 2023-24" in html
    assert f'href="{world.schools["birmingham"].get_absolute_url()}"' in html


def test_career_shows_state_and_national_median_wage_with_source(client, world):
    html = search(client, career="test-coder", q="Rocket").content.decode()
    assert "<strong>$43,810</strong> in Alabama" in html
    assert "$51,140 nationally" in html  # May 2025, not the older May 2024 figure
    assert "BLS OEWS, May 2025" in html
    assert f'<a href="{world.career.get_absolute_url()}#pay-map">Pay in every state' in html
    georgia = search(client, career="test-coder", state="GA").content.decode()
    assert "not published for Georgia" in georgia  # Georgia's only estimate is from an older period


def test_career_links_back_to_its_guide(client, world):
    html = search(client, career="test-coder").content.decode()
    assert f'<a href="{world.career.get_absolute_url()}">About this career: Test Coder</a>' in html


def test_draft_guides_are_not_searchable(client, world):
    CareerFactory(slug="draft-guide", status="draft")
    response = search(client, career="draft-guide")
    assert "We have no career by that name" in response.content.decode()
    assert listed_names(response) == []


def test_results_heading_is_a_status_message(client, world):
    html = search(client).content.decode()
    assert re.search(r'<div role="status">\s*<h2 id="results-heading">5 schools</h2>', html)
    assert '<h2 id="results-heading">1 school</h2>' in search(client, q="Rocket").content.decode()


def test_active_filters_are_listed_and_each_can_be_removed(client, world):
    response = search(client, career="test-coder", state="AL", zip="35801", radius="100", page="1")
    html = response.content.decode()
    assert "Career: <strong>Test Coder</strong>" in html
    assert "State: <strong>Alabama</strong>" in html
    assert "Place: <strong>Within 100 miles of 35801 (Huntsville, AL)</strong>" in html
    removal_links = re.findall(r'<a href="([^"]+)" class="active-filters__remove">', html)
    assert len(removal_links) == 3
    for link in removal_links:
        assert "page=" not in link
    assert "/schools/?state=AL&amp;zip=35801&amp;radius=100" in removal_links[0]
    # Removing the place drops the radius too (a radius means nothing without a ZIP code).
    assert "zip" not in removal_links[2] and "radius" not in removal_links[2]
    assert client.get(removal_links[0].replace("&amp;", "&")).status_code == 200


def test_pagination_keeps_the_filters_and_marks_the_current_page(client, world):
    for number in range(45):
        school = InstitutionFactory(name=f"Alabama Coding School {number:02d}", state="AL")
        add_program(school, world.cips["coding"], "3", {NEWEST_YEAR: 1})
    response = search(client, program="51.0713", state="AL", page="2")
    html = response.content.decode()
    assert result_count(response) == 48
    assert listed_names(response)[0] == "Alabama Coding School 20"
    nav = re.search(r'<nav class="pagination" aria-label="Pagination">(.*?)</nav>', html, re.S).group(1)
    assert (
        '<span class="pagination__current" aria-current="page"><span class="visually-hidden">Page </span>2</span>'
        in nav
    )
    # Each page is a button of the compare form (so ticks go along), which carries the search's filters.
    page_button = '<button type="submit" form="compare-form" formaction="/schools/" name="page" value="{}"'
    assert page_button.format(3) in nav and page_button.format(1) in nav
    compare_form = re.search(r'<form class="compare-form" id="compare-form"(.*?)</form>', html, re.S).group(1)
    assert '<input type="hidden" name="program" value="51.0713">' in compare_form
    assert '<input type="hidden" name="state" value="AL">' in compare_form
    assert 'name="page"' not in compare_form.split("<ol")[0]  # the button sets the page, not a hidden field
    assert listed_names(search(client, program="51.0713", state="AL", page="3"))[-1] == "Rocket City Community College"


def test_page_past_the_end_is_not_found(client, world):
    assert search(client, page="1").status_code == 200
    assert search(client, page="2").status_code == 404
    assert search(client, page="99999999999999999999").status_code == 404


def test_empty_result_suggests_widening(client, world):
    html = search(client, zip="35801", radius="10", award="bachelor").content.decode()
    assert '<h2 id="results-heading">0 schools</h2>' in html
    assert "Try widening the search" in html
    assert "Search within 25 miles" in html
    assert "Remove credential: Bachelor's degree" in unescape(html)


def test_compare_form_wraps_the_cards(client, world):
    html = search(client).content.decode()
    forms = tags(html, "form")
    compare = [attrs for _, attrs in forms if attrs.get("action") == reverse("schools:compare")]
    assert compare and compare[0].get("method") == "get"
    checkboxes = [attrs for _, attrs in tags(html, "input") if attrs.get("type") == "checkbox"]
    ticks = [attrs for attrs in checkboxes if attrs.get("value")]
    assert {attrs["value"] for attrs in ticks} == {world.schools[key].unitid for key in ACTIVE_HEALTH}
    assert all(attrs["name"] == "unitid" for attrs in ticks)
    # The rest are the search form's own boxes (online study, federal aid, closed schools).
    assert {attrs["name"] for attrs in checkboxes if not attrs.get("value")} == {
        "online",
        "federal_aid",
        "include_closed",
    }
    assert "Compare selected</button>" in html


def test_search_form_is_a_get_form_that_works_without_javascript(client, world):
    html = search(client).content.decode()
    search_form = [attrs for _, attrs in tags(html, "form") if attrs.get("role") == "search"][0]
    assert search_form["method"] == "get"
    assert "novalidate" in search_form
    # No code: only JSON-LD data blocks (templates/includes/json_ld.html).
    assert all(attrs.get("type") == "application/ld+json" for _, attrs in tags(html, "script"))
    assert len(tags(html, "h1")) == 1
    # Every control has a label.
    for _, attrs in tags(html, "select") + [t for t in tags(html, "input") if t[1].get("type") == "text"]:
        assert f'<label for="{attrs["id"]}">' in html


def test_csv_link_keeps_the_search(client, world):
    html = search(client, career="test-coder", page="1").content.decode()
    assert '<a href="?career=test-coder&amp;format=csv" download>Download these results (CSV)</a>' in html


def test_before_any_import_the_page_says_so(client, db):
    response = search(client)
    assert result_count(response) == 0
    assert "No school data has been imported yet" in response.content.decode()


def test_career_without_wage_figures_shows_no_pay_line(client, world):
    career = CareerFactory(slug="no-wages")
    CareerProgramFactory(career=career, cip=world.cips["nursing"], action=CareerProgram.Action.INCLUDE)
    html = results_html(search(client, career="no-wages"))
    assert "Capitol Nursing School" in html
    assert "Median annual pay" not in html


def test_every_healthcare_occupation_that_programs_lead_to_is_a_career_choice(client, world):
    """The career box offers the guides first, then every occupation the crosswalk links a health program to
    (without a guide of its own); choosing one searches its crosswalk programs."""
    from reference_data.models import Occupation
    from tests.factories import WageEstimateFactory

    WageEstimateFactory(occupation=Occupation.objects.get(soc_code="29-8141"))  # Test Nurses: a page of its own
    html = client.get(reverse("schools:search")).content.decode()
    guides = html.index('<optgroup label="Our career guides">')
    occupations = html.index('<optgroup label="Every healthcare occupation">')
    assert guides < html.index('<option value="test-coder">Test Coder</option>') < occupations
    assert html.index('<option value="29-8141">Test Nurses</option>') > occupations
    assert '<option value="29-8072"' not in html  # Test Records Specialists: the Test Coder guide stands for it

    response = search(client, career="29-8141")
    page = response.content.decode()
    assert "<title>Test Nurses schools in the US" in page
    assert '<a href="/careers/occupations/29-8141/">About this career: Test Nurses</a>' in page
    assert "Registered Nursing/Registered Nurse" in results_html(response)
    assert "Medical Insurance Coding" not in results_html(response)
