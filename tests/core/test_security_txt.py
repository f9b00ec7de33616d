"""/.well-known/security.txt, RFC 9116."""

import datetime

import pytest
from django.core.checks import Tags, run_checks

URL = "/.well-known/security.txt"


def fields(response):
    lines = response.content.decode().splitlines()
    return dict(line.split(": ", 1) for line in lines)


@pytest.mark.django_db
def test_security_txt_is_plain_text_with_the_required_fields(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = fields(response)
    assert body["Contact"] == "mailto:security@example.org"
    assert body["Canonical"] == "http://testserver/.well-known/security.txt"
    assert body["Preferred-Languages"] == "en"
    assert "Policy" not in body


@pytest.mark.django_db
def test_expires_is_in_the_future_and_less_than_a_year_away(client):
    expires = datetime.datetime.strptime(fields(client.get(URL))["Expires"], "%Y-%m-%dT%H:%M:%SZ")
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    assert now + datetime.timedelta(days=90) < expires < now + datetime.timedelta(days=365)


@pytest.mark.django_db
def test_contact_and_policy_come_from_settings(client, settings):
    settings.SECURITY_CONTACT = "https://careers.example.net/report-a-vulnerability"
    settings.SECURITY_POLICY_URL = "https://careers.example.net/security-policy"
    body = fields(client.get(URL))
    assert body["Contact"] == "https://careers.example.net/report-a-vulnerability"
    assert body["Policy"] == "https://careers.example.net/security-policy"


@pytest.mark.django_db
def test_canonical_is_https_behind_the_proxy_and_ignores_the_query_string(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(URL + "?<script>=1", headers={"Host": "testserver", "X-Forwarded-Proto": "https"})
    assert fields(response)["Canonical"] == "https://testserver/.well-known/security.txt"
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_security_txt_refuses_a_post(client):
    assert client.post(URL).status_code == 405


def deploy_warnings():
    return {message.id for message in run_checks(include_deployment_checks=True, tags=[Tags.security])}


def test_deploy_check_flags_the_placeholder_contact(settings):
    assert "core.W001" in deploy_warnings()
    settings.SECURITY_CONTACT = "mailto:security@careers.example.net"
    assert not {"core.W001", "core.W002"} & deploy_warnings()


def test_deploy_check_flags_a_contact_that_is_not_a_uri(settings):
    settings.SECURITY_CONTACT = "security@careers.example.net"
    assert "core.W002" in deploy_warnings()
