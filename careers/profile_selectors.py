"""Reads for an occupation's data profile: the same rows for the plain occupation page and for the data sections of
a staff-written guide (profile_presenter.OccupationProfile draws them).

A profile costs a fixed number of queries (eight, and one or two to find the occupation and its guide), whatever
the number of states, metros, programs and related occupations: each section is one query over all its rows
(tests/careers/test_occupation_pages.py asserts it).
"""

from django.db.models import Count, Max, OuterRef, Q, Subquery

from reference_data.models import (
    CipCode,
    EmploymentProjection,
    IndustryWage,
    Occupation,
    OccupationAlternateTitle,
    OccupationTask,
    WageEstimate,
)

from .models import Career
from .profile_presenter import AreaPay, AreaPayLink, OccupationProfile

ALL_OCCUPATIONS_SOC = "00-0000"
NATIONAL = WageEstimate.AreaType.NATIONAL
STATE = WageEstimate.AreaType.STATE
LOCAL_AREAS = (WageEstimate.AreaType.METRO, WageEstimate.AreaType.NONMETRO)
MAX_TASKS = 10
MAX_ALTERNATE_TITLES = 12
MAX_RELATED = 8


def healthcare_occupation(soc_code):
    """The healthcare occupation with this SOC code that has a page, or None (one query)."""
    return Occupation.objects.healthcare().filter(soc_code=soc_code).first()


def guide_for_occupation(occupation):
    """The published guide whose primary occupation this is (the first by name when two share it), or None (one
    query)."""
    return (
        Career.objects.published()
        .filter(career_occupations__occupation=occupation, career_occupations__is_primary=True)
        .only("slug", "short_name", "status")
        .order_by("short_name", "slug")
        .first()
    )


def tasks(occupation):
    return list(OccupationTask.objects.filter(occupation=occupation, is_core=True)[:MAX_TASKS])


def alternate_titles(occupation):
    return list(OccupationAlternateTitle.objects.filter(occupation=occupation)[:MAX_ALTERNATE_TITLES])


def _newest_period_rows(occupation, area_types):
    """The occupation's estimates of ``area_types``, each area type from its own newest period (one query)."""
    newest_period = (
        WageEstimate.objects.filter(occupation=OuterRef("occupation"), area_type=OuterRef("area_type"))
        .order_by("-period")
        .values("period")[:1]
    )
    rows = list(
        WageEstimate.objects.filter(occupation=occupation, area_type__in=area_types)
        .filter(period=Subquery(newest_period))
        .order_by("area_type", "area_name")
    )
    for row in rows:
        row.occupation = occupation  # spares a query if a template touches it
    return rows


def national_and_state_wages(occupation):
    """One query: the national estimate and every state estimate, each from its own newest period."""
    rows = _newest_period_rows(occupation, [NATIONAL, STATE])
    national = next((row for row in rows if row.area_type == NATIONAL and row.area_code == "99"), None)
    return national, [row for row in rows if row.area_type == STATE]


def local_wages(occupation):
    """One query: every metropolitan and nonmetropolitan estimate from the newest period, by area name. The
    newest period is one uncorrelated subquery (not one per row): Registered Nurses have ~530 areas."""
    newest = WageEstimate.objects.filter(occupation=occupation, area_type__in=LOCAL_AREAS).order_by("-period")
    rows = list(
        WageEstimate.objects.filter(occupation=occupation, area_type__in=LOCAL_AREAS)
        .filter(period=Subquery(newest.values("period")[:1]))
        .defer("source", "source_url", "hourly_mean", "annual_mean", "annual_p25", "annual_p75")
        .order_by("area_name")
    )
    for row in rows:
        row.occupation = occupation
    return rows


def projections(occupation):
    """One query: the occupation's newest projection and the all-occupations row for the same years, as
    (own, all occupations); either may be None."""
    rows = list(
        EmploymentProjection.objects.filter(Q(occupation=occupation) | Q(occupation__soc_code=ALL_OCCUPATIONS_SOC))
        .select_related("occupation")
        .order_by("-base_year", "-target_year")
    )
    own = next((row for row in rows if row.occupation_id == occupation.pk), None)
    if own is None:
        return None, None
    overall = next(
        (
            row
            for row in rows
            if row.occupation.soc_code == ALL_OCCUPATIONS_SOC
            and (row.base_year, row.target_year) == (own.base_year, own.target_year)
        ),
        None,
    )
    return own, overall


def programs(occupation):
    """The 6-digit CIP programs the official crosswalk says lead to the occupation (one query)."""
    return list(CipCode.objects.filter(digits=6, soc_links__occupation=occupation).order_by("title", "code"))


def related_occupations(occupation):
    """Other healthcare occupations with a page, those sharing the most crosswalk programs first, then those of
    the same SOC minor group (29-20 for 29-2072). One query."""
    shared = Count("cip_links", filter=Q(cip_links__cip__soc_links__occupation=occupation), distinct=True)
    return list(
        Occupation.objects.healthcare()
        .exclude(pk=occupation.pk)
        .annotate(shared_programs=shared)
        .filter(Q(shared_programs__gt=0) | Q(soc_code__startswith=occupation.soc_code[:5]))
        .order_by("-shared_programs", "soc_code")
        .only("soc_code", "title")[:MAX_RELATED]
    )


def newest_industry_wages(occupation, *, level=IndustryWage.Level.DIGITS_3):
    """One query: the occupation's industry estimates at ``level`` from the newest period loaded (at most a few
    dozen rows: BLS publishes about 90 3-digit industries)."""
    newest = IndustryWage.objects.filter(occupation=occupation).order_by("-period").values("period")[:1]
    return list(IndustryWage.objects.filter(occupation=occupation, level=level, period=Subquery(newest)))


def occupation_profile(occupation, *, guide=None):
    """Everything the occupation's data sections show (eight queries, see the module's docstring)."""
    return OccupationProfile.build(
        occupation,
        guide=guide,
        alternate_titles=alternate_titles(occupation),
        tasks=tasks(occupation),
        wages=national_and_state_wages(occupation),
        area_pay=area_pay_link(occupation),
        projections=projections(occupation),
        programs=programs(occupation),
        related=related_occupations(occupation),
        industries=newest_industry_wages(occupation),
    )


def area_pay_link(occupation):
    """How many metropolitan and nonmetropolitan areas have the occupation's pay in its newest period, and that
    period (one query, counted by the database), or None without any: all the profile's link says. It read every
    area's row for it before (about 530 for Registered Nurses)."""
    newest = WageEstimate.objects.filter(occupation=occupation, area_type__in=LOCAL_AREAS).order_by("-period")
    summary = (
        WageEstimate.objects.filter(occupation=occupation, area_type__in=LOCAL_AREAS)
        .filter(period=Subquery(newest.values("period")[:1]))
        .aggregate(area_count=Count("pk"), period=Max("period"))
    )
    return AreaPayLink(occupation=occupation, **summary) if summary["area_count"] else None


def area_pay(occupation):
    """The occupation's pay in each metropolitan and nonmetropolitan area (one query), or None without any."""
    wages = local_wages(occupation)
    return AreaPay(occupation=occupation, local_wages=wages) if wages else None
