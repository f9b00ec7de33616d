"""The bulk downloads (/data/): the site's joined tables as CSV, built from the database in one query each, streamed,
kept whole in the cache per content version (the machinery of Find a School's CSV: schools/exports.py), and limited
per client like that CSV (RATE_LIMITS["csv-export"]).

Each table writes every figure beside the source and period it comes from; a missing figure is an empty cell, never
0. The download page names each table's sources and their licences.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import F, OuterRef, Q, Subquery
from django.http import StreamingHttpResponse

from core import rate_limit
from core.page_cache import page_cache_key
from reference_data.models import EmploymentProjection, Occupation, WageEstimate
from schools.exports import RATE_LIMIT_SCOPE, Echo, from_the_cache, kept_when_complete
from schools.models import Institution, Program
from schools.outcome_models import GraduationRate, InstitutionCost, InstitutionOutcome
from schools.presenters import AWARD_LEVEL_LABELS, CONTROL_LABELS, LEVEL_LABELS, spreadsheet_safe
from schools.selectors import HEALTH_CIP_FAMILY, academic_year_label, newest_completions_year

from .figures import IPEDS_COMPLETIONS, OEWS, PROJECTIONS
from .reference import ALL_OCCUPATIONS_SOC

ROWS_PER_CHUNK = 500
ONET_CREDIT = (
    "This table includes information from the O*NET 27.0 Database by the U.S. Department of Labor, Employment and "
    "Training Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET is a trademark of USDOL/ETA. "
    "We have changed the information (selected and joined it); USDOL/ETA has not approved or endorsed it."
)
US_GOVERNMENT = "U.S. federal government data: public domain in the United States."


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    description: str
    sources: tuple[str, ...]
    licence: str
    columns: tuple[str, ...]


def _newest(model, order_by, **filters):
    return model.objects.filter(**filters).order_by(*order_by)


def occupation_rows():
    """SOC 2018 occupations with the newest national OEWS estimate and the newest projection (one query)."""
    national = _newest(WageEstimate, ["-period"], occupation=OuterRef("pk"), area_type=WageEstimate.AreaType.NATIONAL)
    projection = _newest(EmploymentProjection, ["-base_year", "-target_year"], occupation=OuterRef("pk"))
    wage_fields = ("period", "employment", "annual_mean", "annual_p10", "annual_p25", "annual_median",
                   "annual_p75", "annual_p90", "hourly_median")  # fmt: skip
    projection_fields = ("base_year", "target_year", "employment_base", "employment_target", "change_percent",
                         "annual_openings", "typical_entry_education")  # fmt: skip
    rows = (
        Occupation.objects.filter(in_current_soc=True)
        .exclude(soc_code=ALL_OCCUPATIONS_SOC)
        .annotate(**{f"wage_{name}": Subquery(national.values(name)[:1]) for name in wage_fields})
        .annotate(**{f"projection_{name}": Subquery(projection.values(name)[:1]) for name in projection_fields})
        .order_by("soc_code")
        .values(
            "soc_code",
            "title",
            "job_zone",
            "typical_education",
            "description",
            *(f"wage_{n}" for n in wage_fields),
            *(f"projection_{n}" for n in projection_fields),
        )  # fmt: skip
    )
    for row in rows.iterator(chunk_size=2000):
        period = row["wage_period"]
        base, target = row["projection_base_year"], row["projection_target_year"]
        yield [
            row["soc_code"], row["title"], row["soc_code"][:2], row["job_zone"], row["typical_education"],
            row["description"],
            row["wage_employment"], row["wage_annual_mean"], row["wage_annual_p10"], row["wage_annual_p25"],
            row["wage_annual_median"], row["wage_annual_p75"], row["wage_annual_p90"], row["wage_hourly_median"],
            period.strftime("%Y-%m") if period else "", OEWS if period else "",
            row["projection_employment_base"], row["projection_employment_target"],
            row["projection_change_percent"], row["projection_annual_openings"],
            row["projection_typical_entry_education"], f"{base}-{target}" if base else "", PROJECTIONS if base else "",
        ]  # fmt: skip


def program_rows():
    """Every health program (CIP family 51) a listed school reported in the newest completions year (one query)."""
    year = newest_completions_year()
    if year is None:
        return
    label = academic_year_label(year)
    rows = (
        Program.objects.filter(cip__code__startswith=f"{HEALTH_CIP_FAMILY}.", completions__year=year)
        .exclude(institution__override__hidden_from_search=True)
        .order_by("institution__unitid", "cip__code", "award_level")
        .values(
            "award_level",
            unitid=F("institution__unitid"),
            school=F("institution__name"),
            state=F("institution__state"),
            cip_code=F("cip__code"),
            cip_title=F("cip__title"),
            awards=F("completions__total"),
        )
    )
    for row in rows.iterator(chunk_size=2000):
        yield [
            row["unitid"], row["school"], row["state"], row["cip_code"], row["cip_title"].rstrip("."),
            row["award_level"], AWARD_LEVEL_LABELS.get(row["award_level"], row["award_level"]),
            row["awards"], label, IPEDS_COMPLETIONS,
        ]  # fmt: skip


def school_rows():
    """Listed schools with a health program, with their newest charges, net price, completion and graduation rates
    (one query; each dataset's newest row is a correlated subquery)."""
    cost = _newest(InstitutionCost, ["-year"], institution=OuterRef("pk"))
    outcome = _newest(InstitutionOutcome, ["-released_on"], institution=OuterRef("pk"))
    graduation = _newest(GraduationRate, ["-cohort_year"], institution=OuterRef("pk"))
    health = Program.objects.filter(institution=OuterRef("pk"), cip__code__startswith=f"{HEALTH_CIP_FAMILY}.")
    rows = (
        Institution.objects.listed()
        .with_overrides()
        .filter(Q(pk__in=health.values("institution")))
        .annotate(
            cost_year=Subquery(cost.values("year")[:1]),
            tuition_in_state=Subquery(cost.values("tuition_in_state")[:1]),
            tuition_out_of_state=Subquery(cost.values("tuition_out_of_state")[:1]),
            books_supplies=Subquery(cost.values("books_supplies")[:1]),
            outcome_released=Subquery(outcome.values("released_on")[:1]),
            net_price_average=Subquery(outcome.values("net_price_average")[:1]),
            completion_rate=Subquery(outcome.values("completion_rate")[:1]),
            cohort_year=Subquery(graduation.values("cohort_year")[:1]),
            graduation_6_years=Subquery(graduation.values("awarded_in_6_years")[:1]),
        )
        .order_by("unitid")
        .values(
            "unitid",
            "shown_name",
            "city",
            "state",
            "zip_code",
            "control",
            "level",
            "shown_web_address",
            "latitude",
            "longitude",
            "is_active",
            "closed_on",
            "cost_year",
            "tuition_in_state",
            "tuition_out_of_state",
            "books_supplies",
            "outcome_released",
            "net_price_average",
            "completion_rate",
            "cohort_year",
            "graduation_6_years",
        )  # fmt: skip
    )
    for row in rows.iterator(chunk_size=2000):
        cost_year, released, cohort = row["cost_year"], row["outcome_released"], row["cohort_year"]
        rate = row["completion_rate"]
        yield [
            row["unitid"], row["shown_name"], row["city"], row["state"], row["zip_code"],
            CONTROL_LABELS.get(row["control"], row["control"]), LEVEL_LABELS.get(row["level"], row["level"]),
            row["shown_web_address"], row["latitude"], row["longitude"],
            "no" if (row["closed_on"] or not row["is_active"]) else "yes",
            row["tuition_in_state"], row["tuition_out_of_state"], row["books_supplies"],
            f"{cost_year}-{str(cost_year + 1)[-2:]}" if cost_year else "",
            row["net_price_average"], round(rate, 4) if rate is not None else "",
            f"{released:%Y-%m-%d}" if released else "",
            row["graduation_6_years"], cohort or "",
        ]  # fmt: skip


TABLES = {
    table.slug: (table, rows)
    for table, rows in (
        (
            Table(
                "occupations",
                "Occupations with national pay and projections",
                "One row per SOC 2018 occupation: the O*NET description, the newest national OEWS estimates "
                "(annual percentiles, mean, hourly median) and the newest ten-year BLS projection.",
                (
                    "BLS Occupational Employment and Wage Statistics (OEWS), national estimates",
                    "BLS Employment Projections",
                    "O*NET 27.0 Database (descriptions, job zone)",
                ),  # fmt: skip
                f"BLS figures: {US_GOVERNMENT} {ONET_CREDIT}",
                (
                    "soc_code",
                    "title",
                    "major_group",
                    "job_zone",
                    "typical_education",
                    "description",
                    "national_employment",
                    "national_annual_mean",
                    "national_annual_p10",
                    "national_annual_p25",
                    "national_annual_median",
                    "national_annual_p75",
                    "national_annual_p90",
                    "national_hourly_median",
                    "wage_period",
                    "wage_source",
                    "projected_employment_base_thousands",
                    "projected_employment_target_thousands",
                    "projected_change_percent",
                    "projected_annual_openings_thousands",
                    "typical_entry_education",
                    "projection_period",
                    "projection_source",
                ),  # fmt: skip
            ),
            occupation_rows,
        ),
        (
            Table(
                "programs",
                "Health programs by school",
                "One row per school, health program (CIP 2020 family 51) and award level that reported awards in "
                "the newest IPEDS completions year, with the number of awards.",
                (
                    "NCES IPEDS Completions (C_A)",
                    "NCES IPEDS institutional directory (HD)",
                    "NCES Classification of Instructional Programs (CIP 2020)",
                ),  # fmt: skip
                US_GOVERNMENT,
                (
                    "unitid",
                    "school",
                    "state",
                    "cip_code",
                    "cip_title",
                    "award_level",
                    "award",
                    "completions",
                    "completions_year",
                    "completions_source",
                ),  # fmt: skip
            ),
            program_rows,
        ),
        (
            Table(
                "schools",
                "Schools with cost and outcomes",
                "One row per school with a health program: directory details, the newest published tuition and "
                "fees, the College Scorecard's average net price and completion rate, and the IPEDS six-year "
                "graduation rate, each with its year.",
                (
                    "NCES IPEDS institutional directory (HD)",
                    "NCES IPEDS student charges (IC_AY)",
                    "U.S. Department of Education College Scorecard",
                    "NCES IPEDS Graduation Rates (GR)",
                ),  # fmt: skip
                US_GOVERNMENT,
                (
                    "unitid",
                    "name",
                    "city",
                    "state",
                    "zip_code",
                    "control",
                    "level",
                    "web_address",
                    "latitude",
                    "longitude",
                    "open",
                    "tuition_in_state",
                    "tuition_out_of_state",
                    "books_supplies",
                    "charges_academic_year",
                    "net_price_average",
                    "completion_rate_150_percent",
                    "scorecard_release",
                    "graduation_rate_6_years_percent",
                    "graduation_cohort_year",
                ),  # fmt: skip
            ),
            school_rows,
        ),
    )
}


def cell(value):
    """Text made safe for spreadsheets (schools.presenters.spreadsheet_safe); numbers as they are (a longitude's
    minus sign is not a formula); a missing figure as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_safe(value)
    if isinstance(value, Decimal):  # SQLite hands subquery decimals back with 13 places: BLS publishes 2 at most
        return (
            f"{value.normalize():f}"
            if value == value.to_integral()
            else f"{value.quantize(Decimal('0.01')):f}".rstrip("0")
        )
    return value


def csv_chunks(columns, records):
    writer = csv.writer(Echo())
    chunk = [writer.writerow(columns)]
    for record in records:
        chunk.append(writer.writerow([cell(value) for value in record]))
        if len(chunk) >= ROWS_PER_CHUNK:
            yield "".join(chunk).encode()
            chunk = []
    yield "".join(chunk).encode()


def table_response(request, slug):
    """The CSV of table ``slug`` (the caller checked it exists), or a 429 for a client over its limit."""
    verdict = rate_limit.check(request, RATE_LIMIT_SCOPE)
    if not verdict.allowed:
        return rate_limit.too_many_requests(verdict, what="downloads")
    table, rows = TABLES[slug]
    key = page_cache_key(request, "data:csv", slug)
    kept = cache.get(key)
    chunks = from_the_cache(kept) if kept is not None else kept_when_complete(csv_chunks(table.columns, rows()), key)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    return response
