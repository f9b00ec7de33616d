"""Reads for the career guide pages. Each page runs a fixed number of queries, however much content it has."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery

from reference_data.models import EmploymentProjection, IndustryWage, Occupation, OccupationTask, WageEstimate

from .industries import IndustrySection, industry_section
from .models import Career, CareerCertification, CareerOccupation, RelatedCareer, Specialization
from .pay_map import PayMap, pay_map
from .presenters import JobOutlook, WageChart

ALL_OCCUPATIONS_SOC = "00-0000"
NATIONAL = WageEstimate.AreaType.NATIONAL
STATE = WageEstimate.AreaType.STATE
# O*NET asks every page that shows its text to credit it in these words (CC BY 4.0).
ONET_ATTRIBUTION = "O*NET 27.0 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0"
MAX_TASKS = 10


def _primary_occupation_figures(model, order_by, **filters):
    """Rows of ``model`` for the guide's primary occupation (the outer Career), newest first."""
    return model.objects.filter(
        occupation__career_links__career=OuterRef("pk"), occupation__career_links__is_primary=True, **filters
    ).order_by(*order_by)


def published_careers_with_figures():
    """Every published guide with its primary occupation's newest national median wage and projected growth.

    One query: the figures are correlated subqueries, not a query per guide.
    """
    national = _primary_occupation_figures(WageEstimate, ["-period"], area_type=NATIONAL)
    projection = _primary_occupation_figures(EmploymentProjection, ["-base_year", "-target_year"])
    return (
        Career.objects.published()
        # Publication dates too: a guide with unpublished edits is listed with its published text.
        .only("slug", "short_name", "title", "summary", "status", "published_at", "content_changed_at")
        .annotate(
            national_median=Subquery(national.values("annual_median")[:1]),
            wage_period=Subquery(national.values("period")[:1]),
            growth_percent=Subquery(projection.values("change_percent")[:1]),
            growth_base_year=Subquery(projection.values("base_year")[:1]),
            growth_target_year=Subquery(projection.values("target_year")[:1]),
        )
    )


def published_guide_cards():
    """The published guides as the home page lists them: name, summary and address (one query)."""
    return Career.objects.published().only(
        "slug", "short_name", "summary", "status", "published_at", "content_changed_at"
    )


def career_for_page(slug, *, include_drafts=False):
    """The guide at ``slug`` with every section's rows prefetched, or None if it is not visible."""
    careers = Career.objects.all() if include_drafts else Career.objects.published()
    if include_drafts:
        # Staff see who published and reviewed the guide.
        careers = careers.select_related("published_by", "last_reviewed_by")
    careers = careers.prefetch_related(
        "steps",
        "sources",
        Prefetch("specializations", queryset=Specialization.objects.select_related("related_career", "certification")),
        Prefetch("related_careers", queryset=RelatedCareer.objects.select_related("target")),
        Prefetch(
            "career_certifications",
            queryset=CareerCertification.objects.select_related("certification__body"),
        ),
        Prefetch("career_occupations", queryset=CareerOccupation.objects.select_related("occupation")),
    )
    return careers.filter(slug=slug).first()


@dataclass(frozen=True)
class LinkedItem:
    """A related career or specialization, linked only when its guide is visible to this reader."""

    title: str
    description: str
    url: str | None = None
    certification: object = None


@dataclass
class CareerPage:
    career: Career
    is_preview: bool
    occupation: Occupation | None
    other_occupations: list
    steps: list
    certifications: list
    specializations: list[LinkedItem]
    related_careers: list[LinkedItem]
    associations: list
    sources: list
    tasks: list = field(default_factory=list)
    onet_attribution: str = ""
    national_wage: WageEstimate | None = None
    state_wages: list = field(default_factory=list)
    wage_chart: WageChart | None = None
    outlook: JobOutlook | None = None
    pay_map: PayMap | None = None
    industries: IndustrySection | None = None

    @property
    def state_wage_period_label(self):
        return self.state_wages[0].period_label if self.state_wages else ""


def _visible_url(career, *, include_drafts):
    if career is None or not (career.is_published or include_drafts):
        return None
    return career.get_absolute_url()


def _newest_national_and_state_wages(occupation):
    """One query: the national estimate and every state estimate, each from its own newest period."""
    newest_period = (
        WageEstimate.objects.filter(occupation=OuterRef("occupation"), area_type=OuterRef("area_type"))
        .order_by("-period")
        .values("period")[:1]
    )
    rows = list(
        WageEstimate.objects.filter(occupation=occupation, area_type__in=[NATIONAL, STATE])
        .filter(period=Subquery(newest_period))
        .order_by("area_type", "area_name")
    )
    national = next((row for row in rows if row.area_type == NATIONAL and row.area_code == "99"), None)
    states = [row for row in rows if row.area_type == STATE]
    for row in rows:
        row.occupation = occupation  # spares a query if a template touches it
    return national, states


def _outlook(occupation):
    """One query: the occupation's newest projection and the all-occupations row for the same years."""
    rows = list(
        EmploymentProjection.objects.filter(Q(occupation=occupation) | Q(occupation__soc_code=ALL_OCCUPATIONS_SOC))
        .select_related("occupation")
        .order_by("-base_year", "-target_year")
    )
    own = next((row for row in rows if row.occupation_id == occupation.pk), None)
    if own is None:
        return None
    overall = next(
        (
            row
            for row in rows
            if row.occupation.soc_code == ALL_OCCUPATIONS_SOC
            and (row.base_year, row.target_year) == (own.base_year, own.target_year)
        ),
        None,
    )
    return JobOutlook(projection=own, all_occupations=overall)


def newest_industry_wages(occupation, *, level=IndustryWage.Level.DIGITS_3):
    """One query: the occupation's industry estimates at ``level`` from the newest period loaded (at most a few
    dozen rows: BLS publishes about 90 3-digit industries)."""
    newest = IndustryWage.objects.filter(occupation=occupation).order_by("-period").values("period")[:1]
    return list(IndustryWage.objects.filter(occupation=occupation, level=level, period=Subquery(newest)))


def career_page(career, *, include_drafts=False):
    """Everything the guide page shows. ``career`` comes from career_for_page (its sections are prefetched)."""
    links = list(career.career_occupations.all())
    primary = next((link.occupation for link in links if link.is_primary), None)
    page = CareerPage(
        career=career,
        is_preview=not career.is_published or (include_drafts and career.has_unpublished_changes),
        occupation=primary,
        other_occupations=[link.occupation for link in links if not link.is_primary],
        steps=list(career.steps.all()),
        certifications=list(career.career_certifications.all()),
        specializations=[
            LinkedItem(
                title=spec.name,
                description=spec.description,
                url=_visible_url(spec.related_career, include_drafts=include_drafts),
                certification=spec.certification,
            )
            for spec in career.specializations.all()
        ],
        related_careers=[
            LinkedItem(
                title=related.title,
                description=related.description,
                url=_visible_url(related.target, include_drafts=include_drafts),
            )
            for related in career.related_careers.all()
        ],
        associations=[s for s in career.sources.all() if s.kind == s.Kind.ASSOCIATION],
        sources=[s for s in career.sources.all() if s.kind == s.Kind.SOURCE],
    )
    if primary is None:
        return page

    page.tasks = list(OccupationTask.objects.filter(occupation=primary, is_core=True)[:MAX_TASKS])
    if primary.description or page.tasks:
        page.onet_attribution = primary.description_source or ONET_ATTRIBUTION
    page.national_wage, page.state_wages = _newest_national_and_state_wages(primary)
    if page.national_wage is not None:
        page.wage_chart = WageChart.for_estimate(page.national_wage)
    page.outlook = _outlook(primary)
    if page.state_wages:
        page.pay_map = pay_map(page.state_wages, period_label=page.state_wage_period_label)
    page.industries = industry_section(newest_industry_wages(primary))
    return page
