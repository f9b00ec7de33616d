"""Bad input on the search: a 200 page that keeps what was typed and says what is wrong beside the field, or a 404
for a page past the end. Never a 500, never silently broader results. Run on PostgreSQL too: NUL bytes that reach
psycopg raise there, not on SQLite."""

import re
from html import unescape

import pytest

from tests.html import tags

from .helpers import search

pytestmark = pytest.mark.django_db

FIELDS = ["career", "program", "q", "state", "zip", "radius", "award", "control", "level", "sort", "page"]
NASTY = {
    "nul": "ab\x00cd",
    "nul-only": "\x00",
    "long": "x" * 10_000,
    "html": '<script>alert("x")</script><b onmouseover=alert(1)>',
    "sql": "' OR 1=1; DROP TABLE schools_institution; --",
    "unicode": "Zürich \u202e\ufeff 👩‍⚕️",
}


def error_for(html, field):
    match = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else None


def assert_error_page(response, field, message=None):
    """The GOV.UK pattern: "Error:" in the title, a summary linking to the field, the message beside it."""
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<title>Error: ", html), "title has no Error: prefix"
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'role="alert"' in summary and "autofocus" in summary
    assert f'href="#id_{field}"' in summary
    beside = error_for(html, field)
    assert beside, f"no message beside {field}"
    if message:
        assert message in beside
    # No results are shown for a search we could not understand, so nothing is silently broadened.
    assert 'id="results-heading"' not in html
    assert "school-card" not in html
    return html


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("kind", NASTY)
def test_nasty_values_in_any_field_never_break_the_page(client, world, field, kind):
    response = search(client, **{field: NASTY[kind]})
    assert response.status_code in (200, 404), response.status_code
    html = response.content.decode()
    assert "<script>alert" not in html  # escaped if echoed anywhere
    if field == "q" and kind in ("html", "sql", "unicode"):
        # A valid (if odd) name search: it finds nothing rather than erroring.
        assert '<h2 id="results-heading">0 schools</h2>' in html
    else:
        assert_error_page(response, field)


@pytest.mark.parametrize("kind", NASTY)
def test_nasty_values_in_every_field_at_once(client, world, kind):
    response = search(client, **dict.fromkeys(FIELDS, NASTY[kind]))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_nasty_values_in_unknown_parameters_are_ignored(client, world):
    response = client.get("/schools/?colour=%00&format=%00&x=" + "y" * 10_000)
    assert response.status_code == 200
    assert '<h2 id="results-heading">5 schools</h2>' in response.content.decode()


def test_unknown_state(client, world):
    assert_error_page(search(client, state="ZZ"), "state", "Choose a state or territory from the list.")
    assert_error_page(search(client, state="al"), "state")  # codes are upper case, as IPEDS writes them


def test_unknown_career(client, world):
    assert_error_page(search(client, career="astronaut"), "career", "We have no career by that name.")


def test_unknown_program_and_a_four_digit_family(client, world):
    assert_error_page(search(client, program="51.9999"), "program", "Choose a program from the list.")
    # Programs are never rolled up to 4-digit series or 2-digit families.
    assert_error_page(search(client, program="51.07"), "program")
    assert_error_page(search(client, program="51"), "program")
    assert_error_page(search(client, program="52.0201"), "program")  # not a health program


@pytest.mark.parametrize("value", ["3580", "358011", "3580a", "35 801", "٣٥٨٠١", "-3580"])
def test_zip_that_is_not_five_digits(client, world, value):
    html = assert_error_page(search(client, zip=value, radius="50"), "zip", "Enter a ZIP code as 5 digits")
    # What the visitor typed is kept in the box.
    zip_input = [attrs for _, attrs in tags(html, "input") if attrs.get("name") == "zip"][0]
    assert zip_input["value"] == value


def test_unknown_zip(client, world):
    html = assert_error_page(search(client, zip="00000", radius="50"), "zip", "We don't know ZIP code 00000")
    assert 'value="00000"' in html


def test_radius_not_offered(client, world):
    assert_error_page(search(client, zip="35801", radius="75"), "radius", "Choose a distance from the list.")
    assert_error_page(search(client, zip="35801", radius="-1"), "radius")


def test_radius_without_zip(client, world):
    assert_error_page(search(client, radius="50"), "zip", "Enter a ZIP code to search within 50 miles.")


@pytest.mark.parametrize("blank", ["  ", "\u00a0", "\t \n"])
def test_a_zip_box_holding_only_spaces_is_an_empty_zip(client, world, blank):
    # Stripped, it is no ZIP code: a distance or a distance order asks for one instead of searching for less.
    assert_error_page(search(client, zip=blank, radius="10"), "zip", "Enter a ZIP code to search within 10 miles.")
    assert_error_page(search(client, zip=blank, sort="distance"), "sort", "Enter a ZIP code to sort by distance")


def test_sort_by_distance_without_zip(client, world):
    assert_error_page(search(client, sort="distance"), "sort", "Enter a ZIP code to sort by distance")


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "2e3"])
def test_page_that_is_not_a_page_number(client, world, value):
    html = assert_error_page(search(client, page=value), "page", "Enter a page number, like 2.")
    assert f'value="{value}"' in html


def test_page_past_the_end(client, world):
    assert search(client, page="2").status_code == 404
    assert search(client, state="AL", page="50").status_code == 404


def test_values_are_kept_in_the_form(client, world):
    html = search(client, q="Rocket", zip="00000", radius="100", state="AL", award="associate").content.decode()
    assert 'name="q" value="Rocket"' in html
    assert '<option value="100" selected>100 miles</option>' in html
    assert '<option value="AL" selected>Alabama</option>' in html
    assert '<option value="associate" selected>Associate degree</option>' in html


def test_field_errors_are_tied_to_their_controls(client, world):
    html = search(client, zip="1").content.decode()
    zip_input = [attrs for _, attrs in tags(html, "input") if attrs.get("name") == "zip"][0]
    assert zip_input["aria-invalid"] == "true"
    assert "id_zip_error" in zip_input["aria-describedby"]


def test_csv_of_an_invalid_search_shows_the_errors_instead(client, world):
    response = search(client, state="ZZ", format="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Choose a state or territory from the list." in response.content.decode()


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x07", "\x85"])
@pytest.mark.parametrize("field", ["q", "zip"])
def test_control_characters_are_refused_and_never_written_back(client, world, field, control):
    typed = f"Roc{control}ket" if field == "q" else f"358{control}01"
    html = assert_error_page(
        search(client, **{field: typed}), field, "Remove the control characters (such as a NUL byte) from this box."
    )
    # The page holds no control character at all (the newlines of the markup aside), and the box keeps the rest.
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", html)
    box = [attrs for _, attrs in tags(html, "input") if attrs.get("name") == field][0]
    assert box["value"] == typed.replace(control, "")


def test_a_download_asked_with_a_control_character_shows_the_form_without_it(client, world):
    html = search(client, q="Rocket\x1b[31m", format="csv").content.decode()
    assert "There is a problem" in html
    assert "\x1b" not in html and 'value="Rocket[31m"' in html
