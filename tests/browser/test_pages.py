"""Every page in pages.py, in a real Chromium: axe-core, 375 px reflow, keyboard focus, CSP."""

import pytest

from tests.browser.helpers import assert_no_axe_violations, assert_no_horizontal_overflow, tab_through, visit
from tests.browser.pages import ADMIN_PAGES, PUBLIC_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_spec", [p.param() for p in PUBLIC_PAGES + ADMIN_PAGES])
def test_no_accessibility_violations(axe_page, site_data, page_spec):
    visit(axe_page, page_spec.url(site_data), status=page_spec.status)
    assert_no_axe_violations(axe_page, report_name=page_spec.name)


@pytest.mark.parametrize("page_spec", [p.param() for p in PUBLIC_PAGES])
def test_nothing_overflows_sideways_at_375px(new_page, site_data, page_spec):
    # A CSP-enforcing page: any CSP violation or console error also fails this test.
    page = new_page(viewport={"width": 375, "height": 740})
    visit(page, page_spec.url(site_data), status=page_spec.status)
    assert_no_horizontal_overflow(page, width=375)


@pytest.mark.parametrize("page_spec", [p.param() for p in PUBLIC_PAGES])
def test_keyboard_focus_is_always_visible(page, site_data, page_spec):
    visit(page, page_spec.url(site_data), status=page_spec.status)
    stops = tab_through(page)
    # The first Tab reaches the skip link, and it leads to the main content.
    assert stops[0].text == "Skip to main content"
    assert stops[0].href == "#main"
    assert len(page.locator("h1").all()) == 1
