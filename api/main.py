"""Version 1 of the public API, on django-ninja: the operations, their parameters as the OpenAPI document shows
them, and the problem documents for errors.

Every parameter is declared here for the document, but validated by the site's own Django forms (the search by
schools.forms.SchoolSearchForm, the lists by api.reference.ListForm), which read the query string themselves, so
the API gives the messages the pages give. The answers are built in api.schools, api.reference and api.guides.
"""

from django.http import Http404
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError

from . import guides, reference, schools
from .http import problem
from .schemas import (
    CareerDetail,
    CareerList,
    CertificationDetail,
    CertificationList,
    CipDetail,
    CipPage,
    OccupationDetail,
    OccupationPage,
    Problem,
    SchoolDetail,
    SchoolSearchPage,
)

DESCRIPTION = (
    "Read-only JSON for US healthcare careers joined to the schools that train for them: SOC occupations with BLS "
    "pay and projections, the CIP programs the official crosswalk links them to, our career guides and "
    "certifications, and Find a School's search. Every figure names its source and period. Errors are "
    "application/problem+json (RFC 9457). Answers carry an ETag (send If-None-Match for a 304) and "
    "Access-Control-Allow-Origin: *. Each client may make a limited number of requests a minute (429 with "
    "Retry-After beyond it)."
)

api = NinjaAPI(
    title="Healthcare Careers Guide API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,  # the documentation page is ours (api/views.py): no CDN, no inline script
    openapi_url="/openapi.json",
)

ERRORS = {400: Problem, 404: Problem, 429: Problem}


@api.exception_handler(ValidationError)
def invalid(request, exc):
    # Every parameter is read as text, so this only guards against a future typed one: still a 400 problem.
    return problem(request, 400, "Invalid parameters", "Check the parameters of this request.")


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(request, 404, "Not found", "Nothing at this address.")


def text(description, example=None):
    return Query(None, description=description, example=example)


PAGE = "Page number, from 1."


def examples(*paths):
    """Addresses to try, in the OpenAPI document (x-examples); the documentation page links to each."""
    return {"x-examples": list(paths)}


@api.get(
    "/schools",
    response={200: SchoolSearchPage, **ERRORS},
    url_name="school_search",
    openapi_extra=examples(
        "/api/v1/schools?career=medical-biller-and-coder&zip=35801&radius=100",
        "/api/v1/schools?program=51.0713&state=AL&sort=completions",
    ),
    summary="Search schools (Find a School)",
    description="Find a School's search: the same parameters, validation, messages, order and pages of 20 as "
    "the HTML page and its CSV download. Schools with at least one matching health program in the newest "
    "IPEDS completions year.",
    tags=["schools"],
)
def school_search(
    request,
    career: str | None = text("A career guide's slug (see /careers).", "medical-biller-and-coder"),
    program: str | None = text("A 6-digit health CIP 2020 code.", "51.0713"),
    q: str | None = text("Part of a school's name (100 characters at most).", "community"),
    state: str | None = text("Two-letter state or territory code.", "AL"),
    zip: str | None = text("A 5-digit ZIP code; distances are measured from its centre.", "35801"),  # noqa: A002
    radius: str | None = text("Miles from the ZIP code: 10, 25, 50, 100 or 250 (needs zip).", "100"),
    award: str | None = text(
        "Credential: certificate-short, certificate-long, associate, bachelor or graduate.", "certificate-short"
    ),
    control: str | None = text("Type of school: 1 public, 2 private nonprofit, 3 private for-profit.", "1"),
    level: str | None = text("Length of the longest program: 1 four years or more, 2 two to four, 3 under two.", "2"),
    max_net_price: str | None = text(
        "Highest average net price a year, in dollars (College Scorecard); schools with none published are left out.",
        "15000",
    ),
    online: str | None = text("on: only schools offering programs by distance education (IPEDS IC).", "on"),
    federal_aid: str | None = text("on: only schools eligible for federal student aid (Title IV, IPEDS HD).", "on"),
    include_closed: str | None = text("on: include schools that have closed (left out by default).", "on"),
    sort: str | None = text(
        "distance (needs zip), name, completions, net_price or earnings. Default: distance with a ZIP code, else name."
    ),
    page: str | None = text(PAGE, "2"),
):
    return schools.search_answer(request)


@api.get(
    "/schools/{unitid}",
    response={200: SchoolDetail, **ERRORS},
    url_name="school_detail",
    openapi_extra=examples("/api/v1/schools/100654"),
    summary="A school",
    description="A school by IPEDS UNITID: contact, health programs with completions by year, cost, net price, "
    "completion and graduates' outcomes by field of study.",
    tags=["schools"],
)
def school_detail(request, unitid: str):
    if not (unitid.isascii() and unitid.isdigit() and len(unitid) <= 9):
        return problem(request, 404, "Not found", "A UNITID is up to 9 digits.")
    return schools.detail_answer(request, unitid)


@api.get(
    "/occupations",
    response={200: OccupationPage, **ERRORS},
    url_name="occupation_list",
    openapi_extra=examples(
        "/api/v1/occupations?major_group=29",
        "/api/v1/occupations?q=medical",
        "/api/v1/occupations?education=certificate&min_pay=45000&growth=faster&sort=pay",
    ),
    summary="Occupations",
    description="SOC 2018 occupations by SOC code, 50 a page, with the newest national median pay and projected "
    "growth.",
    tags=["occupations"],
)
def occupation_list(
    request,
    major_group: str | None = text("SOC major group, 2 digits.", "29"),
    q: str | None = text("Part of the occupation's title.", "medical"),
    education: str | None = text(
        "The guide index's filter: education needed to start, at most (none, certificate, associate, bachelor, "
        "graduate). Any of education, min_pay, growth and sort lists the healthcare occupations with a page.",
        "certificate",
    ),
    min_pay: str | None = text("The guide index's filter: national median annual pay at least, in dollars.", "45000"),
    growth: str | None = text("The guide index's filter: growing, or faster (than all jobs).", "faster"),
    sort: str | None = text("The guide index's order: name, pay, growth or openings. Default: SOC code.", "pay"),
    page: str | None = text(PAGE),
):
    return reference.occupation_list_answer(request)


@api.get(
    "/occupations/{soc_code}",
    response={200: OccupationDetail, **ERRORS},
    url_name="occupation_detail",
    openapi_extra=examples("/api/v1/occupations/29-2072"),
    summary="An occupation",
    description="An occupation with OEWS pay for every area and period loaded, BLS projections, the CIP programs "
    "of the official crosswalk and the guides that cover it.",
    tags=["occupations"],
)
def occupation_detail(request, soc_code: str):
    return reference.occupation_detail_answer(request, soc_code)


@api.get(
    "/careers",
    response={200: CareerList, **ERRORS},
    url_name="career_list",
    openapi_extra=examples("/api/v1/careers"),
    summary="Career guides",
    description="Every published guide with its primary occupation's national median pay and projected growth.",
    tags=["careers"],
)
def career_list(request):
    return guides.career_list_answer(request)


@api.get(
    "/careers/{slug}",
    response={200: CareerDetail, **ERRORS},
    url_name="career_detail",
    openapi_extra=examples("/api/v1/careers/medical-biller-and-coder"),
    summary="A career guide",
    tags=["careers"],
)
def career_detail(request, slug: str):
    return guides.career_detail_answer(request, slug)


@api.get(
    "/certifications",
    response={200: CertificationList, **ERRORS},
    url_name="certification_list",
    openapi_extra=examples("/api/v1/certifications"),
    summary="Certifications",
    tags=["certifications"],
)
def certification_list(request):
    return guides.certification_list_answer(request)


@api.get(
    "/certifications/{slug}",
    response={200: CertificationDetail, **ERRORS},
    url_name="certification_detail",
    openapi_extra=examples("/api/v1/certifications/rhit"),
    summary="A certification",
    description="A credential with its exam facts, each naming the numbered sources it was taken from.",
    tags=["certifications"],
)
def certification_detail(request, slug: str):
    return guides.certification_detail_answer(request, slug)


@api.get(
    "/cip",
    response={200: CipPage, **ERRORS},
    url_name="cip_list",
    openapi_extra=examples("/api/v1/cip?family=51&q=coding"),
    summary="CIP 2020 programs",
    description="6-digit CIP 2020 codes by code, 50 a page.",
    tags=["programs"],
)
def cip_list(
    request,
    family: str | None = text("CIP family, 2 digits (51 is health professions).", "51"),
    q: str | None = text("Part of the program's title.", "coding"),
    page: str | None = text(PAGE),
):
    return reference.cip_list_answer(request)


@api.get(
    "/cip/{code}",
    response={200: CipDetail, **ERRORS},
    url_name="cip_detail",
    openapi_extra=examples("/api/v1/cip/51.0713"),
    summary="A CIP 2020 program",
    description="A CIP code with its crosswalk occupations and the guides whose school search covers it.",
    tags=["programs"],
)
def cip_detail(request, code: str):
    return reference.cip_detail_answer(request, code)
