"""Reads for the comparison: up to four schools with every health program, their distance from the searched ZIP
code, and the newest row of each judging dataset (school_page_selectors.SchoolFigures), read for all the schools at
once. A fixed number of queries whatever the number of schools or programs (tests/schools/test_compare.py)."""

from django.db.models import Prefetch

from .models import (
    Completion,
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    Institution,
    InstitutionCost,
    InstitutionOutcome,
    Program,
    ProgramOutcome,
)
from .school_page_selectors import HEALTH_CIP_FAMILY, SchoolFigures
from .selectors import ProgramCriteria, sort_award_levels, with_distance


def schools_for_comparison(unitids, criteria: ProgramCriteria, near=None) -> list:
    """Schools by UNITID in the order given, with ``distance_miles`` from ``near`` (a ZipCentroid) when given, and
    ``health_programs``: every health program with its completions in the newest year (``completions_in_year``,
    None where it reported none), in reading order. Two queries."""
    schools = Institution.objects.with_overrides().filter(unitid__in=unitids)
    if near is not None:
        schools = with_distance(schools, near.latitude, near.longitude)
    newest = {"year": criteria.year} if criteria.year is not None else {"pk__in": []}
    programs = (
        Program.objects.filter(cip__code__startswith=f"{HEALTH_CIP_FAMILY}.")
        .select_related("cip")
        .prefetch_related(Prefetch("completions", queryset=Completion.objects.filter(**newest)))
    )
    schools = schools.prefetch_related(Prefetch("programs", queryset=programs, to_attr="health_programs"))
    by_unitid = {school.unitid: school for school in schools}
    found = [by_unitid[unitid] for unitid in unitids if unitid in by_unitid]
    for school in found:
        school.health_programs = sort_award_levels(school.health_programs)
        for program in school.health_programs:
            totals = [completion.total for completion in program.completions.all()]
            program.completions_in_year = totals[0] if totals else None
    return found


def _newest_by_school(queryset, order):
    newest = {}
    for row in queryset.order_by("institution_id", order):
        newest.setdefault(row.institution_id, row)
    return newest


def figures_for_schools(schools) -> dict:
    """Institution id -> SchoolFigures, the same newest rows school_page_selectors.school_figures reads for one
    school, for all of ``schools`` in six queries."""
    ids = [school.pk for school in schools]
    costs = _newest_by_school(InstitutionCost.objects.filter(institution_id__in=ids), "-year")
    education = _newest_by_school(DistanceEducation.objects.filter(institution_id__in=ids), "-year")
    enrollment = _newest_by_school(DistanceEnrollment.objects.filter(institution_id__in=ids), "-fall_year")
    graduation = _newest_by_school(GraduationRate.objects.filter(institution_id__in=ids), "-cohort_year")
    outcomes = _newest_by_school(InstitutionOutcome.objects.filter(institution_id__in=ids), "-released_on")
    program_outcomes = {}
    rows = ProgramOutcome.objects.filter(institution_id__in=ids, cip_code__startswith=f"{HEALTH_CIP_FAMILY}.")
    for row in rows.order_by("institution_id", "-released_on", "cip_code", "credential_level"):
        kept = program_outcomes.setdefault(row.institution_id, [])
        # The newest release only, as on the school page.
        if not kept or kept[0].released_on == row.released_on:
            kept.append(row)
    return {
        pk: SchoolFigures(
            cost=costs.get(pk),
            distance_education=education.get(pk),
            distance_enrollment=enrollment.get(pk),
            graduation=graduation.get(pk),
            outcome=outcomes.get(pk),
            program_outcomes=program_outcomes.get(pk, []),
        )
        for pk in ids
    }
