import pytest

MBC = "/careers/medical-biller-and-coder/"


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="a-long-test-password", is_staff=True)
    client.force_login(user)
    return client
