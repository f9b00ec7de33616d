"""One page of Find a School's results for a valid search form: the same reads for the HTML page (schools/views.py)
and the API (api/schools.py), so both list the same schools in the same order."""

from dataclasses import dataclass

from django.core.paginator import Paginator

from . import search_data, selectors
from .models import Institution
from .search_figures import matching_outcome_figures
from .search_index import matching_programs, search_index

RESULTS_PER_PAGE = 20


@dataclass(frozen=True)
class SearchResults:
    criteria: selectors.SchoolSearchCriteria
    wages: selectors.CareerWages | None
    paginator: Paginator
    page: object  # a django Page of the schools page_schools gives

    @property
    def career(self):
        return self.criteria.programs.career


def search_results(request, form) -> SearchResults:
    """The results page the valid ``form`` asks for (its ``page``, 1 without one); raises EmptyPage past the end,
    which each caller answers with its own 404. The schools and their order come from the in-memory index
    (schools/search_index.py), and so do the page's schools (page_schools)."""
    criteria = form.search_criteria(request)
    career = criteria.programs.career
    wages = search_data.career_wages(career, request) if career else None
    index = search_index(request)
    paginator = Paginator(index.search(criteria), RESULTS_PER_PAGE)
    page = paginator.page(form.cleaned_data.get("page") or 1)
    distances = index.page_distances(page.object_list, criteria.near)
    page.object_list = page_schools(index, [hit.pk for hit in page.object_list], criteria, distances)
    return SearchResults(criteria=criteria, wages=wages, paginator=paginator, page=page)


def page_schools(index, pks, criteria, distances) -> list:
    """The schools ``pks`` in that order, as selectors.school_search gives them, each with its shown
    name and web address, judging figures, ``distance_miles`` from a place, ``page_url``, ``matching_programs`` and
    their ``matching_outcomes`` (search_figures.matching_outcome_figures). No query: each is a copy of the index's
    instance (the index is shared by every request of the process; the copy is this one's)."""
    schools = []
    for pk in pks:
        school = _copy(index.school_instances[pk])
        school.page_url = index.school_url(pk)
        school.matching_programs = matching_programs(index, pk, criteria.programs)
        school.matching_outcomes = matching_outcome_figures(
            index.outcomes_by_school.get(pk, ()), [(p.cip.code, p.award_level) for p in school.matching_programs]
        )
        if pk in distances:
            school.distance_miles = distances[pk]
        schools.append(school)
    return schools


def _copy(school):
    """A shallow copy, 2 us against copy.copy's 14 (which pickles the model state). The copies share the instance's
    ModelState, which only caches related objects: a page reads none."""
    clone = Institution.__new__(Institution)
    clone.__dict__.update(school.__dict__)
    return clone
