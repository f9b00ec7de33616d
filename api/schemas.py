"""The shapes of the API's answers, for the OpenAPI document (and the tests, which check real answers against it)."""

from datetime import date

from ninja import Schema


class Figure(Schema):
    """A number with where it comes from. ``note`` says why ``value`` is null (not published, suppressed...)."""

    value: float | int | None
    source: str
    period: str | None
    note: str | None


class ParameterError(Schema):
    parameter: str | None
    message: str
    code: str


class Problem(Schema):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[ParameterError] | None = None


class Page(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    parameters: dict[str, str]
    next: str | None
    previous: str | None


class SearchProgram(Schema):
    cip_code: str
    title: str
    award_level: str
    award: str
    completions: Figure


class SchoolPay(Schema):
    occupation: str | None
    state_median_annual: Figure
    national_median_annual: Figure


class SchoolResult(Schema):
    unitid: str
    name: str
    city: str
    state: str
    state_name: str
    zip_code: str
    control: str | None
    level: str | None
    web_address: str | None
    distance_miles: float | None
    programs: list[SearchProgram]
    completions_total: Figure
    page_url: str
    api_url: str
    pay: SchoolPay | None = None


class SchoolSearchPage(Page):
    html_url: str
    results: list[SchoolResult]


class Link(Schema):
    label: str
    url: str


class Contact(Schema):
    web_address: str | None
    phone: str | None
    links: list[Link]
    federal_student_aid: str


class SchoolProgram(Schema):
    cip_code: str
    title: str
    award_level: str
    award: str
    completions: list[Figure]
    careers: list[str]


class ProgramOutcomeRow(Schema):
    cip_code: str
    field: str
    credential: str
    completers: Figure
    median_earnings_1_year: Figure
    median_earnings_4_years: Figure
    median_debt: Figure


class Source(Schema):
    source: str
    period: str


class SchoolDetail(Schema):
    unitid: str
    name: str
    address: str | None
    city: str
    state: str
    state_name: str
    zip_code: str
    latitude: float | None
    longitude: float | None
    control: str | None
    level: str | None
    open: bool
    closed_on: date | None
    directory: Source
    contact: Contact
    programs: list[SchoolProgram]
    cost: dict[str, Figure]
    net_price: dict[str, Figure]
    completion: dict[str, Figure | int | None]
    outcomes: list[ProgramOutcomeRow]
    page_url: str


class OccupationSummary(Schema):
    soc_code: str
    title: str
    major_group: str
    national_median_annual_wage: Figure
    employment_change_percent: Figure
    api_url: str


class OccupationPage(Page):
    results: list[OccupationSummary]


class WageRow(Schema):
    area_type: str
    area_code: str
    area_name: str
    state: str | None
    period: str
    period_label: str
    source: str
    source_url: str | None
    employment: int | None
    annual_mean: int | None
    annual_p10: int | None
    annual_p25: int | None
    annual_median: int | None
    annual_p75: int | None
    annual_p90: int | None
    hourly_mean: float | None
    hourly_median: float | None
    top_coded: list[str]


class ProjectionRow(Schema):
    base_year: int
    target_year: int
    period: str
    source: str
    source_url: str | None
    employment_base_thousands: float | None
    employment_target_thousands: float | None
    change_numeric_thousands: float | None
    change_percent: float | None
    annual_openings_thousands: float | None
    median_annual_wage: int | None
    median_annual_wage_top_coded: bool
    typical_entry_education: str | None
    work_experience: str | None


class CipSummary(Schema):
    code: str
    title: str
    api_url: str


class OccupationCareer(Schema):
    slug: str
    name: str
    primary_occupation: bool
    api_url: str


class OccupationDetail(Schema):
    soc_code: str
    title: str
    major_group: str
    description: str | None
    description_source: str | None
    job_zone: int | None
    typical_education: str | None
    wages: list[WageRow]
    projections: list[ProjectionRow]
    programs: list[CipSummary]
    careers: list[OccupationCareer]


class CipPage(Page):
    results: list[CipSummary]


class CipOccupation(Schema):
    soc_code: str
    title: str
    api_url: str


class CipDetail(Schema):
    code: str
    title: str
    definition: str | None
    source: str
    occupations: list[CipOccupation]
    careers: list[str]
    schools_api_url: str | None


class CareerSummary(Schema):
    slug: str
    name: str
    title: str
    summary: str
    national_median_annual_wage: Figure
    employment_change_percent: Figure
    page_url: str
    api_url: str


class CareerList(Schema):
    count: int
    results: list[CareerSummary]


class OccupationRef(Schema):
    soc_code: str
    title: str


class CareerCertification(Schema):
    slug: str
    acronym: str
    name: str
    body: str
    api_url: str


class CareerPay(Schema):
    national: WageRow | None
    by_state: list[WageRow]
    source: str


class CareerOutlook(Schema):
    occupation: ProjectionRow | None
    all_occupations_change_percent: Figure


class CareerDetail(Schema):
    slug: str
    name: str
    title: str
    summary: str
    occupation: OccupationRef | None
    other_occupations: list[OccupationRef]
    description_source: str | None
    steps: list[str]
    certifications: list[CareerCertification]
    pay: CareerPay
    outlook: CareerOutlook
    page_url: str
    schools_api_url: str


class Body(Schema):
    name: str
    acronym: str
    url: str


class CertificationSummary(Schema):
    slug: str
    acronym: str
    name: str
    body: Body
    page_url: str
    api_url: str


class CertificationList(Schema):
    count: int
    results: list[CertificationSummary]


class Fact(Schema):
    label: str
    value: str | None
    sources: list[int]


class CertificationSource(Schema):
    number: int
    title: str
    publisher: str
    url: str
    kind: str
    page_date: str | None
    may_be_out_of_date: bool


class ProgramRef(Schema):
    code: str
    title: str


class CertificationDetail(CertificationSummary):
    what_it_shows: str
    who_it_suits: str
    eligibility: str | None
    facts: list[Fact]
    facts_gathered_on: date
    official_url: str | None
    sources: list[CertificationSource]
    qualifying_programs: list[ProgramRef]
    qualifying_award: str | None
    careers: list[str]
