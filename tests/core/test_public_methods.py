"""Public pages answer GET and HEAD only; every other method (TRACE and OPTIONS included) is 405, not the page."""

import pytest
from django.urls import reverse

from certifications.models import Certification

pytestmark = pytest.mark.django_db

REFUSED = ["post", "put", "patch", "delete", "options", "trace"]


@pytest.fixture
def public_pages(shipped_content):
    certification = Certification.objects.order_by("pk").first()
    assert certification is not None, "sync_content installs the certifications"
    return [
        reverse("core:home"),
        reverse("core:about-data"),
        reverse("core:security-txt"),
        reverse("careers:index"),
        reverse("careers:detail", args=["medical-biller-and-coder"]),
        reverse("certifications:index"),
        reverse("certifications:detail", args=[certification.slug]),
    ]


def test_get_and_head_answer(client, public_pages):
    for url in public_pages:
        assert client.get(url).status_code == 200, url
        head = client.head(url)
        assert head.status_code == 200 and head.content == b"", url


@pytest.mark.parametrize("method", REFUSED)
def test_other_methods_are_405_without_the_page(client, public_pages, method):
    for url in public_pages:
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD", (method, url)
        assert b"<main" not in response.content, (method, url)
