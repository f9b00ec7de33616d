"""The OpenAPI document is valid OpenAPI, and what the API really answers matches the shapes it documents."""

import json

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from .helpers import json_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return json_of(client.get("/api/v1/openapi.json"))


def test_the_document_validates(document):
    validate(document)  # raises on any error
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/schools",
        "/api/v1/schools/{unitid}",
        "/api/v1/occupations",
        "/api/v1/occupations/{soc_code}",
        "/api/v1/careers",
        "/api/v1/careers/{slug}",
        "/api/v1/certifications",
        "/api/v1/certifications/{slug}",
        "/api/v1/cip",
        "/api/v1/cip/{code}",
    }


def test_the_search_documents_every_parameter_of_the_form(document):
    from schools.forms import SchoolSearchForm

    parameters = [p["name"] for p in document["paths"]["/api/v1/schools"]["get"]["parameters"]]
    assert parameters == list(SchoolSearchForm.base_fields)


def response_schema(document, path, status):
    content = document["paths"][path]["get"]["responses"][str(status)]["content"]
    return {**next(iter(content.values()))["schema"], "components": document["components"]}


def test_real_answers_match_the_documented_shapes(client, document, school_world):
    school = school_world.nearest.unitid
    answers = [
        ("/api/v1/schools", "/api/v1/schools?career=medical-biller-and-coder&zip=35801&radius=100", 200),
        ("/api/v1/schools", "/api/v1/schools?zip=1", 400),
        ("/api/v1/schools/{unitid}", f"/api/v1/schools/{school}", 200),
        ("/api/v1/schools/{unitid}", "/api/v1/schools/1", 404),
        ("/api/v1/occupations", "/api/v1/occupations?major_group=29", 200),
        ("/api/v1/occupations/{soc_code}", "/api/v1/occupations/29-2072", 200),
        ("/api/v1/careers", "/api/v1/careers", 200),
        ("/api/v1/careers/{slug}", "/api/v1/careers/medical-biller-and-coder", 200),
        ("/api/v1/certifications", "/api/v1/certifications", 200),
        ("/api/v1/certifications/{slug}", "/api/v1/certifications/rhit", 200),
        ("/api/v1/cip", "/api/v1/cip?family=51", 200),
        ("/api/v1/cip/{code}", "/api/v1/cip/51.0713", 200),
    ]
    for path, url, status in answers:
        response = client.get(url)
        assert response.status_code == status, url
        OAS31Validator(response_schema(document, path, status)).validate(json.loads(response.content))
