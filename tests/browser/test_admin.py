"""The Django admin works under the site's Content Security Policy: its scripts run, nothing is blocked."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import BrowserProblems, visit

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def editor(live_site, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(page, username):
    visit(page, "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


@pytest.mark.usefixtures("shipped_content")
def test_admin_login_changelist_and_change_form_have_no_csp_violations(page, editor, django_user_model):
    django_user_model.objects.create_user("another-account", "another@example.org", PASSWORD)
    problems = BrowserProblems()
    problems.attach(page)
    log_in(page, "editor")

    # A changelist, with its search box and filters.
    visit(page, "/admin/auth/user/")
    page.locator("#searchbar").fill("edit")  # not the nav sidebar's filter box, also a searchbox
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"\?q=edit"))
    page.wait_for_load_state("load")  # the new page's actions.js has run
    expect(page.get_by_role("link", name="editor", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="another-account")).to_have_count(0)
    # actions.js ran: ticking a row's box highlights the row and counts the selection.
    page.get_by_role("checkbox", name="Select this object for an action - editor").check()
    expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")

    # A change form whose widgets are built by the admin's scripts.
    visit(page, f"/admin/auth/user/{editor.pk}/change/")
    expect(page.get_by_role("heading", name="editor", level=2)).to_be_visible()
    # SelectFilter2.js replaced the plain multi-select with its two-box widget.
    expect(page.locator("#id_user_permissions_from")).to_be_attached()
    expect(page.locator("#id_user_permissions_to")).to_be_attached()

    # The guide editor staff use most: a change form with stacked and tabular inlines (inlines.js).
    visit(page, "/admin/careers/career/")
    page.get_by_role("link", name="Medical Biller and Coder").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change career")
    total_forms = page.locator("#id_steps-TOTAL_FORMS")
    forms_before = int(total_forms.input_value())  # rendered by the server, so no race with the JS
    add_row = page.locator("#steps-group .add-row a")  # created by inlines.js
    add_row.click()
    expect(total_forms).to_have_value(str(forms_before + 1))
    expect(page.locator(f"#steps-{forms_before}")).to_be_visible()

    visit(page, "/admin/auth/group/add/")
    page.get_by_label("Name:").fill("Editors")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    assert problems.csp_violations == []
    assert problems.messages == []
