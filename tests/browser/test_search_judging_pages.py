"""Find a School's judging states (issue 13) in a real Chromium: result cards with cost, net price and earnings, a
closed school's card, and the new filters set. axe-core finds nothing at 1280 and 375 px, and nothing scrolls
sideways at 375 px. The schools are the school page's browser fixtures (one judged, one closed)."""

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import Checks, assert_no_axe_violations, assert_no_horizontal_overflow, visit
from tests.browser.test_school_judgement_pages import judged_schools  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
STATES = {
    "closed schools included, by earnings": "/schools/?career=browser-test-assistant&include_closed=on&sort=earnings",
    "every judging filter, by net price": (
        "/schools/?career=browser-test-assistant&online=on&federal_aid=on&max_net_price=%2410%2C000&sort=net_price"
    ),
}


@pytest.mark.parametrize("state", list(STATES))
def test_judging_search_states_are_accessible_and_fit_a_phone(page, judged_schools, state):  # noqa: F811
    url = STATES[state]
    checks = Checks(url)
    page.set_viewport_size(DESKTOP)
    visit(page, url)
    cards = page.locator(".school-card")
    with checks("the judged school's card shows its figures with their sources"):
        text = page.locator(".school-card", has_text="Browser Judged College").inner_text()
        assert "$3,900" in text and "$7,300" in text and "$39,800" in text, text
        assert "College Scorecard, June 2026" in text and "IPEDS student charges, 2022-23" in text, text
    if "closed" in state:
        with checks("the closed school is listed, closed with its date"):
            assert cards.count() == 2
            closed = page.locator(".school-card", has_text="Browser Closed Careers Institute").inner_text()
            assert "This school closed on 30 July 2024." in closed
            assert "Not published: too few graduates" in closed
    else:
        with checks("the filters leave the closed school out, and say what a net price limit leaves out"):
            assert cards.count() == 1
            assert "are left out of these results" in page.locator(".results").inner_text()
    with checks("axe-core, WCAG 2.x A and AA, 1280px wide"):
        assert_no_axe_violations(page, report_name=f"search, {state}")
    page.set_viewport_size(PHONE)
    with checks("axe-core, WCAG 2.x A and AA, 375px wide"):
        assert_no_axe_violations(page, report_name=f"search, {state}, at 375px")
    with checks("no sideways scrolling at 375px"):
        assert_no_horizontal_overflow(page, width=PHONE["width"])
    checks.raise_failures()
