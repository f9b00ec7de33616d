"""The certifying bodies and credentials the data migration installs, checked in the migrated database."""

import datetime

import pytest

from certifications.models import Certification, CertifyingBody

pytestmark = pytest.mark.django_db

EXPECTED = {
    "AHIMA": {"RHIT", "RHIA", "CCA", "CCS", "CCS-P"},
    "AAPC": {"CPC", "COC"},
    "NCRA": {"CTR"},
}


def test_bodies_and_their_credentials():
    for acronym, credentials in EXPECTED.items():
        body = CertifyingBody.objects.get(acronym=acronym)
        assert body.url.startswith("https://")
        assert set(body.certifications.values_list("acronym", flat=True)) >= credentials


def test_every_credential_has_its_facts_source_and_check_date():
    for certification in Certification.objects.filter(body__acronym__in=EXPECTED):
        assert certification.source_url.startswith("https://"), certification
        assert certification.facts_checked_on >= datetime.date(2026, 1, 1), certification
        for field in ("what_it_shows", "who_it_suits", "eligibility"):
            assert getattr(certification, field).strip(), (certification, field)
        assert certification.slug == certification.acronym.lower()


def test_exam_and_renewal_facts_from_the_notes():
    rhit = Certification.objects.get(slug="rhit")
    assert rhit.continuing_education == "20 CEUs every 2 years" and rhit.renewal_cycle_years == 2
    assert Certification.objects.get(slug="rhia").continuing_education == "30 CEUs every 2 years"
    cpc = Certification.objects.get(slug="cpc")
    assert cpc.exam_questions == 100
    assert "CPC-A" in cpc.eligibility and "CPC-A" in cpc.notes
    assert "secondary source" in cpc.exam_fee  # a secondary source says so where it is shown
    ctr = Certification.objects.get(slug="ctr")
    assert "2019-2020" in ctr.exam_fee  # an old fee is dated, not passed off as current
    assert "Oncology Data Specialist" in ctr.name


def test_program_requirements_point_to_the_right_cip_codes_and_levels():
    rhit = Certification.objects.get(slug="rhit")
    assert list(rhit.qualifying_programs.values_list("code", "title")) == [
        ("51.0707", "Health Information/Medical Records Technology/Technician.")
    ]
    assert rhit.qualifying_award == "associate"
    rhia = Certification.objects.get(slug="rhia")
    assert list(rhia.qualifying_programs.values_list("code", "title")) == [
        ("51.0706", "Health Information/Medical Records Administration/Administrator.")
    ]
    assert rhia.qualifying_award == "bachelor"
    assert not Certification.objects.get(slug="cpc").qualifying_programs.exists()


def test_credentials_are_linked_to_the_guides():
    def guides(slug):
        return set(Certification.objects.get(slug=slug).careers.values_list("slug", flat=True))

    assert guides("ctr") == {"cancer-registrar"}
    assert {"medical-biller-and-coder", "health-information-technician", "cancer-registrar"} <= guides("rhit")
    assert "medical-biller-and-coder" in guides("ccs-p")
