"""The guide index as a list of every healthcare occupation: its rows, the filters and the orders.

``index_rows`` reads the rows in two queries (every occupation with its newest national median and projection,
and the all-occupations projection growth is compared with); filtering and sorting 92 rows happens here, in memory.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from reference_data.models import EmploymentProjection, Occupation, WageEstimate

from . import versions
from .entry_education import EntryEducation, at_most, entry_education
from .forms import Growth, Sort
from .models import Career, CareerOccupation
from .presenters import JobOutlook, is_top_coded
from .profile_selectors import ALL_OCCUPATIONS_SOC


@dataclass(frozen=True)
class IndexRow:
    soc_code: str
    title: str
    url: str  # the (first) staff-written guide's, or the data profile's
    guides: tuple  # a GuideLink for each published guide whose primary occupation this is, by name
    median_pay: int | None
    median_pay_top_coded: bool
    wage_period: date | None
    growth: Decimal | None
    openings: int | None  # jobs a year
    projection_period: str
    entry_education_bls: str
    entry_education: EntryEducation | None

    @property
    def entry_education_label(self):
        return self.entry_education.label if self.entry_education else ""


@dataclass(frozen=True)
class IndexData:
    rows: tuple[IndexRow, ...]
    all_occupations_growth: Decimal | None
    projection_period: str
    # Published guides no occupation row links to (no primary occupation, or one without a page): (name, url).
    other_guides: tuple = ()


@dataclass(frozen=True)
class GuideLink:
    name: str
    url: str
    summary: str


def guides_by_occupation(occupation_ids):
    """{occupation id: (GuideLink, ...)}: the published guides whose primary occupation each is, by name, with the
    text they were published with (one query; one more when a guide has unpublished edits). Two guides may share an
    occupation (cancer registrars and health information technicians)."""
    links = list(
        CareerOccupation.objects.filter(
            occupation_id__in=occupation_ids, is_primary=True, career__status=Career.Status.PUBLISHED
        )
        .select_related("career")
        .only(
            "occupation_id", "career__slug", "career__short_name", "career__title", "career__summary",
            "career__status", "career__published_at", "career__content_changed_at",
        )
    )  # fmt: skip
    versions.apply_published_text([link.career for link in links])
    guides = {}
    for link in sorted(links, key=lambda link: (link.career.short_name, link.career.slug)):
        career = link.career
        guides.setdefault(link.occupation_id, []).append(
            GuideLink(name=career.short_name, url=career.get_absolute_url(), summary=career.summary)
        )
    return {occupation_id: tuple(found) for occupation_id, found in guides.items()}


def _newest_by_occupation(rows):
    """The first row per occupation of rows ordered newest first."""
    newest = {}
    for row in rows:
        newest.setdefault(row.occupation_id, row)
    return newest


def index_rows() -> IndexData:
    """Every healthcare occupation with a page and the figures the index shows and filters by (five queries:
    the occupations, their guides, their national estimates, the projections with the all-occupations row, and
    the published guides, for those no occupation row links to)."""
    occupations = list(Occupation.objects.healthcare().only("soc_code", "title"))
    ids = [occupation.pk for occupation in occupations]
    guides = guides_by_occupation(ids)
    wages = _newest_by_occupation(
        WageEstimate.objects.filter(
            occupation_id__in=ids, area_type=WageEstimate.AreaType.NATIONAL, area_code="99"
        ).order_by("occupation_id", "-period")
    )
    projections = list(
        EmploymentProjection.objects.filter(Q(occupation_id__in=ids) | Q(occupation__soc_code=ALL_OCCUPATIONS_SOC))
        .select_related("occupation")
        .order_by("occupation_id", "-base_year", "-target_year")
    )
    overall = next((p for p in projections if p.occupation.soc_code == ALL_OCCUPATIONS_SOC), None)
    projections = _newest_by_occupation(projections)
    rows = []
    for occupation in occupations:
        wage, projection = wages.get(occupation.pk), projections.get(occupation.pk)
        own_guides = guides.get(occupation.pk, ())
        url = own_guides[0].url if own_guides else occupation.get_absolute_url()
        rows.append(
            IndexRow(
                soc_code=occupation.soc_code,
                title=occupation.title,
                url=url,
                guides=own_guides,
                median_pay=wage.annual_median if wage else None,
                median_pay_top_coded=bool(wage and is_top_coded(wage, "annual_median")),
                wage_period=wage.period if wage else None,
                growth=projection.change_percent if projection else None,
                openings=JobOutlook(projection=projection).annual_openings if projection else None,
                projection_period=projection.period_label if projection else "",
                entry_education_bls=projection.typical_entry_education if projection else "",
                entry_education=entry_education(projection.typical_entry_education) if projection else None,
            )
        )
    listed = {guide.url for row in rows for guide in row.guides}
    other_guides = tuple(
        (career.short_name, career.get_absolute_url())
        for career in versions.apply_published_text(
            list(
                Career.objects.published()
                .only("slug", "short_name", "title", "summary", "status", "published_at", "content_changed_at")
                .order_by("short_name", "slug")
            )
        )
        if career.get_absolute_url() not in listed
    )
    return IndexData(
        rows=tuple(rows),
        all_occupations_growth=overall.change_percent if overall else None,
        projection_period=overall.period_label if overall else "",
        other_guides=other_guides,
    )


def _matches(row, *, education, min_pay, growth, all_occupations_growth):
    if education and not at_most(row.entry_education, EntryEducation(education)):
        return False
    if min_pay is not None and (row.median_pay is None or row.median_pay < min_pay):
        return False
    if growth == Growth.GROWING and (row.growth is None or row.growth <= 0):
        return False
    if growth == Growth.FASTER:
        return row.growth is not None and all_occupations_growth is not None and row.growth > all_occupations_growth
    return True


# Missing figures sort last whatever the order.
SORT_KEYS = {
    Sort.NAME: lambda row: (row.title.lower(),),
    Sort.PAY: lambda row: (row.median_pay is None, -(row.median_pay or 0), row.title.lower()),
    Sort.GROWTH: lambda row: (row.growth is None, -(row.growth or 0), row.title.lower()),
    Sort.OPENINGS: lambda row: (row.openings is None, -(row.openings or 0), row.title.lower()),
}


def filtered_rows(data: IndexData, *, education="", min_pay=None, growth="", sort=Sort.NAME) -> list[IndexRow]:
    rows = [
        row
        for row in data.rows
        if _matches(
            row,
            education=education,
            min_pay=min_pay,
            growth=growth,
            all_occupations_growth=data.all_occupations_growth,
        )  # fmt: skip
    ]
    return sorted(rows, key=SORT_KEYS[Sort(sort)])
