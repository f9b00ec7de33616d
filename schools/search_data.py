"""The reference data every Find a School search is built from, read once per content version.

Each search needs the same few things before it can touch a school: the published careers and health programs its
form offers, the CIP codes a career covers (crosswalk plus staff choices), the newest completions year and the
career's OEWS pay. They change only when staff publish or edit a guide or a career's programs, or when a file is
imported, which is exactly what the content version tracks (core/page_cache.py). So each worker process reads them
once per version and keeps them in memory (page_cache.memoized_for_content): on national data that was about a
third of a search's time and five of its queries.

What this module hands out is shared by every request in the process: read it, never change it.
"""

from dataclasses import dataclass
from functools import partial

from django.db import DatabaseError

from careers.models import Career
from core.page_cache import memoized_for_content

from . import selectors
from .search_index import search_index


@dataclass(frozen=True)
class SearchOptions:
    """What the form's career and program boxes offer, and the object each option stands for."""

    careers: dict  # slug -> Career (only pk, slug and short_name loaded), then SOC code -> OccupationCareer
    programs: dict  # CIP code -> CipCode, by title
    career_choices: tuple  # (group label, ((value, label), ...)) for the <select>: the guides, then occupations
    program_choices: tuple  # (code, label)


def _read_search_options():
    careers = Career.objects.published().only("pk", "slug", "short_name").order_by("short_name", "slug")
    programs = selectors.health_programs().order_by("title", "code").only("pk", "code", "title", "digits")
    guides = {career.slug: career for career in careers}
    occupations = {occupation.soc_code: occupation for occupation in selectors.occupation_careers()}
    programs = {cip.code: cip for cip in programs}
    return SearchOptions(
        careers={**guides, **occupations},
        programs=programs,
        career_choices=(
            ("Our career guides", tuple((slug, career.short_name) for slug, career in guides.items())),
            ("Every healthcare occupation", tuple((code, o.short_name) for code, o in occupations.items())),
        ),
        program_choices=tuple((code, f"{cip.plain_title} ({code})") for code, cip in programs.items()),
    )


def search_options(request=None) -> SearchOptions:
    return memoized_for_content("search-options", build=_read_search_options, request=request)


@dataclass(frozen=True)
class CriteriaInputs:
    year: int | None
    cip_ids: tuple[int, ...]
    levels: tuple = ()
    related: tuple = ()


def _read_criteria_inputs(career, cip):
    criteria = selectors.ProgramCriteria.build(career=career, cip=cip)
    return CriteriaInputs(
        year=criteria.year, cip_ids=criteria.cip_ids, levels=criteria.levels, related=criteria.related
    )


def program_criteria(*, career=None, cip=None, award_levels=(), request=None) -> selectors.ProgramCriteria:
    """selectors.ProgramCriteria.build, with the newest year and the career's CIP codes read once per version."""
    inputs = memoized_for_content(
        "criteria",
        career.pk if career else None,
        cip.pk if cip else None,
        build=partial(_read_criteria_inputs, career, cip),
        request=request,
    )
    return selectors.ProgramCriteria(
        year=inputs.year,
        cip_ids=inputs.cip_ids,
        award_levels=tuple(award_levels),
        career=career,
        cip=cip,
        levels=inputs.levels,
        related=inputs.related,
    )


def career_wages(career, request=None) -> selectors.CareerWages:
    """selectors.career_wages (national and state OEWS medians for the career), read once per version."""
    build = partial(selectors.career_wages, career)
    return memoized_for_content("career-wages", career.pk, build=build, request=request)


def career_metro_wages(wages, request=None) -> dict:
    """selectors.career_metro_wages (CBSA -> the career's metro estimate), read once per version and career. Read per
    page instead (the searched place's and the page's schools' areas), it was a query of 1.0-1.4 ms on every new
    search. Kept for every career (about 90 KB each: reference_data.pay.AreaPay); there are as many as published
    guides."""
    if wages is None or wages.national is None:
        return {}
    national = wages.national
    build = partial(selectors.career_metro_wages, wages)
    return memoized_for_content(
        "career-metro-wages",
        national.occupation_id,
        national.period,
        build=build,
        request=request,
    )


def warm_up() -> int:
    """Read what every career's and every program's search needs, and its matching schools from the search index, in
    gunicorn's master before it forks (config/gunicorn.py): each worker, and each one max_requests starts later, then
    begins with all of it instead of paying three queries for each career it meets first. Under make bench's career +
    ZIP search, which goes through the careers in turn, a new worker's first hundred searches did. Returns how many
    searches' data were read; 0 when the database cannot answer yet (a fresh install before its migrations)."""
    try:
        options = search_options()
        careers = list(options.careers.values())  # the guides, and the occupations without one
        criteria = [program_criteria(career=career) for career in careers]
        criteria += [program_criteria(cip=cip) for cip in options.programs.values()]
        criteria.append(program_criteria())  # any health program: a search by name, place or type of school
        for career in careers:
            career_metro_wages(career_wages(career))
        index = search_index()
        for programs in criteria:
            index.matching(programs)  # each one's matching schools, summed (0.07 s, 4.3 MB on the national data)
    except DatabaseError:
        return 0
    return len(criteria)
