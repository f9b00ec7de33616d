"""Compare: up to four schools side by side at a shareable URL that carries the search they were ticked in: distance
from its ZIP code, its matching programs first, then cost, net price, the programs' earnings, completion, online
study and contact, the school page's own figures (issue 13, item 6)."""

import re
from html import unescape

import pytest

from tests.html import tags

from .helpers import search
from .test_school_judgement import judged  # noqa: F401 (a fixture: two schools with every figure, and none)

pytestmark = pytest.mark.django_db


def compare(client, *unitids, **search_params):
    return client.get("/schools/compare/", [*search_params.items(), *(("unitid", unitid) for unitid in unitids)])


def text_of(html):
    main = html[html.index("<h1") :]
    return re.sub(r"\s+([,;:])", r"\1", re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main))))


def row(text, label, following):
    """The words of one row of the table, from its heading to the next row's."""
    start = text.index(label)
    return text[start : text.index(following, start)]


def test_compare_two_schools_in_a_table(client, world):
    a, b = world.schools["huntsville"], world.schools["atlanta"]
    response = compare(client, a.unitid, b.unitid)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(tags(html, "table")) == 1
    headers = [attrs for _, attrs in tags(html, "th") if attrs.get("scope") == "col"]
    assert len(headers) == 3  # a label column and one per school
    assert html.index("Rocket City Community College") < html.index("Peachtree University")  # order given
    text = text_of(html)
    assert "Huntsville, Alabama" in text and "Atlanta, Georgia" in text
    assert (
        "Health Information/Medical Records Technology/Technician (51.0707), Bachelor's degree: 40 completions in "
        "2023-24" in text
    )
    assert "There is a problem" not in html


def test_the_search_s_matching_programs_come_first_with_the_distance_from_its_zip(client, world):
    huntsville, montgomery = world.schools["huntsville"], world.schools["montgomery"]
    html = compare(client, huntsville.unitid, montgomery.unitid, career="test-coder", zip="35801").content.decode()
    text = text_of(html)
    assert "side by side, from ZIP code 35801" in text
    assert re.search(r"Huntsville, Alabama \d+\.\d miles from 35801", text)
    matching = row(text, "Programs that match your search", "Graduates' earnings")
    # Montgomery's coding associate matches the career; its two nursing programs do not and come last.
    assert "Medical Insurance Coding Specialist/Coder (51.0713), Associate's degree: 2 completions" in matching
    assert "Nursing" not in matching
    others = row(text, "Other health programs", "Sources:")
    assert "Registered Nursing/Registered Nurse (51.3801), Associate's degree: 80 completions in 2023-24" in others


def test_cost_earnings_completion_online_and_contact_with_missing_values_in_words(client, judged):  # noqa: F811
    huntsville, birmingham = judged.schools["huntsville"], judged.schools["birmingham"]
    html = compare(client, huntsville.unitid, birmingham.unitid, career="test-coder").content.decode()
    text = text_of(html)
    assert row(text, "In-state tuition and fees", "Out-of-state") == (
        "In-state tuition and fees $4,310 Not reported to IPEDS "
    )
    assert row(text, "Books and supplies", "Net price per year") == "Books and supplies $1,250 Not reported to IPEDS "
    assert row(text, "Average, all incomes", "Family income") == "Average, all incomes $8,450 Not published "
    earnings = row(text, "Graduates' earnings for these programs", "Cost per year")
    # Huntsville's coding associate (51.0713) is Scorecard field 51.07, associate: its graduates' earnings.
    assert (
        "Health and Medical Administrative Services (51.07), Associate's degree: $41,250 after 1 year; $46,800 "
        "after 4 years" in earnings
    )
    # Birmingham's coding certificate has a Scorecard row with everything suppressed: said in words.
    assert "Not published: too few graduates after 1 year" in earnings
    completion = row(text, "Completed within 150% of the normal time", "Awarded a degree")
    assert completion.endswith("(first-time, full-time students) 31% Not published ")
    # Birmingham's cohort has no size, so the two labels differ: each cell says its own cohort.
    assert "Awarded a degree within 6 years 33% (2015 entering cohort of 410 students) Not reported to IPEDS" in text
    assert "Students studying only online, fall 2024 12% (300 of 2,400 students)" in text
    assert "Phone (256) 555-0100 Not reported to IPEDS" in text
    assert 'href="https://apply.rocketcity.example/"' in html
    assert "$0" not in text and " 0%" not in text
    assert "IPEDS student charges (IC_AY), full-time undergraduates, 2022-23" in text


def test_more_than_four_schools_sends_back_to_the_search_with_every_tick(client, world):
    unitids = [school.unitid for school in world.schools.values()][:5]
    response = compare(client, *unitids, career="test-coder", zip="35801")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "You can compare up to 4 schools at a time; you chose 5." in html
    assert "untick one" in html
    assert "<title>Error: Compare schools" in html
    assert not tags(html, "table")
    back = "/schools/?career=test-coder&zip=35801&" + "&".join(f"unitid={unitid}" for unitid in unitids)
    assert f'<a href="{back}">Back to your search</a>' in html
    # The search it leads back to has the five ticked and says to untick one before comparing.
    page = unescape(client.get(back).content.decode())
    for unitid in unitids:
        assert re.search(rf'<input type="(checkbox|hidden)" name="unitid" value="{unitid}"[^>]*>', page)
    assert "You have ticked 5 schools; compare takes up to 4. Untick one before you compare." in page


def test_unknown_and_malformed_unitids(client, world):
    html = compare(client, world.schools["huntsville"].unitid, "999999999").content.decode()
    assert "We have no school with UNITID 999999999." in html
    assert "<title>Error: Compare schools" in html  # the summary says "There is a problem"; so does the title
    assert "Rocket City Community College" in html
    for bad in ("abc", "\x00", "1" * 10_000, "<b>1</b>", "1 OR 1=1"):
        response = compare(client, world.schools["huntsville"].unitid, bad)
        assert response.status_code == 200
        assert "is not a UNITID" in response.content.decode()


def test_a_bad_search_alongside_the_schools_is_left_out_not_an_error(client, world):
    huntsville, atlanta = world.schools["huntsville"], world.schools["atlanta"]
    response = compare(client, huntsville.unitid, atlanta.unitid, zip="99999", career="no-such-career")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "miles from" not in text and "Health programs" in text


def test_no_schools_chosen_explains_how_to_choose(client, world):
    html = compare(client).content.decode()
    assert "Choose at least two schools to compare" in html
    # Arriving with nothing ticked is not a failed submission: no error summary stealing focus.
    assert "There is a problem" not in html
    assert "<title>Compare schools" in html


def test_duplicates_count_once(client, world):
    unitid = world.schools["huntsville"].unitid
    html = compare(client, unitid, unitid, unitid, unitid, unitid).content.decode()
    assert "you chose" not in html
    assert "Tick at least one more school" in html


# -- The ticks on the results pages --------------------------------------------------------------------------------


def test_ticks_ride_in_the_address_and_survive_paging(client, world, monkeypatch):

    monkeypatch.setattr("schools.search_results.RESULTS_PER_PAGE", 2)
    first_page = search(client, career="test-coder", sort="name")
    names = re.findall(r'name="unitid" value="(\d+)" id="compare-\d+"', first_page.content.decode())
    assert len(names) == 2
    # Tick the first school of page 1 and press "Next page": the form sends the search, the tick and page=2.
    html = unescape(first_page.content.decode())
    assert '<button type="submit" form="compare-form" formaction="/schools/" name="page" value="2"' in html
    page_two = client.get("/schools/", {"career": "test-coder", "sort": "name", "unitid": names[0], "page": "2"})
    html = unescape(page_two.content.decode())
    # Page 2 carries the tick from page 1 as a hidden field, so "Compare" and "Previous page" keep it.
    assert f'<input type="hidden" name="unitid" value="{names[0]}">' in html
    assert "1 ticked so far, 1 of them on other pages" in html
    # Back on page 1 with that tick, its box is ticked.
    back = client.get("/schools/", {"career": "test-coder", "sort": "name", "unitid": names[0], "page": "1"})
    assert re.search(rf'value="{names[0]}" id="compare-{names[0]}" checked', back.content.decode())
    # The compare form carries the search itself, so the comparison knows its ZIP code and career.
    assert '<input type="hidden" name="career" value="test-coder">' in back.content.decode()


@pytest.mark.parametrize("count", [2, 4])
def test_compare_is_constant_query(client, judged, django_assert_num_queries, count):  # noqa: F811
    unitids = [judged.schools[key].unitid for key in ("huntsville", "birmingham", "atlanta", "montgomery")][:count]
    # The content version, the form's lists of options (guides, occupations, programs), the place tables (content
    # version, ZIP centroids, counties' metro areas), the career's choices and crosswalk codes, the newest year; the
    # schools, their health programs and those programs' newest completions; one query for each of the six judging
    # datasets (compare_selectors.figures_for_schools). The same for 2 schools as for 4.
    with django_assert_num_queries(19):
        response = compare(client, *unitids, career="test-coder", zip="35801")
    assert response.status_code == 200
    assert text_of(response.content.decode()).count("miles from 35801") == count


def test_hostile_or_too_many_ticks_on_the_search_page_are_dropped_not_reflected(client, world):
    hostile = ["<script>x</script>", "1 OR 1=1", "\x00", "1" * 10_000, "-5"]
    response = client.get("/schools/", [("career", "test-coder"), *(("unitid", value) for value in hostile)])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x" not in html and "1 OR 1=1" not in html and "1" * 20 not in html
    assert 'type="hidden" name="unitid"' not in html
    # At most MAX_SELECTION ticks ride along, however many the address holds.
    many = [("unitid", str(990_000 + n)) for n in range(50)]
    html = client.get("/schools/", [("career", "test-coder"), *many]).content.decode()
    assert html.count('type="hidden" name="unitid"') == 20
