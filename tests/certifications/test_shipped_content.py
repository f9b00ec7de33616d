"""The certifying bodies and credentials a new site gets from content/ through sync_content."""

import datetime

import pytest

from certifications.models import Certification, CertificationSource, CertifyingBody

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shipped_content")]

CERTIFICATIONS = {
    "rhit": ("AHIMA", "Registered Health Information Technician"),
    "rhia": ("AHIMA", "Registered Health Information Administrator"),
    "cca": ("AHIMA", "Certified Coding Associate"),
    "ccs": ("AHIMA", "Certified Coding Specialist"),
    "ccs-p": ("AHIMA", "Certified Coding Specialist – Physician-based"),
    "cpc": ("AAPC", "Certified Professional Coder"),
    "coc": ("AAPC", "Certified Outpatient Coder"),
    "ctr": ("NCRA", "Oncology Data Specialist, formerly Certified Tumor Registrar"),
}


def test_eight_certifications_with_their_names_and_bodies():
    shipped = {c.slug: (c.body.acronym, c.name) for c in Certification.objects.select_related("body")}
    assert shipped == CERTIFICATIONS
    bodies = dict(CertifyingBody.objects.values_list("acronym", "name"))
    assert bodies == {
        "AHIMA": "American Health Information Management Association",
        "AAPC": "AAPC",
        "NCRA": "National Cancer Registrars Association",
    }
    for certification in Certification.objects.all():
        assert certification.facts_gathered_on == datetime.date(2026, 11, 28), certification
        assert certification.slug == certification.acronym.lower()
        assert certification.what_it_shows.strip() and certification.who_it_suits.strip()


def test_no_fact_without_a_source():
    """Every fact a shipped certification states is covered by one of its sources, and no source claims a fact the
    page does not state."""
    for certification in Certification.objects.prefetch_related("sources"):
        sources = list(certification.sources.all())
        covered = {field for source in sources for field in source.covers}
        stated = set(certification.facts_stated())
        assert stated == covered, (certification.acronym, stated ^ covered)
        for source in sources:
            assert source.url.startswith("https://") and source.title and source.publisher and source.facts, source


def test_secondary_copied_and_old_sources_are_marked_as_such():
    def sources_of(slug, field):
        return [s for s in CertificationSource.objects.filter(certification__slug=slug) if field in s.covers]

    assert [(s.kind, s.url) for s in sources_of("cpc", "exam_fee")] == [
        ("secondary", "https://medicalcodingwithconfidence.com/cpc-exam-info")
    ]
    [fee] = sources_of("ctr", "exam_fee")
    assert fee.page_date == "2019-2020" and fee.may_be_out_of_date
    copies = CertificationSource.objects.filter(certification__slug="rhit", kind="copy")
    assert {s.publisher for s in copies} == {"healthcom.info", "cms-test.ahima.org"}


def test_exam_renewal_and_renaming_facts():
    rhit = Certification.objects.get(slug="rhit")
    assert (rhit.continuing_education, rhit.renewal_cycle_years) == ("20 CEUs every 2 years", 2)
    assert rhit.exam_delivery == "Scheduled with Pearson VUE"
    # Schools report the HIM associate degree under both codes (C2024_A: 44 under 51.0706, 308 under 51.0707).
    assert sorted(rhit.qualifying_programs.values_list("code", flat=True)) == ["51.0706", "51.0707"]
    assert rhit.qualifying_award == "associate"
    cpc = Certification.objects.get(slug="cpc")
    assert cpc.exam_questions == 100
    assert cpc.exam_fee == "$499 in person, including one free retake; $399 online, one attempt"
    assert Certification.objects.get(slug="cca").eligibility == ""  # no source supports one
    ctr = Certification.objects.get(slug="ctr")
    assert ctr.notes.startswith("NCRA gave this credential a new name in 2024")
    assert ctr.notes.count("\n\n") == 2
    assert ctr.sources.get(order=4).url == "https://www.ncra-usa.org/About/What-is-NCRA"
    assert ctr.official_url == ""
    # The first version of each certification is the shipped one, qualifying programs included.
    assert rhit.history.earliest().history_change_reason == "sync_content: shipped content added"
    shipped_codes = rhit.history.latest().qualifying_programs.values_list("cipcode__code", flat=True)
    assert sorted(shipped_codes) == ["51.0706", "51.0707"]


def test_credentials_are_linked_to_the_guides():
    def guides(slug):
        return set(Certification.objects.get(slug=slug).careers.values_list("slug", flat=True))

    assert guides("ctr") == {"cancer-registrar"}
    assert {"medical-biller-and-coder", "health-information-technician", "cancer-registrar"} <= guides("rhit")
    assert "medical-biller-and-coder" in guides("ccs-p")
