"""Reads for the judging half of a school's page: cost, distance education, graduation, Scorecard outcomes, and the
pay of the careers its programs lead to, or of the crosswalk's occupations where no guide does (metro, state,
nation). A fixed number of queries whatever the number of
programs or outcomes (tests/schools/test_queries.py holds the page to that)."""

from dataclasses import dataclass, field

from django.db.models import Q

from careers.models import CareerOccupation
from reference_data.models import WageEstimate

from .models import (
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)

HEALTH_CIP_FAMILY = "51"


@dataclass
class SchoolFigures:
    """The newest row of each imported dataset for one school (None where it has none)."""

    cost: InstitutionCost | None = None
    distance_education: DistanceEducation | None = None
    distance_enrollment: DistanceEnrollment | None = None
    graduation: GraduationRate | None = None
    outcome: InstitutionOutcome | None = None
    program_outcomes: list = field(default_factory=list)


def _newest(queryset):
    return queryset.first()


def school_figures(institution) -> SchoolFigures:
    """Six queries: one per dataset (each table's ordering puts the newest year or release first)."""
    newest_release = (
        ProgramOutcome.objects.filter(institution=institution).order_by("-released_on").values("released_on")[:1]
    )
    return SchoolFigures(
        cost=_newest(InstitutionCost.objects.filter(institution=institution).order_by("-year")),
        distance_education=_newest(DistanceEducation.objects.filter(institution=institution).order_by("-year")),
        distance_enrollment=_newest(DistanceEnrollment.objects.filter(institution=institution).order_by("-fall_year")),
        graduation=_newest(GraduationRate.objects.filter(institution=institution).order_by("-cohort_year")),
        outcome=_newest(InstitutionOutcome.objects.filter(institution=institution).order_by("-released_on")),
        program_outcomes=list(
            ProgramOutcome.objects.filter(
                institution=institution,
                cip_code__startswith=f"{HEALTH_CIP_FAMILY}.",
                released_on__in=newest_release,
            ).order_by("cip_code", "credential_level")
        ),
    )


@dataclass
class AreaPay:
    """An occupation's OEWS median annual pay in the school's metro area, its state and the nation, from the newest
    period loaded. Any of them may be None (not published, or the school is outside a metro)."""

    occupation_title: str
    period_label: str = ""
    metro: WageEstimate | None = None
    state: WageEstimate | None = None
    national: WageEstimate | None = None


@dataclass
class PayNear:
    """``by_career``: career id -> its primary occupation's ``AreaPay``; ``by_occupation``: occupation id -> ``AreaPay``
    for the occupations asked for by themselves (the crosswalk's occupations without a guide)."""

    by_career: dict = field(default_factory=dict)
    by_occupation: dict = field(default_factory=dict)


def pay_near(institution, careers=(), occupations=()) -> PayNear:
    """The pay of the careers' primary occupations and of ``occupations`` in the school's metro area (OEWS MSA code =
    the school's CBSA), state and nation.

    Two queries whatever the number of careers and occupations (one when there are no careers, none when there is
    nothing to price): the careers' primary occupations, then every occupation's pay together. OEWS publishes
    metropolitan areas under their CBSA codes (checked against the data: each of the 390 metropolitan CBSA codes in
    HD2024 is an AREA code of the May 2025 MSA file).
    """
    primaries = _primary_occupations(careers)
    titles = {occupation.pk: occupation.title for occupation in occupations}
    titles.update(dict(primaries.values()))
    by_occupation = _area_pay(titles, institution)
    return PayNear(
        by_career={career_id: by_occupation[occupation_id] for career_id, (occupation_id, _) in primaries.items()},
        by_occupation=by_occupation,
    )


def _primary_occupations(careers) -> dict:
    """Career id -> (occupation id, title) of its primary occupation (its first by SOC code if none is marked)."""
    career_ids = {career.pk for career in careers}
    if not career_ids:
        return {}
    primaries = {}
    links = (
        CareerOccupation.objects.filter(career_id__in=career_ids)
        .order_by("career_id", "-is_primary", "occupation__soc_code")
        .values_list("career_id", "occupation_id", "occupation__title")
    )
    for career_id, occupation_id, title in links:
        primaries.setdefault(career_id, (occupation_id, title))
    return primaries


def _area_pay(titles, institution) -> dict:
    """Occupation id -> ``AreaPay`` for the occupations in ``titles`` (id -> title): one query."""
    if not titles:
        return {}
    area = WageEstimate.AreaType
    wanted = Q(area_type=area.NATIONAL) | Q(area_type=area.STATE, state=institution.state)
    if institution.cbsa:
        wanted |= Q(area_type=area.METRO, area_code=institution.cbsa)
    areas = WageEstimate.objects.filter(wanted, occupation_id__in=list(titles)).order_by()
    by_occupation = {}
    for estimate in areas:
        by_occupation.setdefault(estimate.occupation_id, []).append(estimate)
    result = {}
    for occupation_id, title in titles.items():
        estimates = by_occupation.get(occupation_id, [])
        pay = AreaPay(occupation_title=title)
        if estimates:
            newest = max(estimate.period for estimate in estimates)
            pay.period_label = newest.strftime("%B %Y")
            for estimate in estimates:
                if estimate.period == newest:
                    setattr(pay, {"metro": "metro", "state": "state", "national": "national"}[estimate.area_type],
                            estimate)  # fmt: skip
        result[occupation_id] = pay
    return result
