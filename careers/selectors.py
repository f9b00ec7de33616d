"""Reads for the career guide pages. Each page runs a fixed number of queries, however much content it has."""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery

from reference_data.models import EmploymentProjection, Occupation, WageEstimate

from . import profile_selectors
from .models import Career, CareerCertification, CareerOccupation, RelatedCareer, Specialization
from .profile_presenter import OccupationProfile

NATIONAL = WageEstimate.AreaType.NATIONAL


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
    # The primary occupation's data sections, drawn by the same code as a plain occupation page.
    profile: OccupationProfile | None = None


def _visible_url(career, *, include_drafts):
    if career is None or not (career.is_published or include_drafts):
        return None
    return career.get_absolute_url()


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
    if primary is not None:
        page.profile = profile_selectors.occupation_profile(primary, guide=career)
    return page
