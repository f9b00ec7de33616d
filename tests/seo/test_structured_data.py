"""JSON-LD on the guide, certification and school pages, read with extruct as search engines' tools read it."""

import re

import extruct
import pytest

from careers.models import Career
from certifications.models import Certification
from reference_data.models import WageEstimate
from tests.factories import CompletionFactory, InstitutionFactory, ProgramFactory
from tests.school_world import CAREER_SLUG

HOST = "http://testserver"

pytestmark = pytest.mark.django_db


def json_ld(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    html = response.content.decode()
    return html, extruct.extract(html, base_url=HOST + address, syntaxes=["json-ld"], uniform=True)["json-ld"]


def of_type(items, type_name):
    found = [item for item in items if item.get("@type") == type_name]
    for item in items:
        found += [node for node in item.get("@graph", []) if node.get("@type") == type_name]
    return found


def breadcrumb_names(items):
    (breadcrumbs,) = of_type(items, "BreadcrumbList")
    elements = breadcrumbs["itemListElement"]
    assert [element["position"] for element in elements] == list(range(1, len(elements) + 1))
    assert all(element["item"].startswith(HOST + "/") for element in elements[:-1])
    return [element["name"] for element in elements]


def test_a_guide_is_an_occupation_with_the_pages_pay_education_and_credentials(client, world):
    guide = Career.objects.get(slug=CAREER_SLUG)
    html, items = json_ld(client, guide.get_absolute_url())
    (occupation,) = of_type(items, "Occupation")
    assert occupation["name"] == "Medical Biller and Coder"
    assert occupation["url"] == f"{HOST}/careers/{CAREER_SLUG}/"
    assert occupation["occupationalCategory"]["codeValue"] == "29-2072"
    assert occupation["educationRequirements"]

    (salary,) = occupation["estimatedSalary"]
    assert salary["@type"] == "MonetaryAmountDistribution"
    assert (salary["currency"], salary["duration"]) == ("USD", "P1Y")
    assert "BLS" in salary["name"] or "Occupational Employment" in salary["name"]
    wage = WageEstimate.objects.filter(occupation__soc_code="29-2072", area_type="national").latest("period")
    assert wage.period_label in salary["name"]
    expected = {"percentile10": wage.annual_p10, "percentile25": wage.annual_p25, "median": wage.annual_median,
                "percentile75": wage.annual_p75, "percentile90": wage.annual_p90}  # fmt: skip
    assert {key: salary[key] for key in expected} == expected
    text = re.sub(r"<[^>]+>", " ", html)
    for value in expected.values():
        assert f"${value:,}" in text, value  # the page shows the same figure

    credentials = occupation["qualifications"]
    listed = set(guide.certifications.values_list("acronym", flat=True))
    assert {credential["alternateName"] for credential in credentials} == listed
    for credential in credentials:
        assert credential["@type"] == "EducationalOccupationalCredential"
        assert credential["url"].startswith(f"{HOST}/certifications/")
        assert credential["recognizedBy"]["name"]
    assert breadcrumb_names(items) == ["Home", "Healthcare Careers Guide", "Medical Biller and Coder"]


def test_a_top_coded_wage_is_left_out_not_given_as_a_number(client, world):
    wage = WageEstimate.objects.filter(occupation__soc_code="29-2072", area_type="national").latest("period")
    wage.top_coded = ["annual_p90"]
    wage.save()
    _, items = json_ld(client, f"/careers/{CAREER_SLUG}/")
    (salary,) = of_type(items, "Occupation")[0]["estimatedSalary"]
    assert "percentile90" not in salary and salary["median"] == wage.annual_median


def test_a_certification_is_a_credential_recognised_by_its_body(client, world):
    certification = Certification.objects.select_related("body").get(slug="rhit")
    _, items = json_ld(client, certification.get_absolute_url())
    (credential,) = of_type(items, "EducationalOccupationalCredential")
    assert credential["name"] == certification.name
    assert credential["alternateName"] == "RHIT"
    assert credential["credentialCategory"] == "certification"
    assert credential["recognizedBy"]["@type"] == "Organization"
    assert credential["recognizedBy"]["name"] == certification.body.name
    assert credential["recognizedBy"]["url"] == certification.body.url
    assert breadcrumb_names(items) == ["Home", "Certifications", "RHIT"]


def test_a_school_is_a_college_with_address_position_and_programs(client, world):
    school = world.schools[0]
    _, items = json_ld(client, school.get_absolute_url())
    (college,) = of_type(items, "CollegeOrUniversity")
    assert college["name"] == school.name
    assert college["address"]["addressLocality"] == "Huntsville"
    assert college["address"]["addressRegion"] == "AL"
    assert college["geo"]["latitude"] == pytest.approx(school.latitude)
    assert college["geo"]["longitude"] == pytest.approx(school.longitude)
    programs = of_type(items, "EducationalOccupationalProgram")
    assert len(programs) == school.programs.count()
    for program in programs:
        assert program["provider"]["@id"] == college["@id"]
        assert program["educationalCredentialAwarded"]
        # Both programs of the fixture world lead to the Medical Biller and Coder guide.
        assert [category["name"] for category in program["occupationalCategory"]] == ["Medical Biller and Coder"]
        assert program["occupationalCategory"][0]["url"] == f"{HOST}/careers/{CAREER_SLUG}/"
    assert breadcrumb_names(items) == ["Home", "Find a School", school.name]


def test_a_short_program_school_is_an_educational_organization(client, world):
    school = InstitutionFactory(level="3", latitude=None, longitude=None)
    CompletionFactory(program=ProgramFactory(institution=school, cip=world.schools[0].programs.first().cip))
    _, items = json_ld(client, school.get_absolute_url())
    (organization,) = of_type(items, "EducationalOrganization")
    assert "geo" not in organization


def test_the_home_page_has_a_breadcrumb_list_of_home_alone(client, world):
    _, items = json_ld(client, "/")
    (trail,) = of_type(items, "BreadcrumbList")
    assert trail["itemListElement"] == [{"@type": "ListItem", "position": 1, "name": "Home", "item": f"{HOST}/"}]


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/", 200),
        ("/careers/", 200),
        ("/careers/?education=certificate&min_pay=lots", 200),  # a form error
        ("/certifications/", 200),
        ("/schools/", 200),
        (f"/schools/?career={CAREER_SLUG}", 200),
        ("/schools/?zip=3580&radius=25", 200),  # a form error
        ("/schools/compare/", 200),
        ("/schools/compare/?unitid=990100&unitid=990101", 200),
        ("/about-the-data/", 200),
        ("/api/", 200),
        ("/data/", 200),
        ("/no-such-page/", 404),
    ],
)
def test_every_page_kind_has_exactly_one_breadcrumb_list(client, world, address, status):
    """Issue 15: BreadcrumbList everywhere, read as search engines' tools read it (the crawl in test_crawl.py walks
    the pages a link reaches; these are the kinds it does not: form errors, the comparison, the API's pages, 404)."""
    response = client.get(address)
    assert response.status_code == status
    items = extruct.extract(response.content.decode(), base_url=HOST + address, syntaxes=["json-ld"], uniform=True)
    assert breadcrumb_names(items["json-ld"])[0] == "Home"


def test_imported_text_cannot_close_the_script(client, world):
    hostile = 'Evil </script><script>alert("x")</script> & <!-- College'
    school = InstitutionFactory(name=hostile, slug="evil-college", city="Huntsville</SCRIPT>")
    CompletionFactory(program=ProgramFactory(institution=school, cip=world.schools[0].programs.first().cip))
    html, items = json_ld(client, school.get_absolute_url())
    scripts = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, flags=re.S | re.I)
    assert len(scripts) == 2  # the school and its breadcrumbs: nothing was cut short
    for body in scripts:
        assert "<" not in body and ">" not in body and "&" not in body
    assert "<script>alert" not in html
    (college,) = of_type(items, "CollegeOrUniversity")
    assert college["name"] == hostile
    assert college["address"]["addressLocality"] == "Huntsville</SCRIPT>"
    assert breadcrumb_names(items)[-1] == hostile


def test_json_ld_carries_the_requests_csp_nonce(client, world):
    response = client.get(f"/careers/{CAREER_SLUG}/")
    (nonce,) = set(re.findall(r'<script type="application/ld\+json" nonce="([^"]+)"', response.content.decode()))
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    again = client.get(f"/careers/{CAREER_SLUG}/")
    assert nonce not in again.content.decode()  # a new one each time, even for a page from the cache


def test_an_occupation_page_is_an_occupation_with_its_official_pay_and_education(client):
    """An occupation without a guide: its data profile's JSON-LD, with the page's own figures."""
    from tests.occupation_world import make_occupation

    occupation = make_occupation()
    html, items = json_ld(client, occupation.get_absolute_url())
    (data,) = of_type(items, "Occupation")
    assert data["name"] == occupation.title
    assert data["url"] == f"{HOST}/careers/occupations/{occupation.soc_code}/"
    assert data["occupationalCategory"]["codeValue"] == occupation.soc_code
    assert data["educationRequirements"]
    (salary,) = data["estimatedSalary"]
    wage = WageEstimate.objects.get(occupation=occupation, area_type="national")
    assert salary["median"] == wage.annual_median == 61_230
    assert f"${wage.annual_median:,}" in re.sub(r"<[^>]+>", " ", html)
    assert "qualifications" not in data  # no guide names credentials for it
    assert breadcrumb_names(items) == ["Home", "Healthcare Careers Guide", occupation.title]


def test_a_cached_pages_json_ld_is_written_once_per_site_address():
    """A cached page's PageMeta serves every request of a worker: its JSON-LD is made absolute and escaped once per
    site address, each address gets its own, and a wildcard host list cannot grow what it keeps without bound."""
    from core.page_meta import JSON_LD_ORIGINS_KEPT, PageMeta

    meta = PageMeta(title="T", structured_data=({"@type": "Thing", "url": "/careers/x/", "name": "</script>"},))

    def site(origin):
        return lambda path: origin + path

    first = meta.json_ld_texts(site("https://a.example"))
    assert first == ('{"@type":"Thing","url":"https://a.example/careers/x/","name":"\\u003C/script\\u003E"}',)
    assert meta.json_ld_texts(site("https://a.example")) is first
    assert "https://b.example/careers/x/" in meta.json_ld_texts(site("https://b.example"))[0]
    for number in range(20):
        meta.json_ld_texts(site(f"https://{number}.example"))
    assert len(meta.written_json_ld) <= JSON_LD_ORIGINS_KEPT
