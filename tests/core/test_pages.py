import pytest
from django.urls import reverse

from tests.html import tags

pytestmark = pytest.mark.django_db


def test_home_page_has_one_heading_and_entry_points(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(tags(html, "h1")) == 1
    for name in ("careers:index", "schools:search", "certifications:index"):
        assert f'href="{reverse(name)}"' in html
    # The home page is the top of the trail: no breadcrumbs there.
    assert 'aria-label="Breadcrumb"' not in html


def test_pages_below_home_have_breadcrumbs(client):
    response = client.get(reverse("core:about-data"))
    html = response.content.decode()
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<span aria-current="page">About the data</span>' in html


def test_navigation_marks_the_current_section(client):
    html = client.get(reverse("careers:index")).content.decode()
    assert f'<a href="{reverse("careers:index")}" aria-current="page">Healthcare Careers Guide</a>' in html
