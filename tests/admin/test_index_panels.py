"""The admin index shows the panels apps register with core/admin_site.py (imports registers data freshness)."""

import pytest
from django.urls import reverse
from django.utils.html import format_html

from core import admin_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def panels(monkeypatch):
    # A copy, so what a test registers leaves the site's own panels as they were.
    registered = dict(admin_site._index_panels)
    monkeypatch.setattr(admin_site, "_index_panels", registered)
    return registered


def test_a_registered_panel_shows_above_the_models_after_the_ones_before_it(editor_client, panels):
    admin_site.register_index_panel(
        lambda request: format_html('<section id="hello">Hello {}</section>', request.user.get_username())
    )
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert '<section id="hello">Hello edna</section>' in html
    assert html.index('class="module freshness"') < html.index('id="hello"') < html.index('id="content-main"')


def test_a_panel_is_html_only_when_its_app_made_it_safe(editor_client, panels):
    admin_site.register_index_panel(lambda request: "<b>typed by someone</b>")
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "&lt;b&gt;typed by someone&lt;/b&gt;" in html and "<b>typed by someone</b>" not in html


def test_without_the_imports_panel_the_index_has_no_freshness_table(editor_client, panels):
    panels.clear()
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Data freshness" not in html and 'id="content-main"' in html
