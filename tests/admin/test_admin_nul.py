"""A NUL character in the admin's query string is a clean 400, never a 500 (PostgreSQL text cannot hold NUL)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

NUL_TERM = "nurse\x00"


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="a-long-root-password"))
    return client


def autocomplete_requests():
    """Every autocomplete field of every registered admin (Django's admin:autocomplete view serves them all)."""
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.autocomplete_fields:
            yield {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field_name}


def searchable_changelists():
    for model, model_admin in admin.site._registry.items():
        if model_admin.search_fields:
            yield reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_there_are_autocompletes_and_searches_to_check():
    assert len(list(autocomplete_requests())) >= 10
    assert len(list(searchable_changelists())) >= 15


def test_every_autocomplete_answers_400_to_a_nul_term(superuser_client):
    for params in autocomplete_requests():
        response = superuser_client.get(reverse("admin:autocomplete"), {**params, "term": NUL_TERM})
        assert response.status_code == 400, params
        # The same autocomplete without the NUL works.
        assert superuser_client.get(reverse("admin:autocomplete"), {**params, "term": "nurse"}).status_code == 200


def test_every_changelist_answers_400_to_a_nul_search_or_filter(superuser_client):
    for url in searchable_changelists():
        assert superuser_client.get(url, {"q": NUL_TERM}).status_code == 400, url
        assert superuser_client.get(url, {"status": NUL_TERM}).status_code == 400, url
        assert superuser_client.get(url, {"q": "nurse"}).status_code == 200, url


def test_the_400_is_the_sites_error_page(superuser_client):
    response = superuser_client.get(reverse("admin:careers_career_changelist"), {"status": NUL_TERM})
    assert response.status_code == 400
    assert "<h1" in response.content.decode()
