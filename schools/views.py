"""Find a School's pages: thin views over the form (forms.py), the selectors, the presenters and the export.

Every view answers GET and HEAD only (405 otherwise): they read, and TRACE or OPTIONS must not get the page.
"""

from functools import partial

from django.core.paginator import EmptyPage
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from core.page_cache import Uncached, content_page_response

from . import presenters, search_data, selectors
from .exports import school_csv_response
from .forms import RADIUS_CHOICES, SchoolSearchForm, parse_compare_unitids
from .models import Institution
from .pagination import OneQueryPaginator
from .school_presenter import school_judgement
from .states import STATE_NAMES

RESULTS_PER_PAGE = 20
SEARCH_TEMPLATE = "schools/school_search.html"


@require_safe
def school_search(request):
    """Find a School: a GET form; every search is a URL, and ``format=csv`` downloads all its results.

    The page is cached whole (core/page_cache.py) under the search's known parameters (SchoolSearchForm.known_query)
    and the content version, which changes with every import and every staff change a search reads: the form holds
    no CSRF token and no nonce, and the same search gives the same page until then. Unknown parameters are left out
    of the key and of the page's links. Searches with errors are rendered every time and never kept.
    """
    known_query = SchoolSearchForm.known_query(request.GET)
    if request.GET.get("format") == "csv":
        form = search_form(request, known_query)
        if form.is_valid():
            return school_csv_response(request, form, known_query)
        # An invalid search downloads nothing: it shows the form with its errors instead.
        return TemplateResponse(request, SEARCH_TEMPLATE, search_page_parts(request, known_query, form).parts)
    render = partial(search_page_parts, request, known_query)
    return content_page_response(request, SEARCH_TEMPLATE, "schools:search", known_query.urlencode(), render=render)


def search_form(request, known_query):
    return SchoolSearchForm(known_query, options=search_data.search_options(request))


def search_page_parts(request, known_query, form=None):
    """The search page's content and title; an ``Uncached`` for a search with errors. Rendered without the request
    (the known query is passed in as ``query``), so it can be kept and served to the next visitor."""
    form = form or search_form(request, known_query)
    context = {"form": form, "query": known_query}
    if not form.is_valid():
        # Filtering by the valid fields alone would broaden the results: show the errors.
        return Uncached(_rendered_search(context, title="Error: Find a School"))

    criteria = form.search_criteria(request)
    career = criteria.programs.career
    wages = search_data.career_wages(career, request) if career else None
    schools = selectors.with_matching_programs(selectors.school_search(criteria=criteria), criteria.programs)
    paginator = OneQueryPaginator(schools, RESULTS_PER_PAGE)
    page_number = form.cleaned_data.get("page") or 1
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        raise Http404(f"There is no page {page_number} of these results.") from None

    place = form.cleaned_data.get("zip")
    # One query: the career's pay in the searched place's metro area and in each listed school's.
    metro_wages = selectors.career_metro_wages(
        wages, [place.cbsa if place else "", *(school.cbsa for school in page.object_list)]
    )
    context.update(
        {
            "page": page,
            "cards": presenters.school_cards(page.object_list, wages, metro_wages),
            "pay_near": presenters.search_pay_near(wages, place, metro_wages),
            "paginator": paginator,
            "criteria": criteria.programs,
            "career": career,
            "wages": wages,
            "zip_centroid": place,
            "active_filters": presenters.active_filters(form.cleaned_data),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "suggestions": [] if paginator.count else presenters.widen_suggestions(form.cleaned_data, RADIUS_CHOICES),
        }
    )
    return _rendered_search(context, title=f"Find a School: {career.short_name}" if career else "Find a School")


def _rendered_search(context, *, title):
    return {"page_title": title, "content": render_to_string(f"{SEARCH_TEMPLATE}#content", context)}


@require_safe
def school_detail(request, unitid, slug):
    """A school's page, cached under its UNITID and the content version; a wrong or old slug redirects."""

    def render_parts():
        institution = Institution.objects.with_overrides().filter(unitid=unitid).first()
        if institution is None:
            return None
        programs, years = selectors.school_health_programs(institution)
        state_name = STATE_NAMES.get(institution.state, institution.state)
        context = {
            "institution": institution,
            "programs": programs,
            "completion_years": [(year, selectors.academic_year_label(year)) for year in years],
            "directory_year_label": selectors.directory_year_label(institution.survey_year),
            "newest_year_label": selectors.academic_year_label(years[0]) if years else "",
            "state_name": state_name,
        }
        context["judgement"] = school_judgement(
            institution, programs, context["completion_years"], selectors.newest_completions_year()
        )
        return {
            "canonical_path": institution.get_absolute_url(),
            "institution": {"display_name": institution.display_name, "city": institution.city},
            "state_name": state_name,
            "content": render_to_string("schools/school_detail.html#content", context),
        }

    return content_page_response(
        request, "schools/school_detail.html", "schools:detail", unitid,
        render=render_parts, missing="No school with that UNITID.",
    )  # fmt: skip


@require_safe
def school_compare(request):
    """Up to four schools side by side, cached under the UNITIDs asked for and the content version."""
    unitids, error = parse_compare_unitids(request.GET)

    def render_parts():
        cards, criteria, unknown = [], None, []
        if unitids:
            criteria = search_data.program_criteria(request=request)
            schools = selectors.schools_for_comparison(unitids, criteria)
            cards = presenters.school_cards(schools)
            known = {school.unitid for school in schools}
            unknown = [unitid for unitid in unitids if unitid not in known]
        context = {"cards": cards, "criteria": criteria, "error": error, "unknown": unknown}
        content = render_to_string("schools/school_compare.html#content", context)
        return {"has_error": bool(error or unknown), "content": content}

    return content_page_response(
        request, "schools/school_compare.html", "schools:compare", tuple(unitids), error, render=render_parts
    )
