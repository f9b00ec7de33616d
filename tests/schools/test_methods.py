"""Find a School's pages only read: GET and HEAD are answered, every other method gets 405 and no page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_paths(world):
    school = world.schools["huntsville"]
    return [
        reverse("schools:search") + "?state=AL",
        reverse("schools:search") + "?state=AL&format=csv",
        reverse("schools:compare") + f"?unitid={school.unitid}",
        school.get_absolute_url(),
    ]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
def test_other_methods_are_not_allowed(client, school_paths, method):
    for path in school_paths:
        response = client.generic(method, path)
        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD"
        assert b"school-card" not in response.content and b"<h1>" not in response.content


def test_get_and_head_are_answered(client, school_paths):
    for path in school_paths:
        assert client.get(path).status_code == 200, path
        head = client.head(path)
        assert head.status_code == 200, path
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert not body
