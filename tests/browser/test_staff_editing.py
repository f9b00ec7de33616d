"""Staff in a real browser (README "Staff: editing and imports"): an editor edits a step of the Medical Biller and
Coder guide, previews and publishes it, and the public page changes only then; a data steward checks a file and
imports it; the staff pages pass axe-core. The fixtures fail a test on any CSP violation or console error."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from careers.models import Career
from core.roles import CONTENT_EDITORS, DATA_STEWARDS
from imports.models import ImportRun
from schools.models import Institution
from tests.browser.helpers import assert_no_axe_violations, visit

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-test-password"
MBC = "/careers/medical-biller-and-coder/"
NEW_STEP = "Start with a medical terminology course at a community college; it counts toward most programs."


def staff(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username, password=PASSWORD, is_staff=True, first_name=username.title(), **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, username):
    visit(page, "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Data freshness")).to_be_visible()


@pytest.mark.usefixtures("shipped_content")
def test_editor_edits_previews_and_publishes_a_step(new_page, live_site, django_user_model):
    staff(django_user_model, "edna", CONTENT_EDITORS)
    page, visitor = new_page(), new_page()
    log_in(page, "edna")

    # Open the guide and change its first step.
    page.get_by_role("link", name="Careers", exact=True).first.click()
    page.get_by_role("link", name="Medical Biller and Coder", exact=True).click()
    first_step = page.locator('textarea[name="steps-0-text"]')
    old_step = first_step.input_value()
    first_step.fill(NEW_STEP)
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".field-publication_state")).to_contain_text("not public yet")

    # Preview it on the site: staff see the change, marked as not published.
    with page.expect_navigation():
        page.get_by_role("link", name="View on site").click()
    expect(page.get_by_text("Preview: not published.")).to_be_visible()
    expect(page.locator("ol.steps")).to_contain_text(NEW_STEP)

    # The public still sees the published step.
    visit(visitor, MBC)
    expect(visitor.locator("ol.steps")).to_contain_text(old_step)
    expect(visitor.locator("ol.steps")).not_to_contain_text(NEW_STEP)

    # Publish from the guide's admin page.
    page.go_back()
    page.get_by_label("Action:").first.select_option(label="Publish (or publish changes)")
    page.get_by_role("button", name="Run").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 guide(s).")
    expect(page.locator(".field-publication_state")).not_to_contain_text("not public yet")

    # The public page shows the change, with no preview banner.
    visitor.reload()
    expect(visitor.locator("ol.steps")).to_contain_text(NEW_STEP)
    expect(visitor.get_by_text("Preview: not published.")).to_have_count(0)
    expect(visitor.get_by_text("Updated")).to_be_visible()

    # The guide's history has the edit and the publication, and compares versions.
    visit(page, "/admin/careers/career/")
    page.get_by_role("link", name="Medical Biller and Coder", exact=True).click()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("cell", name="Published changes")).to_be_visible()
    page.get_by_role("link", name="What changed").nth(1).click()
    expect(page.locator(".section-change ins")).to_contain_text(NEW_STEP)


def test_steward_checks_a_file_then_imports_it(
    new_page, live_site, django_user_model, fixtures_dir, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff(django_user_model, "stew", DATA_STEWARDS)
    page = new_page()
    log_in(page, "stew")

    page.get_by_role("link", name="Import a file").click()
    page.get_by_label("Dataset").select_option("ipeds-hd")
    page.get_by_label("Upload the file").set_input_files(str(fixtures_dir / "ipeds-hd" / "hd2024.csv"))
    page.get_by_role("button", name="Check the file (dry run)").click()
    # The page reloads itself (meta refresh) until the background dry run has finished.
    expect(page.get_by_role("heading", name="Dry run finished: nothing was written")).to_be_visible(timeout=60_000)
    expect(page.locator(".import-report")).to_contain_text("ipeds-hd hd2024.csv")
    assert Institution.objects.count() == 0

    page.get_by_role("button", name="Run the import").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=60_000)
    assert Institution.objects.count() == ImportRun.objects.get(outcome="succeeded").created > 0

    visit(page, "/admin/")
    expect(page.locator(".freshness")).to_contain_text("HD2024 (2024-25)")


@pytest.mark.usefixtures("shipped_content")
def test_staff_pages_have_no_accessibility_violations(axe_page, live_site, django_user_model):
    staff(django_user_model, "root", is_superuser=True)
    career = Career.objects.get(slug="medical-biller-and-coder")
    career_id, shipped = career.pk, career.history.earliest("history_date").history_id

    # The lockout page, after ten wrong passwords for one username.
    for _ in range(10):
        visit(axe_page, "/admin/login/")
        axe_page.get_by_label("Username").fill("someone")
        axe_page.get_by_label("Password").fill("wrong-password")
        axe_page.get_by_role("button", name="Log in").click()
    expect(axe_page.get_by_role("heading", name="Sign-in paused for 15 minutes")).to_be_visible()
    assert_no_axe_violations(axe_page, report_name="staff lockout page")

    log_in(axe_page, "root")
    for path in (
        "/admin/",
        f"/admin/careers/career/{career_id}/history/",
        f"/admin/careers/career/{career_id}/history/compare/?old={shipped}",
        f"/admin/careers/career/{career_id}/history/{shipped}/restore/",
        "/admin/imports/importrun/import/",
    ):
        visit(axe_page, path)
        assert_no_axe_violations(axe_page, report_name=f"staff {path}")
