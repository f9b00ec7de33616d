"""The 400, 403, 404 and 500 pages: in the site's style, with navigation and a way onward."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.html import tags

RAISING_URLS = "tests.core.raising_urls"


def assert_site_error_page(response, status, heading):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    # The site's chrome: stylesheet, skip link, main navigation, footer.
    assert any(attrs.get("href", "").endswith("css/site.css") for _, attrs in tags(html, "link"))
    assert '<a class="skip-link" href="#main">' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<footer class="site-footer">' in html
    # A trail from Home, as on every page below home.
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert f'<li><a href="{reverse("core:home")}">Home</a></li>' in html
    # One heading saying what happened, and links onward.
    assert len(tags(html, "h1")) == 1
    assert f"<h1>{heading}</h1>" in html
    hrefs = {attrs.get("href") for _, attrs in tags(html, "a")}
    assert reverse("core:home") in hrefs
    assert reverse("schools:search") in hrefs
    # Error pages carry the same security headers as every other page.
    assert "Content-Security-Policy" in response.headers
    return html


@pytest.fixture
def failing_client():
    """A client that returns the error page instead of re-raising the view's exception."""
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_unknown_address_gets_the_404_page(client):
    response = client.get("/no-such-page/")
    html = assert_site_error_page(response, 404, "Page not found")
    assert "<title>Page not found | Healthcare Careers Guide</title>" in html


@pytest.mark.django_db
def test_unknown_guide_gets_the_404_page(client):
    response = client.get(reverse("careers:detail", args=["no-such-career"]))
    assert_site_error_page(response, 404, "Page not found")


@pytest.mark.django_db
@pytest.mark.urls(RAISING_URLS)
def test_404_page_does_not_show_the_exception_message(client):
    response = client.get("/test-errors/404/")
    html = assert_site_error_page(response, 404, "Page not found")
    assert "not reflected" not in html


@pytest.mark.django_db
@pytest.mark.urls(RAISING_URLS)
def test_suspicious_request_gets_the_400_page(client):
    response = client.get("/test-errors/400/")
    assert_site_error_page(response, 400, "Sorry, we could not understand that request")


@pytest.mark.django_db
def test_request_for_an_unknown_host_gets_the_400_page(client):
    response = client.get("/", headers={"host": "attacker.example"})
    assert_site_error_page(response, 400, "Sorry, we could not understand that request")


@pytest.mark.django_db
@pytest.mark.urls(RAISING_URLS)
def test_permission_denied_gets_the_403_page(client):
    response = client.get("/test-errors/403/")
    html = assert_site_error_page(response, 403, "You do not have permission to see this page")
    assert "<title>Access denied | Healthcare Careers Guide</title>" in html


@pytest.mark.django_db
def test_form_posted_without_csrf_token_gets_the_expired_form_page():
    response = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {"username": "a", "password": "b"})
    assert_site_error_page(response, 403, "Sorry, this form has expired")


@pytest.mark.urls(RAISING_URLS)
def test_server_error_gets_the_500_page_without_touching_the_database(failing_client):
    # No django_db mark: pytest-django makes any query raise, as it would with the database down.
    response = failing_client.get("/test-errors/500/")
    html = assert_site_error_page(response, 500, "Sorry, there is a problem with the service")
    assert "something broke" not in html


@pytest.mark.urls(RAISING_URLS)
def test_database_outage_gets_the_500_page(failing_client):
    response = failing_client.get("/test-errors/database-down/")
    html = assert_site_error_page(response, 500, "Sorry, there is a problem with the service")
    assert "5432" not in html


def test_500_template_renders_with_no_context_at_all():
    # Exactly what django.views.defaults.server_error does: no request, no context processors.
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "<h1>Sorry, there is a problem with the service</h1>" in html
