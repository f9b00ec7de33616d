"""User journeys, step by step, in a CSP-enforcing Chromium. A failing step saves its own screenshot.

Write a journey as numbered ``journey.step(...)`` blocks using the records in ``site_data`` (or
the shipped guide content, loaded by sync_content); pages.py is for one-page checks.
"""

import csv
import re

import pytest
from playwright.sync_api import expect

from tests import school_world
from tests.browser.helpers import (
    Journey,
    assert_focus_visible,
    assert_no_axe_violations,
    assert_no_horizontal_overflow,
    tab_until,
    visit,
)

pytestmark = pytest.mark.browser


def results_heading(page):
    return page.locator("#results-heading")


def cards(page):
    return page.locator(".school-card")


def card_names(page):
    return page.locator(".school-card__name").all_inner_texts()


def active_filters(page):
    return page.locator(".active-filters li")


def distances(page):
    """The miles on each card, in page order."""
    texts = page.locator(".school-card__place strong").all_inner_texts()
    return [float(text.removesuffix(" miles")) for text in texts]


def test_visitor_reads_the_medical_biller_and_coder_guide_and_follows_find_a_school(journey, site_data):
    # The guide content comes from content/ (site_data loads it with sync_content for every browser test); the
    # schools from tests/school_world.py.
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
        expect(page.get_by_role("heading", name="Pay", level=2, exact=True)).to_be_visible()
        expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Healthcare Careers Guide")
    with journey.step("ask for pay near a ZIP code (a GET form: the page reloads with ?near=35801)"):
        page.get_by_label("ZIP code, city or state").fill(school_world.HOME_ZIP)
        page.get_by_role("button", name="Show pay").click()
        expect(page).to_have_url(re.compile(r"\?near=35801#pay-near-you$"))
        table = page.locator(".pay-near-you table")
        expect(table.get_by_role("rowheader")).to_contain_text(["Alabama", "United States"])
        expect(page.locator(".pay-near-you")).to_contain_text("near 35801 (Huntsville, AL)")
    with journey.step("follow Find a School"):
        page.get_by_role("link", name=re.compile(r"^Find a School: Medical Biller")).click()
        expect(page).to_have_url(re.compile(r"/schools/\?career=medical-biller-and-coder$"))
        expect(heading).to_have_text("Find a School")
    with journey.step("the search opens with the career chosen and its schools listed"):
        expect(page).to_have_title(re.compile(r"^Medical Biller and Coder schools in the US \|"))
        expect(page.get_by_label("Career", exact=True)).to_have_value("medical-biller-and-coder")
        expect(results_heading(page)).to_have_text(f"{school_world.CAREER_MATCHES} schools")
        expect(active_filters(page)).to_have_count(1)
        expect(active_filters(page)).to_contain_text("Career: Medical Biller and Coder")
        expect(cards(page)).to_have_count(school_world.PER_PAGE)
        # Only programs for the career are listed on the cards: billing (51.0714) and coding (51.0713).
        programs = page.locator(".school-card .program-list li").all_inner_texts()
        assert programs and all("(51.0713)" in text or "(51.0714)" in text for text in programs), programs
        expect(page.get_by_role("link", name="About this career: Medical Biller and Coder")).to_be_visible()


def test_visitor_opens_a_guide_made_in_the_admin(journey, site_data):
    page = journey.page
    with journey.step("open the guide index"):
        visit(page, "/careers/")
    with journey.step("open the new guide"):
        page.get_by_role("link", name=site_data.career.short_name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(site_data.career.title)


@pytest.mark.usefixtures("shipped_content")
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


def test_student_searches_near_a_zip_narrows_pages_removes_a_filter_and_compares(journey, site_data):
    page = journey.page
    form = page.get_by_role("search", name="Find a school")
    nearest_first = sorted(site_data.world.schools, key=school_world.distance_from_home)
    with journey.step("open Find a School"):
        visit(page, "/schools/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Find a School")
    with journey.step("search within 25 miles of a ZIP code"):
        form.get_by_label("ZIP code or city", exact=True).fill(school_world.HOME_ZIP)
        form.get_by_label("Distance from the ZIP code").select_option(label="25 miles")
        form.get_by_role("button", name="Search").click()
        expect(page).to_have_url(re.compile(r"/schools/\?.*zip=35801.*&radius=25"))
        expect(results_heading(page)).to_have_text(f"{school_world.WITHIN_25_MILES} schools")
        expect(cards(page)).to_have_count(school_world.PER_PAGE)
        miles = distances(page)
        assert miles == sorted(miles) and max(miles) <= 25, miles  # nearest first, none beyond 25 miles
        assert card_names(page)[:2] == [nearest_first[0].name, nearest_first[1].name]
        expect(active_filters(page)).to_contain_text(["Place: Within 25 miles of 35801"])
    with journey.step("narrow to short certificates"):
        form.get_by_label("Credential").select_option(label="Certificate, under 1 year")
        form.get_by_role("button", name="Search").click()
        expect(page).to_have_url(re.compile(r"award=certificate-short"))
        expect(results_heading(page)).to_have_text(f"{school_world.NEAR_CERTIFICATE} schools")
        # Each card lists only the programs that match: certificates of under a year.
        programs = page.locator(".school-card .program-list li").all_inner_texts()
        assert programs and all(
            "Certificate of less than 12 weeks" in text
            or "Certificate of at least 12 weeks but less than 1 year" in text
            for text in programs
        ), programs
    with journey.step("go to page 2: the filters survive"):
        page.get_by_role("navigation", name="Pagination").get_by_role("button", name="Next page").click()
        expect(page).to_have_url(re.compile(r"page=2"))
        for kept in ("zip=35801", "radius=25", "award=certificate-short"):
            assert kept in page.url, f"{kept} lost on page 2: {page.url}"
        expect(results_heading(page)).to_have_text(f"{school_world.NEAR_CERTIFICATE} schools")
        expect(page.get_by_text(f"Showing 21 to {school_world.NEAR_CERTIFICATE}.")).to_be_visible()
        expect(cards(page)).to_have_count(school_world.NEAR_CERTIFICATE - school_world.PER_PAGE)
        expect(page.locator('.pagination [aria-current="page"]')).to_have_text("Page 2")
        # The form shows the search that is in force.
        expect(form.get_by_label("ZIP code or city", exact=True)).to_have_value(school_world.HOME_ZIP)
        expect(form.get_by_label("Distance from the ZIP code")).to_have_value("25")
        expect(form.get_by_label("Credential")).to_have_value("certificate-short")
        expect(active_filters(page)).to_have_count(2)
    with journey.step("remove the credential filter"):
        page.locator(".active-filters").get_by_role("link", name="Remove credential Certificate, under 1 year").click()
        expect(page).not_to_have_url(re.compile(r"award=|page="))
        expect(results_heading(page)).to_have_text(f"{school_world.WITHIN_25_MILES} schools")
        expect(active_filters(page)).to_have_count(1)
        expect(active_filters(page)).to_contain_text("Place: Within 25 miles of 35801")
        expect(form.get_by_label("Credential")).to_have_value("")
        results_url = page.url
    second = nearest_first[1]
    with journey.step("open a school"):
        page.get_by_role("link", name=second.name, exact=True).click()
        expect(page).to_have_url(re.compile(rf"/schools/{second.unitid}-{second.slug}/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(second.name)
        expect(page.get_by_role("table", name="Awards made in each health program")).to_be_visible()
    with journey.step("go back to the results"):
        page.go_back()
        expect(page).to_have_url(results_url)
        expect(results_heading(page)).to_have_text(f"{school_world.WITHIN_25_MILES} schools")
    first = nearest_first[0]
    with journey.step("tick two schools and compare them"):
        page.get_by_role("checkbox", name=f"Compare {first.name}").check()
        page.get_by_role("checkbox", name=f"Compare {second.name}").check()
        page.get_by_role("button", name="Compare selected").click()
        # The search rides along, so the comparison measures from its ZIP code.
        expect(page).to_have_url(
            re.compile(rf"/schools/compare/\?zip=35801&radius=25&unitid={first.unitid}&unitid={second.unitid}$")
        )
        expect(page.get_by_role("heading", level=1)).to_have_text("Compare schools")
        table = page.get_by_role("table", name=re.compile(r"^2 schools side by side, from ZIP code 35801"))
        expect(table.get_by_role("columnheader")).to_have_text(["Figure", first.name, second.name])
        place_row = table.get_by_role("row", name=re.compile(r"^Place"))
        expect(place_row.get_by_role("cell")).to_have_text(
            [re.compile(r"^Huntsville, Alabama\s*\d+\.\d miles from 35801$")] * 2
        )
        expect(table.get_by_role("row", name=re.compile(r"^Health programs"))).to_contain_text("Medical Insurance")


def test_keyboard_user_searches_recovers_from_a_mistake_and_opens_a_result(journey, site_data):
    # Tab, arrow keys, typing and Enter only; every focus stop on the way must show its focus indicator.
    page = journey.page
    form = page.get_by_role("search", name="Find a school")
    zip_box = form.get_by_label("ZIP code or city", exact=True)
    radius = form.get_by_label("Distance from the ZIP code")
    nearest = min(site_data.world.schools, key=school_world.distance_from_home)
    with journey.step("open Find a School"):
        visit(page, "/schools/")
    with journey.step("Tab to the ZIP code box and type a ZIP code with a digit missing"):
        tab_until(page, lambda stop: stop.id == "id_zip", "the ZIP code box")
        page.keyboard.type("3580")
    with journey.step("Tab to the distance and choose 25 miles with the arrow keys"):
        page.keyboard.press("Tab")
        assert assert_focus_visible(page).id == "id_radius"
        page.keyboard.press("ArrowDown")  # 10 miles
        page.keyboard.press("ArrowDown")  # 25 miles
        expect(radius).to_have_value("25")
    with journey.step("Tab on to the Search button and press Enter"):
        tab_until(page, lambda stop: stop.tag == "button" and stop.text == "Search", "the Search button")
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    with journey.step("the GOV.UK error pattern: title, summary with focus, message beside the field, values kept"):
        expect(page).to_have_title(re.compile(r"^Error: Find a School \|"))
        expect(summary).to_be_focused()  # autofocus: no script needed
        assert_focus_visible(page)
        expect(summary).to_have_attribute("role", "alert")
        expect(page.locator("main > *").first).to_have_class("error-summary")  # the first thing in <main>
        expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
        message = (
            "“3580” is not a ZIP code. Enter a ZIP code as 5 digits, like 35801, or a city and state, like Houston, TX."
        )
        expect(summary.get_by_role("link")).to_have_text([message])
        expect(summary.get_by_role("link")).to_have_attribute("href", "#id_zip")
        expect(zip_box).to_have_attribute("aria-invalid", "true")
        expect(zip_box).to_have_accessible_description(
            f"5 digits, like 35801, or a city and state, like Houston, TX. Error: {message}"
        )
        expect(page.locator("#id_zip_error")).to_be_visible()
        expect(zip_box).to_have_value("3580")
        expect(radius).to_have_value("25")
        expect(results_heading(page)).to_have_count(0)  # nothing listed for a search we could not read
    with journey.step("Tab to the summary's link and press Enter: focus moves to the ZIP code box"):
        page.keyboard.press("Tab")
        expect(summary.get_by_role("link")).to_be_focused()
        assert_focus_visible(page)
        page.keyboard.press("Enter")
        expect(zip_box).to_be_focused()
        assert_focus_visible(page)
    with journey.step("correct the ZIP code and press Enter in the box"):
        page.keyboard.press("End")
        page.keyboard.type("1")
        expect(zip_box).to_have_value(school_world.HOME_ZIP)
        page.keyboard.press("Enter")
        # The title names the search (schools/page_meta.py), so a tab or a bookmark says which one it is.
        expect(page).to_have_title(re.compile(r"^Find a School: schools within 25 miles of ZIP code 35801 \|"))
        expect(results_heading(page)).to_have_text(f"{school_world.WITHIN_25_MILES} schools")
        expect(radius).to_have_value("25")
    with journey.step("Tab to the nearest school and open it with Enter"):
        tab_until(page, lambda stop: stop.tag == "a" and stop.text == nearest.name, f"the link to {nearest.name}")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(nearest.name)


def test_phone_user_at_375px_never_scrolls_sideways(new_page, request, site_data):
    # The visitor's and the student's journeys on a small phone; each page must reflow to 375 CSS pixels (WCAG 1.4.10).
    page = new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    journey = Journey(page, request.node.nodeid)
    first, second = sorted(site_data.world.schools, key=school_world.distance_from_home)[:2]
    with journey.step("home page"):
        visit(page, "/")
        assert_no_horizontal_overflow(page)
    with journey.step("the guide"):
        page.get_by_role("main").get_by_role("link", name="Healthcare Careers Guide").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Healthcare Careers Guide")
        assert_no_horizontal_overflow(page)
    with journey.step("the Medical Biller and Coder guide"):
        page.get_by_role("link", name="Medical Biller and Coder", exact=True).click()
        expect(page.get_by_role("heading", name="Pay", level=2, exact=True)).to_be_visible()
        assert_no_horizontal_overflow(page)
    with journey.step("a certification it leads to"):
        page.get_by_role("link", name=re.compile(r"^CPC: ")).first.click()
        expect(page).to_have_url(re.compile(r"/certifications/cpc/$"))
        assert_no_horizontal_overflow(page)
        page.go_back()
    with journey.step("Find a School with results"):
        page.get_by_role("link", name=re.compile(r"^Find a School: Medical Biller")).click()
        expect(results_heading(page)).to_have_text(f"{school_world.CAREER_MATCHES} schools")
        page.get_by_label("ZIP code or city", exact=True).fill(school_world.HOME_ZIP)
        page.get_by_role("button", name="Search").click()
        expect(cards(page).first).to_contain_text(first.name)
        assert_no_horizontal_overflow(page)
    with journey.step("a school page"):
        page.get_by_role("link", name=first.name, exact=True).tap()
        expect(page.get_by_role("heading", level=1)).to_have_text(first.name)
        assert_no_horizontal_overflow(page)
        page.go_back()
    with journey.step("compare two schools"):
        page.get_by_role("checkbox", name=f"Compare {first.name}").tap()
        page.get_by_role("checkbox", name=f"Compare {second.name}").tap()
        page.get_by_role("button", name="Compare selected").tap()
        expect(page.get_by_role("table", name=re.compile(r"^2 schools side by side"))).to_be_visible()
        assert_no_horizontal_overflow(page)


def test_student_finds_a_coding_certificate_compares_three_schools_by_cost_and_earnings_and_downloads_the_csv(
    new_page, request, site_data, tmp_path
):
    """Issue 13's journey, from 77001: a downtown Houston PO-box ZIP code that the Census ZCTA file lacks, placed by
    the ``zipcodes`` package (reference_data/places.py). The fixture world's Houston cluster (tests/school_world.py)
    has 22 coding and billing certificates within 25 miles; the three nearest have charges, net prices and
    certificate graduates' earnings (school_world.JUDGED), the third's earnings suppressed."""
    page = new_page(accept_downloads=True)
    journey = Journey(page, request.node.nodeid)
    form = page.get_by_role("search", name="Find a school")
    first, second, third = site_data.world.houston[:3]
    with journey.step("search for a Medical Biller and Coder certificate near 77001"):
        visit(page, "/schools/")
        form.get_by_label("Career", exact=True).select_option(label="Medical Biller and Coder")
        form.get_by_label("Credential").select_option(label="Certificate, under 1 year")
        form.get_by_label("ZIP code or city", exact=True).fill(school_world.HOUSTON_ZIP)
        form.get_by_label("Distance from the ZIP code").select_option(label="25 miles")
        form.get_by_role("button", name="Search").click()
        expect(results_heading(page)).to_have_text(f"{school_world.HOUSTON_CERTIFICATE} schools")
        expect(active_filters(page)).to_contain_text(["Place: Within 25 miles of 77001"])
        miles = distances(page)
        assert miles == sorted(miles) and max(miles) <= 25, miles
        assert card_names(page)[:3] == [first.name, second.name, third.name]
    with journey.step("the crosswalk's other program for the occupation is listed apart, not counted"):
        related = page.locator(".related-programs")
        related.get_by_text("Related programs not counted here (1)").click()
        link = related.get_by_role("link", name="Health Information/Medical Records Technology/Technician (51.0707)")
        expect(link).to_have_attribute("href", re.compile(r"program=51\.0707"))
    with journey.step("tick two schools, go to page 2 and back: the ticks are kept"):
        page.get_by_role("checkbox", name=f"Compare {first.name}").check()
        page.get_by_role("checkbox", name=f"Compare {second.name}").check()
        page.get_by_role("navigation", name="Pagination").get_by_role("button", name="Next page").click()
        expect(page).to_have_url(re.compile(rf"unitid={first.unitid}&unitid={second.unitid}&page=2$"))
        expect(page.get_by_text("2 ticked so far, 2 of them on other pages")).to_be_visible()
        page.get_by_role("navigation", name="Pagination").get_by_role("button", name="Previous page").click()
        expect(page.get_by_role("checkbox", name=f"Compare {first.name}")).to_be_checked()
        expect(page.get_by_role("checkbox", name=f"Compare {second.name}")).to_be_checked()
        expect(page.get_by_role("checkbox", name=f"Compare {third.name}")).not_to_be_checked()
    with journey.step("tick a third and compare"):
        page.get_by_role("checkbox", name=f"Compare {third.name}").check()
        page.get_by_role("button", name="Compare selected").click()
        expect(page).to_have_url(re.compile(r"/schools/compare/\?career=medical-biller-and-coder&zip=77001"))
        table = page.get_by_role("table", name=re.compile(r"^3 schools side by side, from ZIP code 77001"))
        expect(table.get_by_role("columnheader")).to_have_text(["Figure", first.name, second.name, third.name])
    with journey.step("read the cost, net price and earnings"):
        tuition = table.get_by_role("row", name=re.compile(r"^In-state tuition and fees"))
        expect(tuition.get_by_role("cell")).to_have_text(["$3,950", "$12,800", "$5,200"])
        net_price = table.get_by_role("row", name=re.compile(r"^Average, all incomes"))
        expect(net_price.get_by_role("cell")).to_have_text(["$6,400", "$14,250", "$7,900"])
        earnings = table.get_by_role("row", name=re.compile(r"^Graduates' earnings")).get_by_role("cell")
        expect(earnings.nth(0)).to_contain_text("$31,200 after 1 year; $36,900 after 4 years")
        expect(earnings.nth(1)).to_contain_text("$29,800 after 1 year")
        expect(earnings.nth(2)).to_contain_text("Not published: too few graduates after 1 year")
        matching = table.get_by_role("row", name=re.compile(r"^Programs that match your search"))
        expect(matching.get_by_role("cell").nth(0)).to_contain_text("Medical Insurance Coding Specialist/Coder")
        expect(table).not_to_contain_text("$0")
    with journey.step("the comparison passes axe at 1280 px, and at 375 px stacks without sideways scrolling"):
        assert_no_axe_violations(page, report_name="compare, three schools from a search")
        page.set_viewport_size({"width": 375, "height": 740})
        assert_no_axe_violations(page, report_name="compare, three schools from a search at 375px")
        assert_no_horizontal_overflow(page, width=375)
        # Each figure is labelled with its school on a phone, and the key row is on screen without scrolling sideways.
        cell = tuition.get_by_role("cell").nth(2)
        expect(cell).to_be_visible()
        assert cell.bounding_box()["x"] + cell.bounding_box()["width"] <= 375
        page.set_viewport_size({"width": 1280, "height": 800})
    with journey.step("back to the search, ticks kept, and download it as CSV"):
        page.get_by_role("link", name="Back to your search").click()
        expect(results_heading(page)).to_have_text(f"{school_world.HOUSTON_CERTIFICATE} schools")
        for school in (first, second, third):
            expect(page.get_by_role("checkbox", name=f"Compare {school.name}")).to_be_checked()
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download these results (CSV)").click()
        path = tmp_path / "results.csv"
        download_info.value.save_as(path)
        rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
        assert len(rows) == school_world.HOUSTON_CERTIFICATE
        assert [row["name"] for row in rows[:3]] == [first.name, second.name, third.name]
        assert {row["state"] for row in rows} == {"TX"}


def test_visitor_filters_careers_by_a_certificate_opens_one_and_finds_schools(journey, site_data):
    """Issue 14: from the index, certificate-entry jobs; one of them; Find a School with that career. (The shipped
    figures: Medical Records Specialists, 29-2072, start with a postsecondary nondegree award; its guide is Medical
    Biller and Coder.)"""
    page = journey.page
    heading = page.get_by_role("heading", level=1)
    with journey.step("open the guide index"):
        visit(page, "/careers/")
        expect(heading).to_have_text("Healthcare Careers Guide")
    with journey.step("filter to jobs that start with a certificate or less, by pay"):
        page.get_by_label("Education needed to start, at most").select_option("certificate")
        page.get_by_label("Sort by").select_option("pay")
        page.get_by_role("button", name="Show occupations").click()
        expect(page).to_have_url(re.compile(r"/careers/\?education=certificate&min_pay=&growth=&sort=pay$"))
        titles = page.locator(".occupation-list h3").all_inner_texts()
        assert "Medical Records Specialists" in titles and "Made-up Therapists 29-9801" not in titles, titles
    with journey.step("open Medical Records Specialists: its guide"):
        page.get_by_role("link", name="Medical Records Specialists", exact=True).click()
        expect(page).to_have_url(re.compile(r"/careers/medical-biller-and-coder/$"))
        expect(page.get_by_role("heading", name="Education and training", level=2)).to_be_visible()
    with journey.step("check pay near 35801"):
        page.get_by_label("ZIP code, city or state").fill(school_world.HOME_ZIP)
        page.get_by_role("button", name="Show pay").click()
        expect(page).to_have_url(re.compile(r"\?near=35801#pay-near-you$"))
        expect(page.locator(".pay-near-you table").get_by_role("rowheader")).to_contain_text(
            ["Alabama", "United States"]
        )
    with journey.step("go on to Find a School with that career"):
        page.get_by_role("link", name=re.compile(r"^Find a School: Medical Biller")).click()
        expect(page.get_by_label("Career", exact=True)).to_have_value("medical-biller-and-coder")
        expect(results_heading(page)).to_have_text(f"{school_world.CAREER_MATCHES} schools")
