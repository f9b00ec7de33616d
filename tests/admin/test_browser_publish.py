"""In a real browser: an editor edits a step of the Medical Biller and Coder guide, previews it, publishes it, and
the public page shows the change (and did not before publication).

A minimal Playwright fixture lives here until the shared browser fixtures (tests/browser/) are on main.
"""

import os

import pytest
from django.contrib.auth.models import Group
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from core.roles import CONTENT_EDITORS, DATA_STEWARDS
from imports.models import ImportRun
from schools.models import Institution

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "a-long-browser-test-password"
MBC = "/careers/medical-biller-and-coder/"
NEW_STEP = "Start with a medical terminology course at a community college; it counts toward most programs."


@pytest.fixture
def chromium():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package when run as root")
    # Playwright's sync API runs an event loop in this thread; the ORM calls below never overlap with it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With an event loop running, Django gives this thread a second set of connections (a context variable);
    # keep using its own, so serialized rollback restores into the connection the tests use and no second
    # connection to the test database is left open.
    own_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, connection in own_connections.items():
        connections[alias] = connection
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    expect.set_options(timeout=15_000)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback):
    """The live server, with what the migrations installed (the guides, the roles) restored for this test."""
    return live_server.url


def open_page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def test_editor_edits_previews_and_publishes_a_step(chromium, live_site, django_user_model):
    editor = django_user_model.objects.create_user("edna", password=PASSWORD, is_staff=True, first_name="Edna")
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    page = open_page(chromium, live_site)
    visitor = open_page(chromium, live_site)

    # Log in through the admin's own form.
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Data freshness")).to_be_visible()

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
    visitor.goto(MBC)
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
    page.goto("/admin/careers/career/")
    page.get_by_role("link", name="Medical Biller and Coder", exact=True).click()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("cell", name="Published changes")).to_be_visible()
    page.get_by_role("link", name="What changed").nth(1).click()
    expect(page.locator(".section-change ins")).to_contain_text(NEW_STEP)

    assert page.csp_violations == [] and visitor.csp_violations == []


def test_steward_checks_a_file_then_imports_it(
    chromium, live_site, django_user_model, fixtures_dir, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    steward = django_user_model.objects.create_user("stew", password=PASSWORD, is_staff=True)
    steward.groups.add(Group.objects.get(name=DATA_STEWARDS))
    page = open_page(chromium, live_site)
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("stew")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

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

    page.goto("/admin/")
    expect(page.locator(".freshness")).to_contain_text("HD2024 (2024-25)")
    assert page.csp_violations == []
