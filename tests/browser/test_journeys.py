"""User journeys, step by step, in a CSP-enforcing Chromium. A failing step saves its own screenshot.

Write a journey as numbered ``journey.step(...)`` blocks using the records in ``site_data`` (or
the guide content the migrations install); pages.py is for one-page checks.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import visit

pytestmark = pytest.mark.browser


def test_visitor_reads_the_medical_biller_and_coder_guide_and_follows_find_a_school(journey):
    # The guide content comes from the data migrations (restored for every browser test).
    page = journey.page
    heading = page.get_by_role("heading", level=1)
    with journey.step("open the home page"):
        visit(page, "/")
        expect(heading).to_have_text("Find your way into a healthcare career")
    with journey.step("go to the guide"):
        page.get_by_role("main").get_by_role("link", name="Healthcare Careers Guide").click()
        expect(page).to_have_url(re.compile(r"/careers/$"))
        expect(heading).to_have_text("Healthcare Careers Guide")
    with journey.step("open the Medical Biller and Coder guide"):
        page.get_by_role("link", name="Medical Biller and Coder", exact=True).click()
        expect(page).to_have_url(re.compile(r"/careers/medical-biller-and-coder/$"))
        expect(heading).to_contain_text("Medical Biller")
        expect(page.get_by_role("heading", name="Pay", level=2)).to_be_visible()
        expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Healthcare Careers Guide")
    with journey.step("follow Find a School"):
        page.get_by_role("link", name=re.compile(r"^Find a School: Medical Biller")).click()
        expect(page).to_have_url(re.compile(r"/schools/\?career=medical-biller-and-coder$"))
        expect(heading).to_have_text("Find a School")


def test_visitor_opens_a_guide_made_in_the_admin(journey, site_data):
    page = journey.page
    with journey.step("open the guide index"):
        visit(page, "/careers/")
    with journey.step("open the new guide"):
        page.get_by_role("link", name=site_data.career.short_name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(site_data.career.title)


def test_keyboard_user_skips_to_the_content_and_follows_a_link_with_enter(journey):
    page = journey.page
    with journey.step("open the home page"):
        visit(page, "/")
    with journey.step("Tab to the skip link and press Enter"):
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
    with journey.step("the next Tab lands in the content, not back in the header"):
        page.keyboard.press("Tab")
        expect(page.get_by_role("main").get_by_role("link", name="Healthcare Careers Guide")).to_be_focused()
    with journey.step("Enter follows the link"):
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Healthcare Careers Guide")
