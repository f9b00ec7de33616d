"""Every page in pages.py, in a real Chromium: axe-core, keyboard focus, 375 px reflow and the CSP.

One test per page runs all of its checks on one CSP-enforcing page and reports every check that fails: each browser
test pays for a database reset (conftest.py), about half a second on PostgreSQL, so a test per check would multiply
that for nothing. axe-core is injected with Playwright's evaluate, which the page's CSP does not block; axe itself
triggers no CSP report (if a new axe-core did, the fixtures would fail the test and say so).
"""

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import (
    Checks,
    assert_no_axe_violations,
    assert_no_horizontal_overflow,
    assert_text_spacing_breaks_nothing,
    tab_through,
    visit,
)
from tests.browser.pages import ADMIN_PAGES, PUBLIC_PAGES

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("page_spec", [p.param() for p in PUBLIC_PAGES])
def test_public_page_is_accessible_keyboard_usable_and_reflows(page, site_data, page_spec):
    url = page_spec.url(site_data)
    checks = Checks(url)
    visit(page, url, status=page_spec.status)
    with checks("axe-core, WCAG 2.x A and AA, 1280px wide"):
        assert_no_axe_violations(page, report_name=page_spec.name)
    # Phones: the layout reflows, tables scroll in their own box, touch targets move.
    page.set_viewport_size(PHONE)
    with checks("axe-core, WCAG 2.x A and AA, 375px wide"):
        assert_no_axe_violations(page, report_name=f"{page_spec.name} at 375px")
    with checks("no sideways scrolling at 375px"):
        assert_no_horizontal_overflow(page, width=PHONE["width"])
    with checks("text spacing (WCAG 1.4.12) at 375px"):
        assert_text_spacing_breaks_nothing(page, width=PHONE["width"])
    page.set_viewport_size(DESKTOP)
    with checks("one <h1>"):
        assert page.locator("h1").count() == 1
    with checks("keyboard focus always visible"):
        stops = tab_through(page)
        # The first Tab reaches the skip link, and it leads to the main content.
        assert (stops[0].text, stops[0].href) == ("Skip to main content", "#main"), f"first stop: {stops[0]}"
    checks.raise_failures()


@pytest.mark.parametrize("page_spec", [p.param() for p in ADMIN_PAGES])
def test_admin_page_is_accessible(page, site_data, page_spec):
    visit(page, page_spec.url(site_data), status=page_spec.status)
    assert_no_axe_violations(page, report_name=page_spec.name)
