"""How current each official dataset is: what is loaded (from the data itself), who imported it and when (from
ImportRun), and whether a newer release is due. Read by the admin index page."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from reference_data.models import (
    CipCode,
    CipSocLink,
    EmploymentProjection,
    IndustryWage,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)
from schools.models import (
    Completion,
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    Institution,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)

from .models import ImportRun

OEWS_DUE_AFTER_MONTHS = 18
IPEDS_DUE_AFTER_MONTHS = 24


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 August + 6 months = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_older_than(day: datetime.date, months: int, today: datetime.date) -> bool:
    """Exact dates: 1 May 2025 is more than 18 months old from 2 November 2026, not on 1 November."""
    return add_months(day, months) < today


@dataclass
class DatasetFreshness:
    dataset: str
    label: str
    publisher: str
    rows: int
    row_label: str
    vintage: str = ""  # what the data itself says it is (the newest period loaded)
    last_run: ImportRun | None = None
    warnings: list[str] = field(default_factory=list)
    # Releases in imports/releases.toml newer than what is loaded (what `fetch_data --check` says).
    newer_releases: list[str] = field(default_factory=list)

    @property
    def is_empty(self):
        return self.rows == 0


def oews(today):
    figures = WageEstimate.objects.aggregate(rows=Count("pk"), newest=Max("period"))
    item = DatasetFreshness("oews", "Wages (OEWS)", "BLS", figures["rows"], "wage estimates")
    if figures["newest"]:
        newest = figures["newest"]
        item.vintage = newest.strftime("%B %Y")
        if is_older_than(newest, OEWS_DUE_AFTER_MONTHS, today):
            item.warnings.append(
                f"The newest wages loaded are for {item.vintage}, more than {OEWS_DUE_AFTER_MONTHS} months ago: BLS "
                "publishes each May's estimates the following spring, so a newer release is due. Import it when it "
                "is out."
            )
    return item


def oews_industries(today):
    """The industry estimates come out with the cross-industry ones each spring: the same "newer release due" rule."""
    figures = IndustryWage.objects.aggregate(rows=Count("pk"), newest=Max("period"))
    item = DatasetFreshness("oews-industries", "Wages by industry (OEWS)", "BLS", figures["rows"], "industry estimates")
    if figures["newest"]:
        newest = figures["newest"]
        item.vintage = newest.strftime("%B %Y")
        if is_older_than(newest, OEWS_DUE_AFTER_MONTHS, today):
            item.warnings.append(
                f"The newest wages by industry loaded are for {item.vintage}, more than {OEWS_DUE_AFTER_MONTHS} months "
                "ago: BLS publishes each May's industry estimates the following spring. Import the newer release."
            )
    return item


def _ipeds_due(item, data_year, what, today):
    # An IPEDS year is dated from 1 July of its survey year (the start of the HD year, the end of the award year).
    dated = datetime.date(data_year, 7, 1)
    if is_older_than(dated, IPEDS_DUE_AFTER_MONTHS, today):
        item.warnings.append(
            f"The {what} loaded is from {data_year}, more than two years old: NCES has likely released a newer "
            "year. Import it."
        )


def ipeds_hd(today):
    figures = Institution.objects.aggregate(rows=Count("pk"), newest=Max("survey_year"))
    item = DatasetFreshness("ipeds-hd", "Schools (IPEDS directory)", "NCES", figures["rows"], "institutions")
    if figures["newest"]:
        year = figures["newest"]
        item.vintage = f"HD{year} ({year}-{str(year + 1)[-2:]})"
        _ipeds_due(item, year, "school directory", today)
    return item


def ipeds_completions(today):
    figures = Completion.objects.aggregate(rows=Count("pk"), newest=Max("year"))
    item = DatasetFreshness(
        "ipeds-completions", "Programs and completions (IPEDS)", "NCES", figures["rows"], "completion counts"
    )
    if figures["newest"]:
        year = figures["newest"]
        item.vintage = f"{year - 1}-{str(year)[-2:]} awards"
        _ipeds_due(item, year, "completions data", today)
    return item


def projections(today):
    figures = EmploymentProjection.objects.aggregate(rows=Count("pk"), base=Max("base_year"))
    item = DatasetFreshness("projections", "Employment projections", "BLS", figures["rows"], "projections")
    if figures["base"]:
        target = EmploymentProjection.objects.filter(base_year=figures["base"]).aggregate(t=Max("target_year"))["t"]
        item.vintage = f"{figures['base']}-{str(target)[-2:]}"
    return item


def _by_year(dataset, label, publisher, model, row_label, year_field, describe):
    """A dataset whose rows carry a year (or release date): the newest one loaded, in words."""

    def build(today):
        figures = model.objects.aggregate(rows=Count("pk"), newest=Max(year_field))
        newest = figures["newest"]
        return DatasetFreshness(
            dataset, label, publisher, figures["rows"], row_label, vintage=describe(newest) if newest else ""
        )

    return build


def _academic_year(year):
    return f"{year}-{str(year + 1)[-2:]}"


def _scorecard_release(day):
    return f"College Scorecard, {day:%B %Y} release"


def _simple(dataset, label, publisher, model, row_label, vintage_field=None):
    def build(today):
        figures = model.objects.aggregate(rows=Count("pk"), **({"v": Max(vintage_field)} if vintage_field else {}))
        return DatasetFreshness(dataset, label, publisher, figures["rows"], row_label, vintage=figures.get("v") or "")

    return build


# The rules of the datasets that only count their rows; each importer names its rule (Importer.freshness).
cip = _simple("cip", "Program codes (CIP)", "NCES", CipCode, "CIP codes")
cip_soc = _simple("cip-soc", "CIP-SOC crosswalk", "NCES and BLS", CipSocLink, "links")
onet = _simple("onet", "Occupation descriptions (O*NET)", "U.S. Department of Labor", OccupationTask, "tasks")
zcta = _simple("zcta", "ZIP areas (Census Gazetteer)", "U.S. Census Bureau", ZipCentroid, "ZIP areas", "vintage")
ipeds_offerings = _by_year(
    "ipeds-offerings",
    "Distance education offered (IPEDS IC)",
    "NCES",
    DistanceEducation,
    "schools",
    "year",
    _academic_year,
)
ipeds_charges = _by_year(
    "ipeds-charges", "Tuition, fees and books (IPEDS IC_AY)", "NCES", InstitutionCost, "schools", "year", _academic_year
)
ipeds_distance_enrollment = _by_year(
    "ipeds-distance-enrollment",
    "Students studying online (IPEDS fall enrollment)",
    "NCES",
    DistanceEnrollment,
    "schools",
    "fall_year",
    lambda year: f"fall {year}",
)
ipeds_graduation = _by_year(
    "ipeds-graduation",
    "Graduation rates (IPEDS GR)",
    "NCES",
    GraduationRate,
    "schools",
    "cohort_year",
    lambda year: f"{year} entering cohort",
)
scorecard_institution = _by_year(
    "scorecard-institution",
    "Net price and completion (College Scorecard)",
    "U.S. Department of Education",
    InstitutionOutcome,
    "schools",
    "released_on",
    _scorecard_release,
)
scorecard_field_of_study = _by_year(
    "scorecard-field-of-study",
    "Graduates' earnings and debt (College Scorecard)",
    "U.S. Department of Education",
    ProgramOutcome,
    "programs",
    "released_on",
    _scorecard_release,
)


def data_freshness(*, today=None):
    """Every dataset: rows and vintage loaded, its latest successful import, and any "newer release due" warning."""
    from .registry import IMPORTERS  # the importers name their rules; imported late to keep this module a leaf

    today = today or timezone.localdate()
    items = [importer.freshness(today) for importer in IMPORTERS.values() if importer.freshness]
    latest = ImportRun.objects.filter(
        pk=Subquery(
            ImportRun.objects.filter(dataset=OuterRef("dataset"), outcome=ImportRun.Outcome.SUCCEEDED)
            .order_by("-finished_at", "-pk")
            .values("pk")[:1]
        )
    ).select_related("started_by")
    runs = {run.dataset: run for run in latest}
    # The importers name their freshness rules from this module, and the release check reads the importers.
    from .fetching.check import check_releases

    newer = {}
    for status in check_releases():
        if status.status == "newer":
            newer.setdefault(status.release.dataset, []).append(str(status.release))
    for item in items:
        item.last_run = runs.get(item.dataset)
        if not item.vintage and item.last_run is not None:
            item.vintage = item.last_run.vintage
        item.newer_releases = newer.get(item.dataset, [])
    return items


def freshness_panel(request):
    """The staff panel of the admin index (registered in imports/apps.py): the table above, and the links to
    import a file and to every run for those allowed."""
    context = {
        "freshness": data_freshness(),
        "can_run_imports": request.user.has_perm("imports.run_import"),
        "can_view_runs": request.user.has_perm("imports.view_importrun"),
    }
    return render_to_string("imports/includes/freshness_panel.html", context)
