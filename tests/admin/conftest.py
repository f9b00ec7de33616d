"""Staff users in each role, logged in through the admin's own login form where a test is about logging in."""

import pytest
from django.contrib.auth.models import Group

from core.roles import CONTENT_EDITORS, DATA_STEWARDS

PASSWORD = "a-long-test-password-for-staff"
MBC_SLUG = "medical-biller-and-coder"


def make_staff(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True, first_name=username.title(), **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return make_staff(django_user_model, "edna", CONTENT_EDITORS)


@pytest.fixture
def steward(django_user_model):
    return make_staff(django_user_model, "stew", DATA_STEWARDS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def steward_client(client, steward):
    client.force_login(steward)
    return client
