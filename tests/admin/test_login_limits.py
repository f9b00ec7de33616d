"""The admin sign-in refuses what no account can be, before django-axes sees it, and lands staff on the admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
USERNAME_LIMIT = get_user_model()._meta.get_field("username").max_length  # 150


def sign_in(client, username, password, next_url="/admin/"):
    return client.post(f"{LOGIN}?next={next_url}", {"username": username, "password": password, "next": next_url})


class TestLongUsernames:
    @pytest.mark.parametrize("length", [USERNAME_LIMIT + 1, 256, 300, 10_000])
    def test_an_over_long_username_is_a_form_error_and_never_reaches_axes(self, length):
        response = sign_in(Client(), "u" * length, "any-password")
        assert response.status_code == 200
        assert f"Enter a username of at most {USERNAME_LIMIT} characters." in response.content.decode()
        assert not AccessAttempt.objects.exists()

    def test_a_username_at_the_limit_is_still_checked_and_counted(self):
        response = sign_in(Client(), "u" * USERNAME_LIMIT, "wrong-password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
        assert AccessAttempt.objects.get().failures_since_start == 1

    def test_the_real_user_still_signs_in(self, editor):
        response = sign_in(Client(), "edna", PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/admin/"


class TestWhereSigningInLands:
    @pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", ""])
    def test_a_refused_or_missing_next_lands_on_the_admin_index(self, editor, next_url):
        client = Client()
        response = sign_in(client, "edna", PASSWORD, next_url=next_url)
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
        assert client.get(response["Location"]).status_code == 200

    def test_a_safe_next_is_followed(self, editor):
        response = sign_in(Client(), "edna", PASSWORD, next_url="/admin/careers/career/")
        assert response["Location"] == "/admin/careers/career/"
