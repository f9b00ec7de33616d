import csv

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from . import selectors
from .filters import SchoolFilter
from .forms import parse_compare_unitids
from .models import Institution
from .states import STATE_NAMES

RESULTS_PER_PAGE = 20


def school_search(request):
    """Find a School: a GET form; every search is a URL, and ``format=csv`` downloads all its results."""
    # Staff overrides (schools.InstitutionOverride): hidden schools are left out, corrected names and addresses shown.
    filterset = SchoolFilter(request.GET, queryset=Institution.objects.listed().with_overrides())
    context = {"filterset": filterset, "form": filterset.form}
    if not filterset.is_valid():
        # django-filter would apply the valid fields and drop the rest, broadening the results: show the errors.
        return render(request, "schools/school_search.html", context)

    schools = filterset.qs
    criteria = filterset.criteria
    schools = selectors.with_matching_programs(schools, criteria)
    career = filterset.form.cleaned_data.get("career")
    wages = selectors.career_wages(career) if career else None
    zip_centroid = filterset.form.cleaned_data.get("zip")

    if request.GET.get("format") == "csv":
        return school_csv_response(request, schools, criteria, wages, with_distance=zip_centroid is not None)

    paginator = Paginator(schools, RESULTS_PER_PAGE)
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
            "zip_centroid": zip_centroid,
            "active_filters": filterset.active_filters(request.GET),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "suggestions": filterset.widen_suggestions(request.GET) if not paginator.count else [],
        }
    )
    return render(request, "schools/school_search.html", context)


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


def school_csv_response(request, schools, criteria, wages, *, with_distance):
    """Every matching school (not just one page), written out row by row as a streamed download."""
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
    institution = get_object_or_404(Institution.objects.with_overrides(), unitid=unitid)
    canonical = institution.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    programs, years = selectors.school_health_programs(institution)
    context = {
        "institution": institution,
        "programs": programs,
        "completion_years": [(year, selectors.academic_year_label(year)) for year in years],
        "directory_year_label": selectors.directory_year_label(institution.survey_year),
        "newest_year_label": selectors.academic_year_label(years[0]) if years else "",
        "state_name": STATE_NAMES.get(institution.state, institution.state),
    }
    return render(request, "schools/school_detail.html", context)


def school_compare(request):
    unitids, error = parse_compare_unitids(request.GET)
    schools, criteria, unknown = [], None, []
    if unitids:
        schools, criteria = selectors.schools_for_comparison(unitids)
        known = {school.unitid for school in schools}
        unknown = [unitid for unitid in unitids if unitid not in known]
        for school in schools:
            school.programs_sorted = selectors.sort_award_levels(school.matching_programs)
            school.completions_total = sum(p.completions_in_year for p in school.programs_sorted)
    context = {"schools": schools, "criteria": criteria, "error": error, "unknown": unknown}
    return render(request, "schools/school_compare.html", context)
