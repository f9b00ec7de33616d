"""Find a School's pages: thin views over the form (forms.py), the selectors, the presenters and the export.

Every view answers GET and HEAD only (405 otherwise): they read, and TRACE or OPTIONS must not get the page.
"""

from functools import partial

from django.core.paginator import EmptyPage
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from core.page_cache import Uncached, content_page_response

from . import compare_selectors, page_meta, presenters, search_data, selectors, structured_data
from .compare_presenter import comparison
from .exports import school_csv_response
from .forms import MAX_COMPARED, RADIUS_CHOICES, SchoolSearchForm, compare_selection, parse_compare_unitids
from .models import Institution
from .school_presenter import school_judgement
from .search_results import search_results
from .states import STATE_NAMES

SEARCH_TEMPLATE = "schools/school_search.html"
CONTENT_TEMPLATE = "schools/search_content.html"  # Jinja2: templates/jinja2/


@require_safe
def school_search(request):
    """Find a School: a GET form; every search is a URL, and ``format=csv`` downloads all its results.

    The page is cached whole (core/page_cache.py), in each worker's memory only, under the search's known parameters
    (SchoolSearchForm.known_query) and the content version, which changes with every import and every staff change
    a search reads: the form holds no CSRF token and no nonce, and the same search gives the same page until then.
    Unknown parameters are left out of the key and of the page's links. Searches with errors are rendered every time
    and never kept.
    """
    known_query = SchoolSearchForm.known_query(request.GET)
    if request.GET.get("format") == "csv":
        form = search_form(request, known_query)
        if form.is_valid():
            return school_csv_response(request, form, known_query)
        # An invalid search downloads nothing: it shows the form with its errors instead.
        return TemplateResponse(request, SEARCH_TEMPLATE, search_page_parts(request, known_query, form).parts)
    # The ticks for comparison ride along in the address, so they survive paging (compare_selection_context).
    selection = compare_selection(request.GET)
    render = partial(search_page_parts, request, known_query, selection=selection)
    # Kept in each worker's memory, not in the shared cache: from the search index a new search takes about 3 ms to
    # build, and Redis's look-up that misses and store cost 0.5 ms of every one (make bench's varied searches).
    return content_page_response(
        request, SEARCH_TEMPLATE, "schools:search", known_query.urlencode(), selection, render=render, shared=False
    )


def search_form(request, known_query):
    return SchoolSearchForm(known_query, options=search_data.search_options(request))


def search_page_parts(request, known_query, form=None, selection=()):
    """The search page's content and title; an ``Uncached`` for a search with errors. Rendered without the request
    (the known query is passed in as ``query``), so it can be kept and served to the next visitor."""
    form = form or search_form(request, known_query)
    context = {"form": form, "query": known_query}
    if not form.is_valid():
        # Filtering by the valid fields alone would broaden the results: show the errors.
        return Uncached(_rendered_search(context, meta=page_meta.search_error_meta(known_query)))

    try:
        results = search_results(request, form)
    except EmptyPage:
        raise Http404(f"There is no page {form.cleaned_data.get('page')} of these results.") from None
    criteria, career, wages, paginator, page = (
        results.criteria, results.career, results.wages, results.paginator, results.page
    )  # fmt: skip

    place = form.cleaned_data.get("zip")
    # The career's pay in every metro area (read once per version): the searched place's and each listed school's.
    metro_wages = search_data.career_metro_wages(wages, request)
    cards = presenters.school_cards(page.object_list, wages, metro_wages, figures=True)
    context.update(
        {
            "page": page,
            "pay_near": presenters.search_pay_near(wages, place, metro_wages),
            "net_price_limit": criteria.max_net_price,
            "paginator": paginator,
            "criteria": criteria.programs,
            "career": career,
            "related_programs": criteria.programs.related,
            "active_filters": presenters.active_filters(form.cleaned_data),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "suggestions": [] if paginator.count else presenters.widen_suggestions(form.cleaned_data, RADIUS_CHOICES),
            **compare_selection_context(selection, page.object_list),
            **_card_context(cards, criteria, wages, place),
        }
    )
    meta = page_meta.search_meta(known_query, form.cleaned_data, career=career, page=page, paginator=paginator)
    return _rendered_search(context, meta=meta)


def _card_context(cards, criteria, wages, place):
    """What the result cards (templates/jinja2/schools/includes/school_cards.html) show: each card, and what every
    card says alike, worked out once for the page."""
    career = criteria.programs.career
    return {
        "cards": cards,
        "programs_title": presenters.programs_title(criteria.programs),
        "year_label": criteria.programs.year_label,
        "place": place.short_label if place else "",
        "wages": wages,
        "national_median": presenters.national_median(wages),
        "pay_map_url": f"{career.get_absolute_url()}#pay-map" if career else "",
    }


def _rendered_search(context, *, meta):
    """The page's content, in Jinja2 (config/jinja2.py says why). Jinja2 escaped every value (autoescaping is forced
    on), so its output is marked safe for the page's Django template."""
    content = mark_safe(render_to_string(CONTENT_TEMPLATE, context, using="jinja2"))  # noqa: S308 - escaped by Jinja2
    return {"meta": meta, "content": content}


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
            "institution": {"display_name": institution.display_name},
            "meta": page_meta.school_meta(
                institution, state_name=state_name, structured_data=structured_data.school_data(institution, programs)
            ),
            "content": render_to_string("schools/school_detail.html#content", context),
        }

    return content_page_response(
        request, "schools/school_detail.html", "schools:detail", unitid,
        render=render_parts, missing="No school with that UNITID.",
    )  # fmt: skip


def compare_selection_context(selection, schools_on_page):
    """The ticks of a results page: which of its schools are ticked, and the ticks from other pages, which the
    compare form carries as hidden fields (its page buttons submit it, so no tick is lost without JavaScript)."""
    on_page = {school.unitid for school in schools_on_page}
    return {
        "selection": selection,
        "selected_elsewhere": [unitid for unitid in selection if unitid not in on_page],
        "too_many_selected": len(selection) > MAX_COMPARED,
        "max_compared": MAX_COMPARED,
    }


@require_safe
def school_compare(request):
    """Up to four schools side by side, with the search they were ticked in (its parameters ride along): distance
    from its ZIP code, its matching programs first, and the school page's figures. Cached under the UNITIDs, the
    search and the content version. Too many ticks, or a bad one, gets a message and a way back to the search with
    every tick kept."""
    unitids, error = parse_compare_unitids(request.GET)
    known_query = SchoolSearchForm.known_query(request.GET)
    selection = compare_selection(request.GET)

    def render_parts():
        form = search_form(request, known_query)
        search = form.search_criteria(request) if form.is_valid() else None
        criteria = search.programs if search else search_data.program_criteria(request=request)
        near = search.near if search else None
        columns, groups, unknown = [], [], []
        if unitids:
            schools = compare_selectors.schools_for_comparison(unitids, criteria, near)
            figures = compare_selectors.figures_for_schools(schools)
            columns, groups = comparison(schools, figures, criteria, near)
            known = {column.school.unitid for column in columns}
            unknown = [unitid for unitid in unitids if unitid not in known]
        back = known_query.copy()
        back.setlist("unitid", list(selection))
        context = {
            "columns": columns,
            "groups": groups,
            "criteria": criteria,
            "searched": bool(search and (criteria.career or criteria.cip or criteria.award_levels)),
            "near": near,
            "error": error,
            "unknown": unknown,
            "back_query": back,
            "has_search": bool(known_query),
        }
        content = render_to_string("schools/school_compare.html#content", context)
        meta = page_meta.compare_meta(unitids, has_error=bool(error or unknown))
        return {"meta": meta, "content": content}

    return content_page_response(
        request,
        "schools/school_compare.html",
        "schools:compare",
        tuple(unitids),
        error,
        known_query.urlencode(),
        selection,
        render=render_parts,
    )
