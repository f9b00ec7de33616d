"""Security headers on every kind of page, and the production settings that only apply over HTTPS."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.school_world import build_school_world

ROOT = Path(__file__).resolve().parents[2]

# A public page, the search (empty, with results, with a form error, as CSV), a school, compare, a 404 and the admin
# login. The schools are the made-up ones around ZIP 35801 (tests/school_world.py).
PAGES = {
    "home": "/",
    "about the data": "/about-the-data/",
    "search": "/schools/",
    "search with results": "/schools/?zip=35801&radius=25&award=certificate-short&page=2",
    "search with a form error": "/schools/?q=nursing&zip=99999&radius=25",
    "search as CSV": "/schools/?zip=35801&radius=25&format=csv",
    "a school": "/schools/990100-cedar-career-college/",
    "compare": "/schools/compare/?unitid=990100&unitid=990101",
    "404": "/no-such-page/",
    "admin login": "/admin/login/",
    "security.txt": "/.well-known/security.txt",
}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture(params=PAGES.items(), ids=PAGES.keys())
def page_response(request, client, db):
    build_school_world()
    name, path = request.param
    response = client.get(path)
    response.page_name = name
    return response


@pytest.mark.usefixtures("shipped_content")
def test_page_answers_as_expected(page_response):
    expected = {"404": (404, "text/html"), "search as CSV": (200, "text/csv"), "security.txt": (200, "text/plain")}
    status, content_type = expected.get(page_response.page_name, (200, "text/html"))
    assert page_response.status_code == status
    assert page_response["Content-Type"].startswith(content_type)
    if page_response.page_name == "search with results":
        assert b'class="school-card"' in page_response.content
    if page_response.page_name == "search with a form error":
        assert b'class="error-summary"' in page_response.content


@pytest.mark.usefixtures("shipped_content")
def test_content_security_policy_allows_only_our_own_files(page_response):
    csp = parse_csp(page_response["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    # Our own files, and the page's JSON-LD data blocks by their nonce (templates/includes/json_ld.html).
    body = b"".join(page_response) if page_response.streaming else page_response.content
    nonces = set(re.findall(r'<script type="application/ld\+json" nonce="([^"]+)"', body.decode()))
    assert len(nonces) <= 1
    if page_response.page_name in ("a school", "search with results"):
        assert nonces, "the JSON-LD has no nonce"
    # 'self', and the request's nonce when the page used one (the admin's own templates may, for its scripts).
    assert csp["script-src"][0] == "'self'" and len(csp["script-src"]) <= 2
    assert all(value.startswith("'nonce-") for value in csp["script-src"][1:])
    assert {f"'nonce-{nonce}'" for nonce in nonces} <= set(csp["script-src"])
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body.decode())
    assert all('type="application/ld+json"' in tag for tag in inline), inline
    assert csp["style-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*"):
            assert unsafe not in csp[directive]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    # object-src, frame-src, worker-src ... are not listed, so they fall back to default-src 'none'.
    assert "object-src" not in csp


@pytest.mark.usefixtures("shipped_content")
def test_permissions_policy_switches_off_features_we_do_not_use(page_response):
    policy = dict(item.split("=", 1) for item in page_response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "fullscreen"):
        assert policy[feature] == "()", feature


@pytest.mark.usefixtures("shipped_content")
def test_other_security_headers(page_response):
    assert page_response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert page_response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert page_response["X-Content-Type-Options"] == "nosniff"
    assert page_response["X-Frame-Options"] == "DENY"


# --- Production settings -------------------------------------------------------------------------

PRODUCTION_SECURITY_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_NAME",
)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "sqlite:////tmp/hcg-test-deploy-check.sqlite3",
}


def production_environment(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "SECURITY_CONTACT",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return {**environment, **PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(64), **env}


@pytest.fixture(scope="module")
def production_values():
    """config.settings.production's HTTPS and cookie settings, read in a fresh interpreter."""
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_values):
    """Apply the production HTTPS and cookie settings to this test (the rest stays test settings)."""
    for name, value in production_values.items():
        setattr(settings, name, value)
    return settings


HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production, client):
    response = client.get("/about-the-data/?a=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about-the-data/?a=1"


@pytest.mark.django_db
def test_https_from_the_proxy_is_served_with_hsts(production, client):
    response = client.get("/about-the-data/", headers=HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_other_forwarded_proto_values_are_not_trusted_as_https(production, client):
    response = client.get("/about-the-data/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301


def assert_host_prefixed_cookie(morsel, name):
    # A __Host- cookie is only accepted by browsers with Secure, Path=/ and no Domain.
    assert morsel.key == name
    assert morsel["secure"] is True
    assert morsel["path"] == "/"
    assert morsel["domain"] == ""
    header = morsel.output()
    assert "; Secure" in header
    assert "; Path=/" in header
    assert "Domain=" not in header


@pytest.mark.django_db
def test_csrf_cookie_is_a_secure_host_cookie(production, client):
    response = client.get(reverse("admin:login"), headers=HTTPS)
    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
    assert_host_prefixed_cookie(response.cookies["__Host-csrftoken"], "__Host-csrftoken")


@pytest.mark.django_db
def test_session_cookie_is_a_secure_http_only_host_cookie(production, client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-test-password", "next": "/admin/"},
        headers=HTTPS,
    )
    assert response.status_code == 302, "the login failed"
    assert "sessionid" not in response.cookies
    session_cookie = response.cookies["__Host-sessionid"]
    assert_host_prefixed_cookie(session_cookie, "__Host-sessionid")
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
    # The renamed cookie is the one the site reads back: the admin index opens logged in.
    assert client.get("/admin/", headers=HTTPS).status_code == 200


def run_deploy_check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_deploy_check_passes_under_production_settings():
    result = run_deploy_check(SECURITY_CONTACT="mailto:security@careers.example.net")
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.slow
def test_deploy_check_warns_while_the_security_contact_is_the_placeholder():
    result = run_deploy_check()
    assert result.returncode != 0
    assert "core.W001" in result.stderr
