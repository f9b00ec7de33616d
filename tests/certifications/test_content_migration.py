"""The certifying bodies and credentials the data migration installs, checked in the migrated database."""

import datetime
import importlib

import pytest
from django.apps import apps

from certifications.models import Certification, CertificationSource, CertifyingBody

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


def test_every_credential_has_its_gathering_date_and_our_summary():
    for certification in Certification.objects.filter(body__acronym__in=EXPECTED):
        assert certification.official_url == "" or certification.official_url.startswith("https://"), certification
        assert certification.facts_gathered_on == datetime.date(2026, 11, 28), certification
        for field in ("what_it_shows", "who_it_suits"):
            assert getattr(certification, field).strip(), (certification, field)
        assert certification.slug == certification.acronym.lower()


def test_no_fact_without_a_source():
    """Every fact a shipped certification states is covered by one of its sources, and no source claims a fact the
    page does not state."""
    for certification in Certification.objects.filter(body__acronym__in=EXPECTED).prefetch_related("sources"):
        sources = list(certification.sources.all())
        covered = {field for source in sources for field in source.covers}
        stated = set(certification.facts_stated())
        assert stated <= covered, (certification.acronym, stated - covered)
        assert covered <= stated, (certification.acronym, covered - stated)
        for source in sources:
            assert source.url.startswith("https://") and source.title and source.publisher and source.facts, source
            assert source.kind in CertificationSource.Kind.values


def test_secondary_copied_and_old_sources_are_marked_as_such():
    def sources_of(slug, field):
        return [s for s in CertificationSource.objects.filter(certification__slug=slug) if field in s.covers]

    # The CPC exam figures come only from a third-party site.
    assert {s.kind for s in sources_of("cpc", "exam_fee")} == {"secondary"}
    assert [s.url for s in sources_of("cpc", "exam_fee")] == ["https://medicalcodingwithconfidence.com/cpc-exam-info"]
    # The RHIA's education requirement rests on an older secondary page.
    [rhia] = sources_of("rhia", "eligibility")[:1]
    assert rhia.kind == "secondary" and rhia.may_be_out_of_date
    # NCRA's exam fee is from its 2019-2020 page.
    [fee] = sources_of("ctr", "exam_fee")
    assert fee.page_date == "2019-2020" and fee.may_be_out_of_date
    # The AHIMA FAQ figures were read from copies, not from ahima.org.
    copies = CertificationSource.objects.filter(certification__slug="rhit", kind="copy")
    assert {s.publisher for s in copies} == {"healthcom.info", "cms-test.ahima.org"}


def test_facts_no_source_supports_are_gone():
    cca = Certification.objects.get(slug="cca")
    assert cca.eligibility == ""  # "a high school diploma or equivalent" came from no source
    assert Certification.objects.get(slug="ccs").eligibility == ""
    assert Certification.objects.get(slug="coc").eligibility == ""  # "AAPC membership is required"
    ctr = Certification.objects.get(slug="ctr")
    assert ctr.official_url == ""  # the ODS page 0002 cited is in no source
    for certification in Certification.objects.all():
        text = " ".join(str(getattr(certification, f.attname)) for f in Certification._meta.concrete_fields)
        assert "computer-based" not in text.lower(), certification
        if certification.slug != "ctr":
            assert "Oncology Data Specialist" not in text and "ODS" not in text, certification


def test_the_ctr_renaming_comes_back_with_ncra_s_page_as_its_source():
    ctr = Certification.objects.get(slug="ctr")
    assert ctr.name == "Oncology Data Specialist, formerly Certified Tumor Registrar"
    assert ctr.notes.startswith("NCRA gave this credential a new name in 2024")
    [source] = [s for s in ctr.sources.all() if "ODS" in s.facts]
    assert source.url == "https://www.ncra-usa.org/About/What-is-NCRA" and source.kind == "official"
    assert source.covers == ["notes"]
    assert ctr.history.filter(history_change_reason__contains="migration 0007").exists()
    assert "employ the most" not in Certification.objects.get(slug="rhit").who_it_suits
    assert "American Academy" not in CertifyingBody.objects.get(acronym="AAPC").description
    assert "Council on Certification" not in CertifyingBody.objects.get(acronym="NCRA").description


def test_exam_and_renewal_facts_from_the_notes():
    rhit = Certification.objects.get(slug="rhit")
    assert rhit.continuing_education == "20 CEUs every 2 years" and rhit.renewal_cycle_years == 2
    assert "CAHIIM" in rhit.eligibility and "before you graduate" in rhit.eligibility
    assert Certification.objects.get(slug="rhia").continuing_education == "30 CEUs every 2 years"
    cpc = Certification.objects.get(slug="cpc")
    assert cpc.exam_questions == 100
    assert cpc.exam_fee.startswith("$499 in person")
    assert "CPC-A" in cpc.eligibility and "CPC-A" in cpc.notes
    ctr = Certification.objects.get(slug="ctr")
    assert "2019-2020" in ctr.exam_fee  # an old fee is dated, not passed off as current


def test_the_new_migration_leaves_staff_edits_alone_and_runs_twice():
    migration = importlib.import_module("certifications.migrations.0006_name_sources_of_shipped_certifications")
    shipped = migration.SHIPPED_CERTIFICATIONS
    # A database where staff rewrote the CPC fee and 0006 has not run on the RHIT yet.
    Certification.objects.filter(slug="cpc").update(exam_fee="Staff checked: $525")
    Certification.objects.filter(slug="rhit").update(eligibility=shipped["rhit"]["eligibility"])
    CertificationSource.objects.filter(certification__slug__in=["cpc", "rhit"]).delete()
    counts = CertificationSource.objects.count(), Certification.history.count()

    migration.name_sources(apps, None)

    cpc = Certification.objects.get(slug="cpc")
    assert cpc.exam_fee == "Staff checked: $525"
    # The secondary site no longer vouches for the fee staff wrote; it still does for what it supplied.
    secondary = cpc.sources.get(kind="secondary")
    assert "exam_fee" not in secondary.covers and "exam_questions" in secondary.covers
    rhit = Certification.objects.get(slug="rhit")
    assert rhit.eligibility == migration.CHANGES["rhit"]["eligibility"]
    assert rhit.history.first().history_change_reason == migration.REASON
    assert rhit.sources.count() == len(migration.SOURCES["rhit"])

    # Again: nothing more to do.
    after = CertificationSource.objects.count(), Certification.history.count()
    assert after[0] > counts[0] and after[1] == counts[1] + 2
    migration.name_sources(apps, None)
    assert (CertificationSource.objects.count(), Certification.history.count()) == after


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
