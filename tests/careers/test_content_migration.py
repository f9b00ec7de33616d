"""The guides, figures and links that the data migrations install: checked in the migrated test database itself
(not factories), because that is what a fresh deployment starts with."""

import datetime
import importlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps

from careers.models import Career
from reference_data.models import EmploymentProjection, Occupation, WageEstimate
from schools.models import CareerProgram

pytestmark = pytest.mark.django_db

GUIDES = {
    "medical-biller-and-coder": "29-2072",
    "medical-transcriptionist": "31-9094",
    "medical-assistant": "31-9092",
    "cancer-registrar": "29-9021",
    "health-information-technician": "29-9021",
}
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "medical-biller-coder-careers.txt"
CERTIFICATION_NOTES = Path(__file__).resolve().parents[3] / "shared" / "data" / "notes" / "certification-facts.md"


def test_five_guides_are_published_with_their_primary_occupation():
    careers = {career.slug: career for career in Career.objects.prefetch_related("career_occupations__occupation")}
    assert set(GUIDES) <= set(careers)
    for slug, soc in GUIDES.items():
        career = careers[slug]
        assert career.is_published and career.published_at is not None
        primary = [link.occupation.soc_code for link in career.career_occupations.all() if link.is_primary]
        assert primary == [soc], slug
        # Every guide can fill every required section.
        for field in ("summary", "what_they_do", "where_they_work", "how_to_begin_intro", "post_education_intro"):
            assert getattr(career, field).strip(), (slug, field)
        assert career.steps.count() >= 6, slug
        assert career.sources.count() >= 3, slug


def test_medical_biller_and_coder_has_every_part_of_the_original_page():
    career = Career.objects.get(slug="medical-biller-and-coder")
    assert career.short_name == "Medical Biller and Coder"
    assert career.steps.count() >= 6
    assert career.certification_renewal_note
    certifications = list(career.career_certifications.values_list("certification__acronym", flat=True))
    assert certifications[:4] == ["RHIT", "CCA", "CCS", "CCS-P"]
    cancer_registry = career.specializations.get(name="Cancer registry")
    assert cancer_registry.certification.acronym == "CTR"
    assert cancer_registry.related_career.slug == "cancer-registrar"
    related = {r.title: r.target.slug for r in career.related_careers.select_related("target")}
    assert related["Medical Transcriptionist"] == "medical-transcriptionist"
    assert related["Medical Assistant"] == "medical-assistant"
    urls = set(career.sources.values_list("url", flat=True))
    for expected in (
        "https://www.aapc.com/",
        "https://www.ahima.org/",
        "https://www.ncra-usa.org/",
        "https://www.who.int/standards/classifications/classification-of-diseases",
        "https://www.bls.gov/oes/current/oes292072.htm",
        "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm",
    ):
        assert expected in urls
    assert all(url.startswith("https://") for url in urls)
    # No 2012 figures in the words: the numbers come from the BLS rows.
    text = " ".join([career.job_outlook_narrative, career.pay_narrative])
    assert "2012" not in text and "$" not in text


def test_billing_programs_are_added_to_the_biller_and_coder_search():
    choice = CareerProgram.objects.select_related("cip").get(career__slug="medical-biller-and-coder")
    assert choice.action == CareerProgram.Action.INCLUDE
    assert choice.cip.code == "51.0714"
    assert choice.cip.title == "Medical Insurance Specialist/Medical Biller."


def test_national_may_2025_figures_match_the_official_file():
    wage = WageEstimate.objects.get(
        occupation__soc_code="29-2072", area_type="national", area_code="99", period=datetime.date(2025, 5, 1)
    )
    assert (wage.annual_median, wage.annual_p10, wage.annual_p90, wage.employment) == (51_140, 37_000, 81_150, 194_720)
    assert wage.hourly_median == Decimal("24.59")
    assert wage.area_name == "U.S."
    assert wage.source == "BLS Occupational Employment and Wage Statistics"
    assert wage.source_url.startswith("https://www.bls.gov/oes/")
    for soc in ("00-0000", "29-2072", "29-9021", "31-9092", "31-9094"):
        assert WageEstimate.objects.filter(occupation__soc_code=soc, area_type="national").exists(), soc
        assert EmploymentProjection.objects.filter(occupation__soc_code=soc, base_year=2024).exists(), soc
    assert Occupation.objects.get(soc_code="00-0000").title == "All Occupations"


def test_projections_2024_34_match_the_official_file():
    def percent(soc):
        projection = EmploymentProjection.objects.get(occupation__soc_code=soc, base_year=2024, target_year=2034)
        return projection.change_percent

    assert percent("29-2072") == Decimal("7.1")
    assert percent("31-9092") == Decimal("12.5")
    assert percent("00-0000") == Decimal("3.1")
    assert percent("31-9094") == Decimal("-4.9")


@pytest.mark.realdata
def test_initial_figures_agree_with_the_workbooks(shared_data_dir):
    """Re-read the official workbooks and compare every figure the migration typed in."""
    openpyxl = pytest.importorskip("openpyxl")
    wanted = set(GUIDES.values()) | {"00-0000"}
    book = openpyxl.load_workbook(shared_data_dir / "bls" / "national_M2025_dl.xlsx", read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows)
    official = {}
    for row in rows:
        record = dict(zip(header, row, strict=False))
        if record["OCC_CODE"] in wanted and record["AREA"] in ("99", 99):
            official[record["OCC_CODE"]] = record
    assert set(official) == wanted
    for soc, record in official.items():
        wage = WageEstimate.objects.get(occupation__soc_code=soc, area_type="national", period="2025-05-01")
        assert wage.employment == record["TOT_EMP"]
        assert wage.annual_median == record["A_MEDIAN"]
        assert (wage.annual_p10, wage.annual_p25, wage.annual_p75, wage.annual_p90) == (
            record["A_PCT10"],
            record["A_PCT25"],
            record["A_PCT75"],
            record["A_PCT90"],
        )
        assert wage.hourly_median == Decimal(str(record["H_MEDIAN"])).quantize(Decimal("0.01"))
        assert wage.hourly_mean == Decimal(str(record["H_MEAN"])).quantize(Decimal("0.01"))
        assert wage.annual_mean == record["A_MEAN"]

    book = openpyxl.load_workbook(shared_data_dir / "bls" / "occupation_2024-2034.xlsx", read_only=True)
    seen = set()
    for row in book["Table 1.2"].iter_rows(values_only=True):
        if row[1] in wanted and row[1] not in seen:
            seen.add(row[1])
            projection = EmploymentProjection.objects.get(occupation__soc_code=row[1], base_year=2024)
            assert projection.employment_base == Decimal(str(row[3]))
            assert projection.employment_target == Decimal(str(row[4]))
            assert projection.change_numeric == Decimal(str(row[7]))
            assert projection.change_percent == Decimal(str(row[8]))
            assert projection.annual_openings == Decimal(str(row[10]))
            assert projection.median_annual_wage == row[11]
    assert seen == wanted


def test_migrations_are_safe_to_run_again_and_never_overwrite_imports():
    figures = importlib.import_module("careers.migrations.0003_oews_may_2025_and_projections_2024_34")
    guides = importlib.import_module("careers.migrations.0004_five_career_guides")
    credentials = importlib.import_module("certifications.migrations.0002_ahima_aapc_ncra_credentials")

    # An import has since replaced the figure, and an editor has rewritten a guide.
    WageEstimate.objects.filter(occupation__soc_code="29-2072", area_type="national").update(annual_median=99_999)
    Career.objects.filter(slug="medical-assistant").update(summary="Edited by staff.")
    counts = {
        model: model.objects.count()
        for model in (Career, WageEstimate, EmploymentProjection, Occupation, CareerProgram)
    }

    figures.install_figures(APPS_BEFORE_THE_MOVE, None)
    credentials.install_certifications(APPS_BEFORE_THE_MOVE, None)
    guides.install_guides(APPS_BEFORE_THE_MOVE, None)

    assert {model: model.objects.count() for model in counts} == counts
    assert WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="national").annual_median == 99_999
    assert Career.objects.get(slug="medical-assistant").summary == "Edited by staff."
    assert Career.objects.get(slug="medical-assistant").steps.count() == 7


class _AppsBeforeTheMove:
    """Today's models under the names the content migrations were written with: the reference data was in careers
    and schools, and CareerCertification in certifications, until they moved (same tables). The migration state of
    those days would not do: it has columns that have since gone."""

    MOVED = {
        ("careers", "occupation"): "reference_data",
        ("careers", "wageestimate"): "reference_data",
        ("careers", "employmentprojection"): "reference_data",
        ("schools", "cipcode"): "reference_data",
        ("certifications", "careercertification"): "careers",
    }

    def get_model(self, app_label, model_name):
        return apps.get_model(self.MOVED.get((app_label, model_name.lower()), app_label), model_name)


APPS_BEFORE_THE_MOVE = _AppsBeforeTheMove()


def _guide_and_certification_text():
    """All the prose the migrations ship: the guides with their parts, and the certifications, their bodies and the
    descriptions of their sources."""
    Certification = apps.get_model("certifications", "Certification")
    CertifyingBody = apps.get_model("certifications", "CertifyingBody")
    texts = []
    sections = ("steps", "specializations", "related_careers", "career_certifications")
    for career in Career.objects.prefetch_related(*sections):
        texts += [
            career.summary,
            career.what_they_do,
            career.where_they_work,
            career.how_to_begin_intro,
            career.post_education_intro,
            career.certification_renewal_note,
            career.specializations_intro,
            career.job_outlook_narrative,
            career.pay_narrative,
            career.related_careers_intro,
            career.sources_intro,
        ]
        texts += [step.text for step in career.steps.all()]
        texts += [spec.description for spec in career.specializations.all()]
        texts += [related.description for related in career.related_careers.all()]
        texts += [link.note for link in career.career_certifications.all()]
    for certification in Certification.objects.prefetch_related("sources"):
        texts += [
            certification.what_it_shows,
            certification.who_it_suits,
            certification.eligibility,
            certification.exam_length,
            certification.exam_fee,
            certification.exam_delivery,
            certification.continuing_education,
            certification.notes,
        ]
        texts += [source.facts for source in certification.sources.all()]
    texts += list(CertifyingBody.objects.values_list("description", flat=True))
    return [text for text in texts if text]


# A web address is a citation, not prose: "aapc.com/certifications/cpc" is no copied run of words.
WEB_ADDRESS = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?", flags=re.I)


def _words(text, names=()):
    """The words of ``text``, lower case, without web addresses, each of ``names`` counted as one word."""
    line = " " + " ".join(re.findall(r"[a-z0-9']+", WEB_ADDRESS.sub(" ", text).lower())) + " "
    for name in sorted(names, key=len, reverse=True):
        line = line.replace(" " + " ".join(_words(name)) + " ", " (name) ")
    return line.split()


def _runs(words, length):
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_no_run_of_seven_words_is_copied_from_the_seed_page():
    """Our words are our own: longer runs than an organization's name never match the original page."""
    if not SEED.is_file():
        pytest.skip(f"the seed page is not available at {SEED}")

    seed_runs = _runs(_words(SEED.read_text(encoding="utf-8")), 7)
    copied = set()
    for text in _guide_and_certification_text():
        copied |= _runs(_words(text), 7) & seed_runs
    assert not copied


def test_no_run_of_twelve_words_is_copied_from_the_certification_notes():
    """The notes the certification facts were gathered from are paraphrases of other sites: facts may carry over,
    sentences may not. Names of organizations and credentials (however long) count as one word."""
    if not CERTIFICATION_NOTES.is_file():
        pytest.skip(
            f"the certification notes are not available at {CERTIFICATION_NOTES}, so there is nothing to compare"
        )
    CertifyingBody = apps.get_model("certifications", "CertifyingBody")
    Certification = apps.get_model("certifications", "Certification")
    names = [
        *CertifyingBody.objects.values_list("name", flat=True),
        *Certification.objects.values_list("name", flat=True),
        "Commission on Accreditation for Health Informatics and Information Management Education",
    ]
    notes_runs = _runs(_words(CERTIFICATION_NOTES.read_text(encoding="utf-8"), names), 12)
    # The check catches what it is for: the RHIT eligibility as 0002 worded it repeated the notes.
    shipped = importlib.import_module("certifications.migrations.0002_ahima_aapc_ncra_credentials")
    rhit_2026 = next(c["eligibility"] for c in shipped.CERTIFICATIONS if c["slug"] == "rhit")
    assert _runs(_words(rhit_2026, names), 12) & notes_runs

    copied = {}
    for text in _guide_and_certification_text():
        runs = _runs(_words(text, names), 12) & notes_runs
        if runs:
            copied[text[:60]] = sorted(runs)
    assert not copied
