"""The guides, starting figures and links a new site gets from content/ through sync_content: what a visitor sees
first. The words themselves are checked straight from the files (no run of words copied from the seed page or the
certification notes)."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from careers.models import Career
from reference_data.models import EmploymentProjection, Occupation, WageEstimate
from schools.models import CareerProgram

GUIDES = {
    "medical-biller-and-coder": ("Medical Biller and Coder Careers", "29-2072"),
    "medical-transcriptionist": ("Medical Transcriptionist Careers", "31-9094"),
    "medical-assistant": ("Medical Assistant Careers", "31-9092"),
    "cancer-registrar": ("Cancer Registrar Careers", "29-9021"),
    "health-information-technician": ("Health Information Technician Careers", "29-9021"),
}
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "medical-biller-coder-careers.txt"
CERTIFICATION_NOTES = Path(__file__).resolve().parents[3] / "shared" / "data" / "notes" / "certification-facts.md"
MAY_2025 = datetime.date(2025, 5, 1)


@pytest.mark.django_db
def test_five_guides_are_published_with_their_title_and_primary_occupation(shipped_content):
    careers = {career.slug: career for career in Career.objects.prefetch_related("career_occupations__occupation")}
    assert set(careers) == set(GUIDES)
    for slug, (title, soc) in GUIDES.items():
        career = careers[slug]
        assert career.title == title
        assert career.is_published and career.published_at is not None and not career.has_unpublished_changes
        primary = [link.occupation.soc_code for link in career.career_occupations.all() if link.is_primary]
        assert primary == [soc], slug
        for field in ("summary", "what_they_do", "where_they_work", "how_to_begin_intro", "post_education_intro"):
            assert getattr(career, field).strip(), (slug, field)
        assert career.steps.count() >= 6, slug
        assert career.sources.count() >= 3, slug
        # Each guide and each of its parts starts with a version, so the first edit can be compared and undone.
        assert career.history.get().history_change_reason == "sync_content: shipped content added"
        assert career.steps.first().history.get().history_type == "+"


@pytest.mark.django_db
def test_medical_biller_and_coder_has_every_part_of_the_original_page(shipped_content):
    career = Career.objects.get(slug="medical-biller-and-coder")
    assert career.short_name == "Medical Biller and Coder"
    assert career.what_they_do.count("\n\n") == 2  # three paragraphs, as shipped
    assert career.certification_renewal_note
    certifications = list(career.career_certifications.values_list("certification__acronym", flat=True))
    assert certifications == ["RHIT", "CCA", "CCS", "CCS-P", "CPC", "COC"]
    cancer_registry = career.specializations.get(name="Cancer registry")
    assert cancer_registry.certification.acronym == "CTR"
    assert cancer_registry.related_career.slug == "cancer-registrar"
    related = {r.title: r.target.slug for r in career.related_careers.select_related("target")}
    assert related["Medical Transcriptionist"] == "medical-transcriptionist"
    assert related["Medical Assistant"] == "medical-assistant"
    urls = list(career.sources.values_list("url", flat=True))
    assert urls[:3] == ["https://www.aapc.com/", "https://www.ahima.org/", "https://www.ncra-usa.org/"]
    assert "https://www.bls.gov/oes/current/oes292072.htm" in urls
    text = " ".join([career.job_outlook_narrative, career.pay_narrative])
    assert "2012" not in text and "$" not in text  # the numbers come from the BLS rows, not the words


@pytest.mark.django_db
def test_billing_programs_are_added_to_the_biller_and_coder_search(shipped_content):
    choice = CareerProgram.objects.select_related("cip").get(
        career__slug="medical-biller-and-coder", cip__code="51.0714"
    )
    assert choice.action == CareerProgram.Action.INCLUDE
    assert (choice.cip.code, choice.cip.title) == ("51.0714", "Medical Insurance Specialist/Medical Biller.")


# What each guide names as its own programs (content/careers/*.yaml, with the reasons there), and at which credentials.
UNDER_A_BACHELORS = ["certificate-short", "certificate-long", "associate"]
CAREER_PROGRAMS = {
    "cancer-registrar": {"51.0721": []},
    "health-information-technician": {"51.0706": ["associate", "bachelor"], "51.0707": ["associate", "bachelor"]},
    "medical-assistant": {"51.0711": UNDER_A_BACHELORS, "51.0801": UNDER_A_BACHELORS},
    "medical-biller-and-coder": {"51.0713": UNDER_A_BACHELORS, "51.0714": UNDER_A_BACHELORS},
    "medical-transcriptionist": {"51.0708": UNDER_A_BACHELORS},
}


@pytest.mark.django_db
def test_every_guide_names_its_own_programs_with_a_reason(shipped_content):
    found = {}
    for choice in CareerProgram.objects.select_related("career", "cip"):
        assert choice.action == CareerProgram.Action.INCLUDE
        assert choice.note.startswith("CIP 2020"), choice  # the reason: the official definition
        found.setdefault(choice.career.slug, {})[choice.cip.code] = choice.credentials
    assert found == CAREER_PROGRAMS
    # No two careers search the same programs: the registrar's list is not the technician's.
    assert found["cancer-registrar"].keys().isdisjoint(found["health-information-technician"])


@pytest.mark.django_db
def test_starting_figures_name_their_source_and_vintage(shipped_content):
    wage = WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="national", area_code="99")
    assert wage.period == MAY_2025 and wage.period_label == "May 2025"
    assert (wage.annual_median, wage.annual_p10, wage.annual_p90, wage.employment) == (51_140, 37_000, 81_150, 194_720)
    assert wage.hourly_median == Decimal("24.59") and wage.hourly_mean == Decimal("27.30")
    assert wage.source == "BLS Occupational Employment and Wage Statistics"
    assert wage.source_url == "https://www.bls.gov/oes/2025/may/oes292072.htm"
    projection = EmploymentProjection.objects.get(occupation__soc_code="31-9094")
    assert projection.period_label == "2024-34"
    assert (projection.change_percent, projection.annual_openings) == (Decimal("-4.9"), Decimal("7.4"))
    assert projection.source == "BLS Employment Projections"
    assert EmploymentProjection.objects.get(occupation__soc_code="00-0000").change_percent == Decimal("3.1")
    assert Occupation.objects.get(soc_code="00-0000").title == "All Occupations"
    assert WageEstimate.objects.count() == EmploymentProjection.objects.count() == Occupation.objects.count() == 5


@pytest.mark.realdata
def test_starting_figures_agree_with_the_workbooks(shared_data_dir):
    """Re-read the official workbooks and compare every figure content/starting-figures.yaml ships."""
    openpyxl = pytest.importorskip("openpyxl")
    figures = yaml.safe_load((settings.CONTENT_DIR / "starting-figures.yaml").read_text(encoding="utf-8"))
    wages = {row["occupation"]: row for row in figures["wage_estimates"]}
    book = openpyxl.load_workbook(shared_data_dir / "bls" / "national_M2025_dl.xlsx", read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows)
    seen = set()
    for row in rows:
        record = dict(zip(header, row, strict=False))
        wage = wages.get(record["OCC_CODE"])
        if wage is None or record["AREA"] not in ("99", 99):
            continue
        seen.add(record["OCC_CODE"])
        assert wage["employment"] == record["TOT_EMP"]
        for ours, theirs in [
            ("annual_mean", "A_MEAN"),
            ("annual_p10", "A_PCT10"),
            ("annual_p25", "A_PCT25"),
            ("annual_median", "A_MEDIAN"),
            ("annual_p75", "A_PCT75"),
            ("annual_p90", "A_PCT90"),
        ]:
            assert wage[ours] == record[theirs], (record["OCC_CODE"], ours)  # fmt: skip
        assert Decimal(wage["hourly_median"]) == Decimal(str(record["H_MEDIAN"])).quantize(Decimal("0.01"))
        assert Decimal(wage["hourly_mean"]) == Decimal(str(record["H_MEAN"])).quantize(Decimal("0.01"))
    assert seen == set(wages)

    projections = {row["occupation"]: row for row in figures["projections"]}
    book = openpyxl.load_workbook(shared_data_dir / "bls" / "occupation_2024-2034.xlsx", read_only=True)
    seen = set()
    for row in book["Table 1.2"].iter_rows(values_only=True):
        projection = projections.get(row[1])
        if projection is None or row[1] in seen:
            continue
        seen.add(row[1])
        assert Decimal(projection["employment_base"]) == Decimal(str(row[3]))
        assert Decimal(projection["employment_target"]) == Decimal(str(row[4]))
        assert Decimal(projection["change_numeric"]) == Decimal(str(row[7]))
        assert Decimal(projection["change_percent"]) == Decimal(str(row[8]))
        assert Decimal(projection["annual_openings"]) == Decimal(str(row[10]))
        assert projection["median_annual_wage"] == row[11]
    assert seen == set(projections)


# The prose of content/: every text value but addresses, codes and the names of what a text points to.
NOT_PROSE = {"slug", "url", "official_url", "kind", "body", "acronym", "certification", "related_career", "guide",
             "occupation", "occupations", "cip", "action", "covers", "qualifying_programs", "qualifying_award",
             "page_date", "publisher", "organization", "soc_code", "code", "area_type", "area_code", "area_name",
             "source", "source_url"}  # fmt: skip


def _prose(value, name=""):
    if name in NOT_PROSE:
        return []
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in _prose(item, key)]
    if isinstance(value, list):
        return [text for item in value for text in _prose(item, name)]
    return [value] if isinstance(value, str) and value else []


def _content_files():
    return {
        path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(settings.CONTENT_DIR.rglob("*.yaml"))
    }


def _shipped_prose():
    return [text for data in _content_files().values() for text in _prose(data)]


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


def test_the_prose_check_reads_every_guide_and_certification_file():
    prose = _shipped_prose()
    files = _content_files()
    assert len([path for path in files if path.parent.name == "careers"]) == 5
    assert len([path for path in files if path.parent.name == "certifications"]) == 9  # eight and the bodies
    # Guide text, steps, certification facts and source descriptions are all in what the checks below read.
    assert any(text.startswith("Before a hospital or doctor's office can be paid") for text in prose)
    assert any(text.startswith("Complete a billing and coding program") for text in prose)
    assert any("the exam fee and pass mark" in text or "pass mark" in text for text in prose)
    assert any(text.startswith("the eligibility paths A1, A2 and B") for text in prose)


def test_no_run_of_seven_words_is_copied_from_the_seed_page():
    """Our words are our own: longer runs than an organization's name never match the original page."""
    if not SEED.is_file():
        pytest.skip(f"the seed page is not available at {SEED}")
    seed_runs = _runs(_words(SEED.read_text(encoding="utf-8")), 7)
    copied = {text[:60]: sorted(_runs(_words(text), 7) & seed_runs) for text in _shipped_prose()}
    assert not {text: runs for text, runs in copied.items() if runs}


def test_no_run_of_twelve_words_is_copied_from_the_certification_notes():
    """The notes the certification facts were gathered from are paraphrases of other sites: facts may carry over,
    sentences may not. Names of organizations and credentials (however long) count as one word."""
    if not CERTIFICATION_NOTES.is_file():
        pytest.skip(f"the certification notes are not available at {CERTIFICATION_NOTES}: nothing to compare")
    files = _content_files()
    bodies = files[settings.CONTENT_DIR / "certifications" / "bodies.yaml"]["bodies"]
    names = [
        *(body["name"] for body in bodies),
        *(data["name"] for path, data in files.items() if path.parent.name == "certifications" and "name" in data),
        "Commission on Accreditation for Health Informatics and Information Management Education",
    ]
    notes = CERTIFICATION_NOTES.read_text(encoding="utf-8")
    notes_runs = _runs(_words(notes, names), 12)
    # The check catches what it is for: a sentence lifted from the notes into a text is found.
    lifted = next(line for line in notes.splitlines() if len(_words(line, names)) >= 14)
    assert _runs(_words(f"Our own opening words, then {lifted}", names), 12) & notes_runs

    copied = {}
    for text in _shipped_prose():
        runs = _runs(_words(text, names), 12) & notes_runs
        if runs:
            copied[text[:60]] = sorted(runs)
    assert not copied
