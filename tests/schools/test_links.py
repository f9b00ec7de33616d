"""The guides and certifications link into the search; those links must land on a working search, not an error."""

import re

import pytest
from django.urls import reverse

from careers.models import Career
from certifications.models import Certification
from certifications.selectors import qualifying_searches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shipped_content")]


def test_every_guides_find_a_school_link_works(client):
    careers = list(Career.objects.published())
    assert careers, "content/ ships published guides"
    for career in careers:
        html = client.get(career.get_absolute_url()).content.decode()
        links = set(re.findall(r'href="(/schools/\?career=[^"]+)"', html))
        assert links == {f"/schools/?career={career.slug}"}
        response = client.get(f"/schools/?career={career.slug}")
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" not in page
        assert f"About this career: {career.short_name}" in page


def test_every_certification_program_search_works(client):
    searches = [search for cert in Certification.objects.all() for search in qualifying_searches(cert)]
    assert searches, "RHIT and RHIA name qualifying programs"
    for search in searches:
        response = client.get(search.url.replace("&amp;", "&"))
        assert response.status_code == 200
        assert "There is a problem" not in response.content.decode(), search.url
        assert search.url.startswith(reverse("schools:search") + "?program=")
