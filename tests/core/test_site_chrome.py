"""The site's chrome on every kind of public page: the site name leads home, the main navigation reaches the three
sections, the footer links to "About the data", and every page below home shows where it sits (breadcrumbs)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests import school_world

pytestmark = pytest.mark.django_db


def _school(_):
    return school_world.build_school_world().nearest.get_absolute_url()


def _compare(_):
    world = school_world.build_school_world()
    return f"{reverse('schools:compare')}?unitid={world.nearest.unitid}&unitid={world.second_nearest.unitid}"


# (page, address or a function that makes its data and returns the address, status)
PAGES = [
    ("home", lambda _: reverse("core:home"), 200),
    ("about the data", lambda _: reverse("core:about-data"), 200),
    ("guide index", lambda _: reverse("careers:index"), 200),
    ("a guide", lambda _: reverse("careers:detail", args=["medical-biller-and-coder"]), 200),
    ("certifications index", lambda _: reverse("certifications:index"), 200),
    ("a certification", lambda _: reverse("certifications:detail", args=["rhit"]), 200),
    ("Find a School", lambda _: reverse("schools:search"), 200),
    ("a school", _school, 200),
    ("compare", _compare, 200),
    ("page not found", lambda _: "/no-such-page/", 404),
]


def _element(html, pattern):
    match = re.search(pattern, html, flags=re.S)
    assert match, pattern
    return match.group(0)


def _links(fragment):
    """(href, visible text) of every link in ``fragment``."""
    return [
        (href, strip_tags(text).strip())
        for href, text in re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', fragment, re.S)
    ]


@pytest.fixture(params=PAGES, ids=[page[0] for page in PAGES])
def page(request, client):
    name, address, status = request.param
    response = client.get(address(request))
    assert response.status_code == status, name
    return name, response.content.decode()


@pytest.mark.usefixtures("shipped_content")
def test_site_name_links_home(page):
    _, html = page
    header = _element(html, r'<header class="site-header">.*?</header>')
    assert (reverse("core:home"), "Healthcare Careers Guide") == _links(header)[0]
    assert '<a class="site-name" href="/">Healthcare Careers Guide</a>' in header


@pytest.mark.usefixtures("shipped_content")
def test_main_navigation_reaches_the_three_sections(page):
    _, html = page
    nav = _element(html, r'<nav class="site-nav" aria-label="Main">.*?</nav>')
    assert _links(nav) == [
        (reverse("careers:index"), "Healthcare Careers Guide"),
        (reverse("certifications:index"), "Certifications"),
        (reverse("schools:search"), "Find a School"),
    ]


@pytest.mark.usefixtures("shipped_content")
def test_footer_links_to_about_the_data(page):
    _, html = page
    footer = _element(html, r'<footer class="site-footer">.*?</footer>')
    assert (reverse("core:about-data"), "About the data and its sources") in _links(footer)


@pytest.mark.usefixtures("shipped_content")
def test_every_page_below_home_has_breadcrumbs(page):
    name, html = page
    if name == "home":
        assert 'aria-label="Breadcrumb"' not in html  # the top of the trail
        return
    trail = _element(html, r'<nav class="breadcrumbs" aria-label="Breadcrumb">.*?</nav>')
    assert _links(trail)[0] == (reverse("core:home"), "Home")
    current = re.findall(r'<span aria-current="page">(.*?)</span>', trail)
    assert len(current) == 1 and current[0].strip(), name
    # The trail comes before the page's content, right below the header.
    assert html.index('aria-label="Breadcrumb"') < html.index('<main id="main"')


def test_the_404_trail_says_the_page_was_not_found(client):
    html = client.get("/no-such-page/").content.decode()
    trail = _element(html, r'<nav class="breadcrumbs" aria-label="Breadcrumb">.*?</nav>')
    assert _links(trail) == [(reverse("core:home"), "Home")]
    assert '<span aria-current="page">Page not found</span>' in trail
