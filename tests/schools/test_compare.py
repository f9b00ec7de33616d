"""Compare: up to four schools side by side at a shareable URL."""

import pytest

from tests.html import tags

pytestmark = pytest.mark.django_db


def compare(client, *unitids):
    return client.get("/schools/compare/", [("unitid", unitid) for unitid in unitids])


def test_compare_two_schools_in_a_table(client, world):
    a, b = world.schools["huntsville"], world.schools["atlanta"]
    response = compare(client, a.unitid, b.unitid)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(tags(html, "table")) == 1
    headers = [attrs for _, attrs in tags(html, "th") if attrs.get("scope") == "col"]
    assert len(headers) == 3  # a label column and one per school
    assert html.index("Rocket City Community College") < html.index("Peachtree University")  # order given
    assert "<td>Huntsville, AL</td>" in html
    assert "<td>Private nonprofit</td>" in html
    assert "Health Information/Medical Records Technology/Technician (51.0707), Bachelor&#x27;s degree: 40" in html
    assert '<td class="num">17</td>' in html  # 12 + 5 completions in 2023-24
    assert "There is a problem" not in html


def test_more_than_four_schools(client, world):
    unitids = [school.unitid for school in world.schools.values()][:6]
    response = compare(client, *unitids)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You can compare up to 4 schools at a time; you chose 6." in html
    assert "<title>Error: Compare schools" in html
    assert not tags(html, "table")


def test_unknown_and_malformed_unitids(client, world):
    html = compare(client, world.schools["huntsville"].unitid, "999999999").content.decode()
    assert "We have no school with UNITID 999999999." in html
    assert "<title>Error: Compare schools" in html  # the summary says "There is a problem"; so does the title
    assert "Rocket City Community College" in html
    for bad in ("abc", "\x00", "1" * 10_000, "<b>1</b>", "1 OR 1=1"):
        response = compare(client, world.schools["huntsville"].unitid, bad)
        assert response.status_code == 200
        assert "is not a UNITID" in response.content.decode()


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
