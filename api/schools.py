"""The schools resource: Find a School's search as JSON, and a school's page as JSON.

The search is Find a School's own: the same form (schools.forms.SchoolSearchForm: parameters, validation and
messages), the same criteria and search (schools.search_results, over the in-memory index that the CSV's SQL is
tested against), the same pages of RESULTS_PER_PAGE and the same result cards (schools.presenters.school_cards);
only the writing is JSON. So a search
here lists the schools of the HTML page and the CSV download for the same parameters, in the same order.
"""

from functools import cache

from django.core.paginator import EmptyPage
from django.urls import reverse

from schools import search_data, selectors
from schools.figure_words import NOT_PUBLISHED, NOT_REPORTED, SUPPRESSED
from schools.forms import SchoolSearchForm
from schools.models import Institution
from schools.presenters import CONTROL_LABELS, LEVEL_LABELS, school_cards
from schools.school_page_selectors import school_figures
from schools.school_presenter import contact
from schools.search_results import RESULTS_PER_PAGE, search_results
from schools.states import STATE_NAMES

from .figures import IPEDS_COMPLETIONS, award_label, figure, median_pay
from .http import NotFound, Refused, invalid_parameters, json_answer

SCORECARD = "U.S. Department of Education College Scorecard"
IPEDS_CHARGES = "NCES IPEDS student charges (IC_AY), full-time undergraduates"
IPEDS_GRADUATION = "NCES IPEDS Graduation Rates"
IPEDS_DIRECTORY = "NCES IPEDS institutional directory (HD)"


def _absolute(request, path):
    return request.build_absolute_uri(path)


def page_links(request, path, known_query, page):
    """Next and previous pages: the search's own cleaned parameters with another page number."""

    def link(number):
        query = known_query.copy()
        query["page"] = str(number)
        return f"{_absolute(request, path)}?{query.urlencode()}"

    return {
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }


@cache
def _school_api_path_around():
    """The detail route's path before and after the UNITID, reversed once per process: reversing it for each of a
    page's 20 schools was 0.5 ms of every new API search."""
    stand_in = "000000"
    before, after = reverse("api-v1:school_detail", kwargs={"unitid": stand_in}).rsplit(stand_in, 1)
    return before, after


def school_api_path(unitid):
    before, after = _school_api_path_around()
    return f"{before}{unitid}{after}"  # a UNITID is digits: nothing to quote


def school_summary(request, card, *, year_label, wages):
    school = card.school
    distance = getattr(school, "distance_miles", None)
    summary = {
        "unitid": school.unitid,
        "name": school.display_name,
        "city": school.city,
        "state": school.state,
        "state_name": card.state_name,
        "zip_code": school.zip_code,
        "control": CONTROL_LABELS.get(school.control, school.control) or None,
        "level": LEVEL_LABELS.get(school.level, school.level) or None,
        "web_address": school.display_web_address or None,
        "distance_miles": round(distance, 1) if distance is not None else None,
        "programs": [
            {
                "cip_code": line.cip_code,
                "title": line.title,
                "award_level": line.award_level,
                "award": line.award_label,
                "completions": figure(line.completions, source=IPEDS_COMPLETIONS, period=year_label),
            }
            for line in card.programs
        ],
        "completions_total": figure(card.completions_total, source=IPEDS_COMPLETIONS, period=year_label),
        "page_url": _absolute(request, card.url),
        "api_url": _absolute(request, school_api_path(school.unitid)),
    }
    if wages is not None:
        summary["pay"] = {
            "occupation": wages.occupation_title or None,
            "state_median_annual": median_pay(card.state_wage, period_label=wages.period_label),
            "national_median_annual": median_pay(wages.national, period_label=wages.period_label),
        }
    return summary


def search_answer(request):
    known_query = SchoolSearchForm.known_query(request.GET)

    def build():
        form = SchoolSearchForm(known_query, options=search_data.search_options(request))
        if not form.is_valid():
            raise Refused(invalid_parameters(request, form))
        try:
            results = search_results(request, form)
        except EmptyPage:
            raise NotFound(f"There is no page {form.cleaned_data.get('page')} of these results.") from None
        criteria, wages, paginator, page = results.criteria, results.wages, results.paginator, results.page
        year_label = criteria.programs.year_label
        return {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "per_page": RESULTS_PER_PAGE,
            "parameters": dict(known_query.items()),
            **page_links(request, request.path, known_query, page),
            "html_url": f"{_absolute(request, reverse('schools:search'))}?{known_query.urlencode()}",
            "results": [
                school_summary(request, card, year_label=year_label, wages=wages)
                for card in school_cards(page.object_list, wages)
            ],
        }

    # The host is in the key: the answer's links are absolute.
    return json_answer(request, "schools", known_query.urlencode(), request.get_host(), build=build)


def _money(value, source, period, missing):
    return figure(value, source=source, period=period, missing=missing)


def _cost(cost):
    period = cost.academic_year if cost else None
    fields = ("tuition_in_district", "tuition_in_state", "tuition_out_of_state", "books_supplies")
    return {name: _money(getattr(cost, name, None), IPEDS_CHARGES, period, NOT_REPORTED) for name in fields}


def _net_price(outcome):
    period = f"{outcome.released_on:%B %Y} release" if outcome else None
    bands = ("net_price_average", "net_price_0_30k", "net_price_30_48k", "net_price_48_75k", "net_price_75_110k",
             "net_price_110k_plus")  # fmt: skip
    return {
        name.removeprefix("net_price_"): _money(getattr(outcome, name, None), SCORECARD, period, NOT_PUBLISHED)
        for name in bands
    }


def _completion(outcome, graduation):
    rate = outcome.completion_rate if outcome else None
    answer = {
        "completion_rate_150_percent": figure(
            round(rate, 4) if rate is not None else None,
            source=SCORECARD,
            period=f"{outcome.released_on:%B %Y} release" if outcome else None,
            missing=NOT_PUBLISHED,
        ),
        "graduation_rate_6_years_percent": figure(
            graduation.awarded_in_6_years if graduation else None,
            source=IPEDS_GRADUATION,
            period=f"{graduation.cohort_year} entering cohort" if graduation else None,
            missing=NOT_REPORTED,
        ),
    }
    answer["graduation_cohort_size"] = graduation.cohort_size if graduation else None
    return answer


def _outcomes(program_outcomes):
    rows = []
    for outcome in program_outcomes:
        period = f"{outcome.released_on:%B %Y} release"

        def suppressed(value, period=period):
            return figure(value, source=SCORECARD, period=period, missing=SUPPRESSED)

        rows.append(
            {
                "cip_code": outcome.cip_code,
                "field": outcome.cip_title,
                "credential": outcome.get_credential_level_display(),
                "completers": suppressed(outcome.completers),
                "median_earnings_1_year": suppressed(outcome.earnings_1_year),
                "median_earnings_4_years": suppressed(outcome.earnings_4_years),
                "median_debt": suppressed(outcome.median_debt),
            }
        )
    return rows


def detail_answer(request, unitid):
    def build():
        institution = Institution.objects.with_overrides().filter(unitid=unitid).first()
        if institution is None:
            raise NotFound("No school with that UNITID.")
        programs, years = selectors.school_health_programs(institution)
        figures = school_figures(institution)
        reach = contact(institution)
        return {
            "unitid": institution.unitid,
            "name": institution.display_name,
            "address": institution.address or None,
            "city": institution.city,
            "state": institution.state,
            "state_name": STATE_NAMES.get(institution.state, institution.state),
            "zip_code": institution.zip_code,
            "latitude": institution.latitude,
            "longitude": institution.longitude,
            "control": CONTROL_LABELS.get(institution.control, institution.control) or None,
            "level": LEVEL_LABELS.get(institution.level, institution.level) or None,
            "open": not institution.is_closed,
            "closed_on": institution.closed_on,
            "directory": {"source": IPEDS_DIRECTORY, "period": selectors.directory_year_label(institution.survey_year)},
            "contact": {
                "web_address": institution.display_web_address or None,
                "phone": institution.phone or None,
                "links": [{"label": link.label, "url": link.url} for link in reach["links"]],
                "federal_student_aid": reach["federal_aid"],
            },
            "programs": [
                {
                    "cip_code": program.cip.code,
                    "title": program.cip.plain_title,
                    "award_level": program.award_level,
                    "award": award_label(program.award_level),
                    "completions": [
                        figure(
                            total,
                            source=IPEDS_COMPLETIONS,
                            period=selectors.academic_year_label(year),
                            missing="No awards reported this year",
                        )  # fmt: skip
                        for year, total in zip(years, program.totals_by_year, strict=True)
                    ],
                    "careers": [career.slug for career in program.careers],
                }
                for program in programs
            ],
            "cost": _cost(figures.cost),
            "net_price": _net_price(figures.outcome),
            "completion": _completion(figures.outcome, figures.graduation),
            "outcomes": _outcomes(figures.program_outcomes),
            "page_url": _absolute(request, institution.get_absolute_url()),
        }

    return json_answer(request, "school", unitid, request.get_host(), build=build)
