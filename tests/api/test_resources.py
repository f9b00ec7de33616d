"""Occupations, CIP programs, careers and certifications: filters, pages in a stable order, figures with their
sources, and 404 problems for unknown codes."""

import pytest

from reference_data.models import WageEstimate
from tests.factories import CipCodeFactory, CipSocLinkFactory, OccupationFactory, WageEstimateFactory

from .helpers import json_of

pytestmark = pytest.mark.django_db


def test_occupations_filter_by_major_group_and_text(client, shipped_content):
    assistants = OccupationFactory(soc_code="31-9092", title="Medical Assistants")
    WageEstimate.objects.filter(occupation=assistants).delete()
    OccupationFactory(soc_code="43-6013", title="Medical Secretaries and Administrative Assistants")
    body = json_of(client.get("/api/v1/occupations?major_group=31"))
    codes = [o["soc_code"] for o in body["results"]]
    assert "31-9092" in codes and all(code.startswith("31-") for code in codes)
    body = json_of(client.get("/api/v1/occupations?q=MEDICAL"))
    codes = [o["soc_code"] for o in body["results"]]
    assert codes == sorted(codes) and {"29-2072", "31-9092", "43-6013"} <= set(codes)
    medical_records = next(o for o in body["results"] if o["soc_code"] == "29-2072")
    assert medical_records["national_median_annual_wage"]["value"] == 51140
    assert medical_records["national_median_annual_wage"]["period"] == "2025-05"
    missing = next(o for o in body["results"] if o["soc_code"] == "31-9092")["national_median_annual_wage"]
    assert missing["value"] is None and missing["note"] == "Not published"


def test_occupation_pages_are_stable_and_complete(client, db):
    for number in range(120):
        OccupationFactory(soc_code=f"29-{1000 + number}", title=f"Occupation {number:03d}")
    seen, url = [], "/api/v1/occupations?major_group=29"
    while url:
        body = json_of(client.get(url))
        seen += [o["soc_code"] for o in body["results"]]
        url = body["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 120
    assert json_of(client.get("/api/v1/occupations?major_group=29&page=3"))["results"][-1]["soc_code"] == "29-1119"


def test_occupation_detail_has_wages_by_area_and_period_projections_programs_and_guides(client, shipped_content):
    from reference_data.models import Occupation

    occupation = Occupation.objects.get(soc_code="29-2072")
    WageEstimateFactory(
        occupation=occupation,
        area_type=WageEstimate.AreaType.METRO,
        area_code="26620",
        area_name="Huntsville, AL",
        state="AL",
        period="2025-05-01",
        annual_median=45000,
    )
    CipSocLinkFactory(
        cip=CipCodeFactory(code="51.0707", title="Health Information/Medical Records Technology/Technician."),
        occupation=occupation,
    )
    body = json_of(client.get("/api/v1/occupations/29-2072"))
    areas = {(w["area_type"], w["area_name"], w["period"]) for w in body["wages"]}
    assert ("metro", "Huntsville, AL", "2025-05") in areas and ("national", "U.S.", "2025-05") in areas
    assert all(w["source"] and w["period_label"] for w in body["wages"])
    assert body["projections"][0]["period"] == "2024-34" and body["projections"][0]["source"]
    assert "51.0707" in {p["code"] for p in body["programs"]}
    assert {c["slug"] for c in body["careers"]} >= {"medical-biller-and-coder"}


@pytest.mark.parametrize("code", ["29-9999", "292072", "x" * 500])
def test_unknown_occupation_is_a_404_problem(client, db, code):
    json_of(client.get(f"/api/v1/occupations/{code}"), 404, "application/problem+json")


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("major_group=2", "major_group", "Enter a SOC major group as 2 digits, like 29."),
        ("page=0", "page", "Enter a page number, like 2."),
        ("page=abc", "page", "Enter a page number, like 2."),
        ("q=%00", "q", "Remove the control characters (such as a NUL byte) from this box."),
    ],
)
def test_invalid_list_parameters_are_400_problems(client, db, query, parameter, message):
    body = json_of(client.get(f"/api/v1/occupations?{query}"), 400, "application/problem+json")
    assert body["errors"][0]["parameter"] == parameter and body["errors"][0]["message"] == message


def test_cip_list_and_detail(client, shipped_content):
    CipCodeFactory(code="52.0201", title="Business Administration and Management, General.")
    body = json_of(client.get("/api/v1/cip?family=51"))
    assert all(c["code"].startswith("51.") for c in body["results"]) and body["count"] >= 1
    detail = json_of(client.get("/api/v1/cip/51.0714"))
    assert "medical-biller-and-coder" in detail["careers"]  # the guide's staff include (content/)
    assert detail["schools_api_url"] == "http://testserver/api/v1/schools?program=51.0714"
    assert json_of(client.get("/api/v1/cip/52.0201"))["schools_api_url"] is None  # not a health program
    json_of(client.get("/api/v1/cip/99.9999"), 404, "application/problem+json")


def test_careers_list_only_published_guides(client, shipped_content):
    from careers.models import Career

    Career.objects.filter(slug="cancer-registrar").update(status=Career.Status.DRAFT)
    body = json_of(client.get("/api/v1/careers"))
    slugs = [c["slug"] for c in body["results"]]
    assert "cancer-registrar" not in slugs and "medical-biller-and-coder" in slugs
    assert body["count"] == Career.objects.published().count()
    json_of(client.get("/api/v1/careers/cancer-registrar"), 404, "application/problem+json")


def test_career_detail_matches_the_guide(client, shipped_content):
    body = json_of(client.get("/api/v1/careers/medical-biller-and-coder"))
    assert body["occupation"] == {"soc_code": "29-2072", "title": "Medical Records Specialists"}
    assert body["pay"]["national"]["annual_median"] == 51140 and body["pay"]["national"]["period_label"] == "May 2025"
    page = client.get("/careers/medical-biller-and-coder/").content.decode()
    assert "$51,140" in page
    assert {c["acronym"] for c in body["certifications"]} >= {"CPC", "RHIT"}
    assert body["schools_api_url"].endswith("/api/v1/schools?career=medical-biller-and-coder")


def test_certifications(client, shipped_content):
    body = json_of(client.get("/api/v1/certifications"))
    assert body["count"] == 8
    detail = json_of(client.get("/api/v1/certifications/rhit"))
    assert detail["body"]["acronym"] == "AHIMA"
    numbers = {source["number"] for source in detail["sources"]}
    cited = {number for fact in detail["facts"] for number in fact["sources"]}
    assert cited and cited <= numbers  # every fact cites sources the answer lists
    json_of(client.get("/api/v1/certifications/nope"), 404, "application/problem+json")
