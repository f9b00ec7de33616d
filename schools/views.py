import csv
from functools import partial

from django.core.paginator import EmptyPage
from django.http import Http404, StreamingHttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from core.page_cache import Uncached, content_page_response

from . import search_data, selectors
from .filters import SchoolFilter
from .forms import parse_compare_unitids
from .models import Institution
from .pagination import OneQueryPaginator
from .school_presenter import school_judgement
from .states import STATE_NAMES

RESULTS_PER_PAGE = 20


SEARCH_TEMPLATE = "schools/school_search.html"


def school_search(request):
    """Find a School: a GET form; every search is a URL, and ``format=csv`` downloads all its results.

    The page is cached whole (core/page_cache.py) under its query string and the content version, which changes
    with every import and every staff change a search reads: the form holds no CSRF token and no nonce, and the
    same URL gives the same page until then. Searches with errors are rendered every time and never kept.
    """
    if request.GET.get("format") == "csv":
        filterset = search_filterset(request)
        if filterset.is_valid():
            return school_csv_response(request, filterset)
        # An invalid search downloads nothing: it shows the form with its errors instead.
        return TemplateResponse(request, SEARCH_TEMPLATE, search_page_parts(request, filterset).parts)
    return content_page_response(
        request, SEARCH_TEMPLATE, "schools:search", request.GET.urlencode(), render=partial(search_page_parts, request)
    )


def search_filterset(request):
    # Staff overrides (schools.InstitutionOverride): hidden schools are left out, corrected names and addresses shown.
    return SchoolFilter(request.GET, queryset=Institution.objects.listed().with_overrides(), request=request)


def search_results(request, filterset):
    """For a valid search: its schools (with their matching programs), criteria, career and the career's pay."""
    schools = filterset.qs  # builds filterset.criteria
    schools = selectors.with_matching_programs(schools, filterset.criteria)
    career = filterset.form.cleaned_data.get("career")
    wages = search_data.career_wages(career, request) if career else None
    return schools, filterset.criteria, career, wages


def search_page_parts(request, filterset=None):
    """The search page's content and title; an ``Uncached`` for a search with errors. Rendered without the request
    (the query string is passed in as ``query``), so it can be kept and served to the next visitor."""
    filterset = filterset or search_filterset(request)
    context = {"filterset": filterset, "form": filterset.form, "query": request.GET}
    if not filterset.is_valid():
        # django-filter would apply the valid fields and drop the rest, broadening the results: show the errors.
        return Uncached(_rendered_search(context, title="Error: Find a School"))

    schools, criteria, career, wages = search_results(request, filterset)
    paginator = OneQueryPaginator(schools, RESULTS_PER_PAGE)
    page_number = filterset.form.cleaned_data.get("page") or 1
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        raise Http404(f"There is no page {page_number} of these results.") from None
    selectors.prepare_result_cards(page.object_list, wages)

    context.update(
        {
            "page": page,
            "paginator": paginator,
            "criteria": criteria,
            "career": career,
            "wages": wages,
            "zip_centroid": filterset.form.cleaned_data.get("zip"),
            "active_filters": filterset.active_filters(request.GET),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "suggestions": filterset.widen_suggestions(request.GET) if not paginator.count else [],
        }
    )
    return _rendered_search(context, title=f"Find a School: {career.short_name}" if career else "Find a School")


def _rendered_search(context, *, title):
    return {"page_title": title, "content": render_to_string(f"{SEARCH_TEMPLATE}#content", context)}


# Spreadsheet programs run cells that start with these as formulas; imported names must never do that.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


CSV_COLUMNS = [
    "unitid",
    "name",
    "city",
    "state",
    "zip_code",
    "distance_miles",
    "control",
    "level",
    "web_address",
    "programs",
    "completions",
    "completions_year",
    "state_median_annual_wage",
    "national_median_annual_wage",
    "wage_source",
    "page_url",
]


def school_csv_response(request, filterset):
    """Every matching school of a valid search (not just one page), written out row by row as a streamed download."""
    schools, criteria, _, wages = search_results(request, filterset)
    with_distance = filterset.form.cleaned_data.get("zip") is not None
    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        # Two queries in all (schools, then their programs). Even every health school in the country is a few
        # thousand rows, so they are read at once; a PostgreSQL server-side cursor (iterator()) made the planner
        # pick a fast-start plan that took 250 ms for 900 schools. The CSV text itself is streamed row by row.
        for school in schools:
            programs = selectors.sort_award_levels(school.matching_programs)
            state_wage = wages.for_state(school.state) if wages else None
            distance = getattr(school, "distance_miles", None) if with_distance else None
            row = [
                school.unitid,
                school.display_name,
                school.city,
                school.state,
                school.zip_code,
                f"{distance:.1f}" if distance is not None else "",
                school.get_control_display(),
                school.get_level_display(),
                school.display_web_address,
                "; ".join(
                    f"{p.cip.code} {p.cip.plain_title} - {p.get_award_level_display()} ({p.completions_in_year})"
                    for p in programs
                ),
                sum(p.completions_in_year for p in programs),
                criteria.year_label,
                state_wage.annual_median if state_wage and state_wage.annual_median else "",
                wages.national.annual_median if wages and wages.national and wages.national.annual_median else "",
                wages.source_label if wages else "",
                request.build_absolute_uri(school.get_absolute_url()),
            ]
            yield writer.writerow([spreadsheet_safe(value) for value in row])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="schools.csv"'
    return response


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


def school_compare(request):
    """Up to four schools side by side, cached under the UNITIDs asked for and the content version."""
    unitids, error = parse_compare_unitids(request.GET)

    def render_parts():
        schools, criteria, unknown = [], None, []
        if unitids:
            criteria = search_data.program_criteria(request=request)
            schools = selectors.schools_for_comparison(unitids, criteria)
            known = {school.unitid for school in schools}
            unknown = [unitid for unitid in unitids if unitid not in known]
            for school in schools:
                school.programs_sorted = selectors.sort_award_levels(school.matching_programs)
                school.completions_total = sum(p.completions_in_year for p in school.programs_sorted)
        context = {"schools": schools, "criteria": criteria, "error": error, "unknown": unknown}
        content = render_to_string("schools/school_compare.html#content", context)
        return {"has_error": bool(error or unknown), "content": content}

    return content_page_response(
        request, "schools/school_compare.html", "schools:compare", tuple(unitids), error, render=render_parts
    )
