"""One page of Find a School's results for a valid search form: the same reads for the HTML page (schools/views.py)
and the API (api/schools.py), so both list the same schools in the same order."""

from dataclasses import dataclass

from . import search_data, selectors
from .pagination import OneQueryPaginator

RESULTS_PER_PAGE = 20


@dataclass(frozen=True)
class SearchResults:
    criteria: selectors.SchoolSearchCriteria
    wages: selectors.CareerWages | None
    paginator: OneQueryPaginator
    page: object  # a django Page of schools read with selectors.with_matching_programs

    @property
    def career(self):
        return self.criteria.programs.career


def search_results(request, form) -> SearchResults:
    """The results page the valid ``form`` asks for (its ``page``, 1 without one); raises EmptyPage past the end,
    which each caller answers with its own 404. Two queries for the page (schools/pagination.py) and the
    per-content-version reads of search_data."""
    criteria = form.search_criteria(request)
    career = criteria.programs.career
    wages = search_data.career_wages(career, request) if career else None
    schools = selectors.with_matching_programs(selectors.school_search(criteria=criteria), criteria.programs)
    paginator = OneQueryPaginator(schools, RESULTS_PER_PAGE)
    page = paginator.page(form.cleaned_data.get("page") or 1)
    return SearchResults(criteria=criteria, wages=wages, paginator=paginator, page=page)
