"""Reads for Find a School: which programs a career leads to, the search itself, distances and wages.

Every function here runs a fixed number of queries whatever the number of schools, so the results page stays
constant-query as the data grows (tests/schools/test_queries.py holds it to that).
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ASin, Cos, Least, Radians, Sin, Sqrt

from careers.models import Career, CareerOccupation
from reference_data.models import CipCode, CipSocLink, Occupation, WageEstimate
from reference_data.pay import metro_estimates

from .career_programs import OccupationCareer, award_levels_of, career_programs, program_condition
from .filters import SchoolFilter
from .models import CareerProgram, Completion, Institution, Program
from .search_figures import with_best_earnings, with_judging_figures, with_judging_filters

# Mean Earth radius in statute miles (IUGG mean radius, 6371.0088 km).
EARTH_RADIUS_MILES = 3958.76
# One degree of latitude is about 69 miles everywhere; the bounding box only has to be generous, not exact.
MILES_PER_DEGREE_LATITUDE = 69.0
HEALTH_CIP_FAMILY = "51"

# Credentials shortest first; AwardLevel is declared in that order (the AWLEVEL codes themselves are not).
AWARD_LEVEL_ORDER = {code: position for position, code in enumerate(Program.AwardLevel.values)}


def academic_year_label(year):
    """IPEDS survey year 2024 covers July 2023 to June 2024: "2023-24"."""
    if year is None:
        return ""
    return f"{year - 1}-{str(year)[-2:]}"


def health_programs():
    """6-digit CIP codes in family 51 (health professions), the programs the search form lists."""
    return CipCode.objects.filter(digits=6, code__startswith=f"{HEALTH_CIP_FAMILY}.")


def occupation_careers():
    """The healthcare occupations with a page that the crosswalk links a health program (family 51) to, without a
    published guide (a guide stands for its occupation), by title: one query."""
    guided = CareerOccupation.objects.filter(is_primary=True, career__status=Career.Status.PUBLISHED).values(
        "occupation_id"
    )
    linked = CipSocLink.objects.filter(cip__in=health_programs()).values("occupation_id")
    rows = (
        Occupation.objects.healthcare()
        .filter(pk__in=linked)
        .exclude(pk__in=guided)
        .order_by("title", "soc_code")
        .values_list("pk", "soc_code", "title")
    )
    return [OccupationCareer(occupation_id=pk, soc_code=code, title=title) for pk, code, title in rows]


def newest_completions_year():
    """The newest IPEDS completions year loaded (2024 for C2024_A), or None before any import."""
    return Completion.objects.aggregate(newest=Max("year"))["newest"]


@dataclass(frozen=True)
class ProgramCriteria:
    """What makes a program match a search: all conditions hold for one and the same program.

    A school with a coding certificate and an unrelated bachelor's degree is no match for "coding, bachelor's",
    so career, program and award level are applied together rather than filter by filter. The CIP codes are
    resolved to ids up front (see build), so the database plans the search with a short literal list instead of
    re-running the career's subqueries for every school. On a career search ``levels`` holds, for each code, the
    award levels that lead to the career (career_programs: () is every level); ``related`` are the crosswalk's
    other codes for the career's occupation, shown apart and never matched.
    """

    year: int | None
    cip_ids: tuple[int, ...]
    award_levels: tuple[str, ...] = ()
    career: Career | None = None
    cip: CipCode | None = None
    levels: tuple[tuple[str, ...], ...] = ()  # aligned with cip_ids; empty for no restriction
    related: tuple = ()  # career_programs.RelatedProgram

    @classmethod
    def build(cls, *, career=None, cip=None, award_levels=(), year=None):
        """One query for the newest year and at most two for the CIP codes (none when only a program is chosen)."""
        levels, related = (), ()
        if career is not None:
            # A career covers exactly its own codes, whatever their family, at its own credentials.
            chosen = career_programs(career)
            direct = chosen.direct
            if cip is not None:
                direct = tuple((cip_id, lv) for cip_id, lv in direct if cip_id == cip.pk)
            cip_ids = [cip_id for cip_id, _ in direct]
            levels = tuple(lv for _, lv in direct)
            related = chosen.related
        elif cip is not None:
            cip_ids = [cip.pk]
        else:
            # Neither chosen: any health program (family 51) counts; this is a healthcare search.
            cip_ids = list(health_programs().values_list("pk", flat=True))
        if year is None:
            year = newest_completions_year()
        return cls(
            year=year,
            cip_ids=tuple(cip_ids),
            award_levels=tuple(award_levels),
            career=career,
            cip=cip,
            levels=levels,
            related=tuple(related),
        )

    @property
    def year_label(self):
        return academic_year_label(self.year)

    @property
    def matches_nothing(self):
        return self.year is None or not self.cip_ids

    def program_condition(self, prefix=""):
        """The filter for the matching programs' code and career levels (on Institution with "programs__")."""
        if not self.levels:
            return Q(**{f"{prefix}cip_id__in": self.cip_ids})
        return program_condition(zip(self.cip_ids, self.levels, strict=True), prefix=prefix)

    def matches(self, program, completions_in_year) -> bool:
        """Whether one program (read already, with its newest-year completions) meets the criteria: programs() in
        Python, for a page that lists a school's other programs too."""
        if self.matches_nothing or completions_in_year is None:
            return False
        return self.accepts(program.cip_id, program.award_level)

    @cached_property
    def levels_by_cip(self) -> dict:
        """CIP code id -> the award levels that lead to the career there (() for every level)."""
        return dict(zip(self.cip_ids, self.levels or ((),) * len(self.cip_ids), strict=True))

    def accepts(self, cip_id, award_level) -> bool:
        """Whether a program at this code and award level meets the criteria, its completions aside (the in-memory
        search asks it of each program: schools/search_index.py)."""
        levels = self.levels_by_cip.get(cip_id)
        if levels is None or (self.award_levels and award_level not in self.award_levels):
            return False
        return not levels or award_level in levels

    def programs(self) -> QuerySet:
        """Programs meeting the criteria that reported completions in the newest year, with that year's total."""
        if self.matches_nothing:
            return Program.objects.none()
        programs = (
            Program.objects.annotate(newest=FilteredRelation("completions", condition=Q(completions__year=self.year)))
            .filter(newest__isnull=False)
            .filter(self.program_condition())
        )
        if self.award_levels:
            programs = programs.filter(award_level__in=self.award_levels)
        return programs.annotate(completions_in_year=F("newest__total"))


def schools_offering(queryset: QuerySet, criteria: ProgramCriteria) -> QuerySet:
    """Institutions with at least one program matching the criteria in the newest completions year (closed ones
    too: the search leaves them out unless asked, search_figures.with_judging_filters)."""
    if criteria.matches_nothing:
        return queryset.none()
    matching = criteria.programs().filter(institution=OuterRef("pk"))
    return queryset.filter(Exists(matching))


def with_completions_total(queryset: QuerySet, criteria: ProgramCriteria) -> QuerySet:
    """Annotate each school with the completions of its matching programs in the newest year (for sorting)."""
    if criteria.matches_nothing:
        # No program can match (a career without CIP codes, or no completions loaded): there is nothing to total.
        return queryset.annotate(matching_completions=Value(None, output_field=IntegerField()))
    totals = (
        criteria.programs()
        .filter(institution=OuterRef("pk"))
        .order_by()
        .values("institution")
        .annotate(total=Sum("newest__total"))
        .values("total")
    )
    return queryset.annotate(matching_completions=Subquery(totals, output_field=IntegerField()))


class Sort:
    """The orders a search can list its schools in (the form labels them)."""

    DISTANCE = "distance"
    NAME = "name"
    COMPLETIONS = "completions"
    NET_PRICE = "net_price"
    EARNINGS = "earnings"


@dataclass(frozen=True)
class SchoolSearchCriteria:
    """A whole search, as the form cleaned it: the program criteria and the school's own conditions."""

    programs: ProgramCriteria
    name: str = ""
    state: str = ""
    control: str = ""
    level: str = ""
    near: object = None  # a reference_data.places.Place (anything with latitude and longitude), or None
    radius_miles: int | None = None
    sort: str = Sort.NAME
    # Judging filters (search_figures.with_judging_filters): closed schools are left out unless asked for.
    include_closed: bool = False
    online: bool = False
    federal_aid: bool = False
    max_net_price: int | None = None


def school_search(*, criteria: SchoolSearchCriteria) -> QuerySet:
    """The schools a search lists, in its order, with ``shown_name`` (staff corrections) and, from a ZIP code,
    ``distance_miles``; hidden schools are left out. One query when evaluated (two with a name: the renamed schools
    are read first, see SchoolFilter)."""
    schools = schools_offering(Institution.objects.listed().with_overrides(), criteria.programs)
    return _filtered_and_ordered(schools, criteria)


def _filtered_and_ordered(schools: QuerySet, criteria: SchoolSearchCriteria) -> QuerySet:
    """The school's own conditions of a search (name, state, type, length, distance, the judging filters) and its
    order. Every order ends with name and UNITID, so ties keep one order from page to page."""
    schools = with_judging_filters(with_judging_figures(schools), criteria)
    plain = {"q": criteria.name, "state": criteria.state, "control": criteria.control, "level": criteria.level}
    filterset = SchoolFilter({name: value for name, value in plain.items() if value}, queryset=schools)
    if not filterset.is_valid():
        raise ValueError(f"school_search takes cleaned values: {filterset.errors.as_data()}")
    schools = filterset.qs
    if criteria.near is not None:
        near = criteria.near
        schools = with_distance(schools, near.latitude, near.longitude, criteria.radius_miles)
    if criteria.sort == Sort.DISTANCE:
        return schools.order_by(F("distance_miles").asc(nulls_last=True), "shown_name", "unitid")
    if criteria.sort == Sort.COMPLETIONS:
        schools = with_completions_total(schools, criteria.programs)
        return schools.order_by(F("matching_completions").desc(nulls_last=True), "shown_name", "unitid")
    if criteria.sort == Sort.NET_PRICE:
        return schools.order_by(F("net_price").asc(nulls_last=True), "shown_name", "unitid")
    if criteria.sort == Sort.EARNINGS:
        schools = with_best_earnings(schools, criteria.programs)
        return schools.order_by(F("best_earnings").desc(nulls_last=True), "shown_name", "unitid")
    return schools.order_by("shown_name", "unitid")


# What an export reads of each school and each of its matching programs: one row per program.
EXPORT_FIELDS = (
    "unitid",
    "name",
    "slug",
    "shown_name",
    "city",
    "state",
    "zip_code",
    "control",
    "level",
    "shown_web_address",
    "id",
    "title_iv_status",
    "is_active",
    "closed_on",
)


def school_search_rows(*, criteria: SchoolSearchCriteria) -> QuerySet:
    """The search as plain rows (dicts) for an export: one per matching program, a school's rows together and in
    the search's order, with the program's ``cip_code``, ``cip_title``, ``award_level`` and ``completions``.

    One query and no model instances. The nationwide export (3,877 schools, 38,059 programs, 3.9 MB) built a model
    instance of each school and program: 2.1 s of Python CPU per download on PostgreSQL with the real data. From these
    rows it takes 0.3 s, plus about 0.4 s for the query itself (both measured on a busy two-core machine).
    """
    programs = criteria.programs
    if programs.matches_nothing:
        return Institution.objects.none().values(*EXPORT_FIELDS)
    if criteria.sort == Sort.EARNINGS:
        return _rows_by_earnings(criteria)
    # The matching programs are joined (one row each) rather than tested with schools_offering's EXISTS, which
    # would read them twice; one filter() call makes the program and its completions one join each, and values()
    # reads those joins.
    matching = {"programs__completions__year": programs.year}
    if programs.award_levels:
        matching["programs__award_level__in"] = programs.award_levels
    schools = Institution.objects.listed().with_overrides().filter(programs.program_condition("programs__"), **matching)
    fields = [*EXPORT_FIELDS, *(["distance_miles"] if criteria.near is not None else [])]
    return _filtered_and_ordered(schools, criteria).values(
        *fields,
        cip_code=F("programs__cip__code"),
        cip_title=F("programs__cip__title"),
        award_level=F("programs__award_level"),
        completions=F("programs__completions__total"),
    )


def _rows_by_earnings(criteria: SchoolSearchCriteria) -> list:
    """The export's rows in the earnings order: the schools' order read once per school, then the rows (by name)
    put in it. Ordering the rows themselves ran the earnings subquery once per program row: 5.5 s for the
    nationwide file, against about 0.5 s per school."""
    position = {pk: n for n, pk in enumerate(school_search(criteria=criteria).values_list("pk", flat=True))}
    rows = list(school_search_rows(criteria=replace(criteria, sort=Sort.NAME)))
    rows.sort(key=lambda row: position[row["id"]])  # stable: each school's rows keep their order
    return rows


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float | None
    max_longitude: float | None


def bounding_box(latitude, longitude, radius_miles) -> BoundingBox:
    """A latitude/longitude box that holds every point within radius_miles of the origin.

    Longitude degrees shrink with cos(latitude); near the poles or across the 180th meridian the longitude
    bounds are dropped (None) and only the latitude band prefilters.
    """
    lat_delta = radius_miles / MILES_PER_DEGREE_LATITUDE
    min_lat, max_lat = latitude - lat_delta, latitude + lat_delta
    # The widest point of the circle is nearer the pole than the centre, so use the box's poleward edge.
    poleward = max(abs(min_lat), abs(max_lat))
    if poleward >= 89.0:
        return BoundingBox(min_lat, max_lat, None, None)
    lon_delta = radius_miles / (MILES_PER_DEGREE_LATITUDE * math.cos(math.radians(poleward)))
    min_lon, max_lon = longitude - lon_delta, longitude + lon_delta
    if min_lon < -180.0 or max_lon > 180.0:
        return BoundingBox(min_lat, max_lat, None, None)
    return BoundingBox(min_lat, max_lat, min_lon, max_lon)


def distance_miles_expression(latitude, longitude):
    """Great-circle distance in miles from (latitude, longitude) to each row, by the haversine formula.

    Runs in the database (SQLite and PostgreSQL both have these functions through Django). The haversine term is
    clamped to 1 because rounding can push it just past 1 for antipodal points, and ASIN then fails on PostgreSQL.
    A school without a location has no distance (NULL): PostgreSQL's LEAST skips NULLs, so without the CASE its
    clamp made that 1, and the school 12,436.8 miles away (half the Earth's circumference) in the CSV.
    """
    origin_lat = Value(math.radians(latitude), output_field=FloatField())
    origin_lon = Value(math.radians(longitude), output_field=FloatField())
    half_dlat = (Radians(F("latitude")) - origin_lat) / 2.0
    half_dlon = (Radians(F("longitude")) - origin_lon) / 2.0
    haversine = Sin(half_dlat) * Sin(half_dlat) + Cos(origin_lat) * Cos(Radians(F("latitude"))) * Sin(half_dlon) * Sin(
        half_dlon
    )
    miles = Value(2.0 * EARTH_RADIUS_MILES) * ASin(Sqrt(Least(Value(1.0), haversine, output_field=FloatField())))
    located = Q(latitude__isnull=False, longitude__isnull=False)
    return Case(When(located, then=miles), default=None, output_field=FloatField())


def with_distance(queryset: QuerySet, latitude, longitude, radius_miles=None) -> QuerySet:
    """Annotate distance_miles from the origin; with a radius, keep only schools within it.

    The bounding box on the indexed latitude/longitude columns cuts the rows before the trigonometry runs.
    """
    queryset = queryset.annotate(distance_miles=distance_miles_expression(latitude, longitude))
    if radius_miles is None:
        return queryset
    box = bounding_box(latitude, longitude, radius_miles)
    queryset = queryset.filter(latitude__gte=box.min_latitude, latitude__lte=box.max_latitude)
    if box.min_longitude is not None:
        queryset = queryset.filter(longitude__gte=box.min_longitude, longitude__lte=box.max_longitude)
    return queryset.filter(distance_miles__lte=radius_miles)


def sort_award_levels(programs):
    return sorted(programs, key=lambda p: (p.cip.code, AWARD_LEVEL_ORDER.get(p.award_level, 99)))


@dataclass
class CareerWages:
    """Median annual pay for a career's primary occupation: national and by state, one OEWS period."""

    occupation_title: str = ""
    period_label: str = ""
    national: WageEstimate | None = None
    by_state: dict = field(default_factory=dict)

    def for_state(self, state):
        return self.by_state.get(state)

    @property
    def source_label(self):
        return f"BLS OEWS, {self.period_label}" if self.period_label else ""


def career_wages(career) -> CareerWages:
    """National and state OEWS estimates for the career's primary occupation, newest period: one query.

    A career without a primary occupation uses its first one by SOC code; an OccupationCareer its occupation.
    """
    if isinstance(career, OccupationCareer):
        occupation_id = career.occupation_id
    else:
        occupation_id = Subquery(
            CareerOccupation.objects.filter(career=career)
            .order_by("-is_primary", "occupation__soc_code")
            .values("occupation_id")[:1]
        )
    newest_period = Subquery(
        WageEstimate.objects.filter(occupation_id=OuterRef("occupation_id"), area_type=WageEstimate.AreaType.NATIONAL)
        .order_by("-period")
        .values("period")[:1]
    )
    estimates = (
        WageEstimate.objects.filter(
            occupation_id=occupation_id,
            area_type__in=[WageEstimate.AreaType.NATIONAL, WageEstimate.AreaType.STATE],
        )
        .filter(period=newest_period)
        .select_related("occupation")
    )
    wages = CareerWages()
    for estimate in estimates:
        wages.occupation_title = estimate.occupation.title
        wages.period_label = estimate.period_label
        if estimate.area_type == WageEstimate.AreaType.NATIONAL:
            wages.national = estimate
        elif estimate.state:
            wages.by_state[estimate.state] = estimate
    return wages


def career_metro_wages(wages: CareerWages | None) -> dict:
    """The career's metro-area estimates (same occupation and period as ``wages``) by CBSA, every metro area: one
    query, none without a career."""
    if wages is None or wages.national is None:
        return {}
    return metro_estimates(wages.national.occupation_id, wages.national.period)


def published_careers_by_cip(cip_ids) -> dict:
    """For each CIP code id, the published guides whose search matches it, each with the award levels it matches
    at (() for every level): career_programs' rule, for many careers at once.

    Three queries whatever the number of programs; used on the school page to link programs to careers.
    """
    cip_ids = list(cip_ids)
    published = Career.Status.PUBLISHED
    links = (
        CipSocLink.objects.filter(cip_id__in=cip_ids, occupation__career_links__career__status=published)
        .values_list("cip_id", "occupation__career_links__career_id")
        .distinct()
    )
    # Every published career's choices, not only those at these codes: a career with any include matches its
    # includes alone. A handful of rows per career.
    choices = CareerProgram.objects.filter(career__status=published).values_list(
        "cip_id", "career_id", "action", "credentials"
    )
    naming = set()
    chosen = {}
    for cip_id, career_id, action, credentials in choices:
        if action == CareerProgram.Action.INCLUDE:
            naming.add(career_id)
        chosen[(cip_id, career_id)] = (action, credentials)
    levels_by_cip = defaultdict(dict)
    for cip_id, career_id in links:
        if career_id not in naming and (cip_id, career_id) not in chosen:
            levels_by_cip[cip_id][career_id] = ()
    for (cip_id, career_id), (action, credentials) in chosen.items():
        if action == CareerProgram.Action.INCLUDE and cip_id in cip_ids:
            levels_by_cip[cip_id][career_id] = award_levels_of(credentials)
    wanted = {career_id for by_career in levels_by_cip.values() for career_id in by_career}
    careers = Career.objects.published().in_bulk(wanted) if wanted else {}
    result = {}
    for cip_id, by_career in levels_by_cip.items():
        kept = [(careers[c], levels) for c, levels in by_career.items() if c in careers]
        result[cip_id] = sorted(kept, key=lambda pair: pair[0].short_name)
    return result


def healthcare_occupations_by_cip(cip_ids) -> dict:
    """For each CIP code id, the healthcare occupations with a page that the official crosswalk links it to, by
    title (one query whatever the number of programs). Occupations with a published guide are left out: the
    guides are listed beside them (published_careers_by_cip), and their pages lead to the guide anyway."""
    guided = CareerOccupation.objects.filter(
        occupation=OuterRef("occupation"), is_primary=True, career__status=Career.Status.PUBLISHED
    )
    links = (
        CipSocLink.objects.filter(cip_id__in=list(cip_ids), occupation__in=Occupation.objects.healthcare())
        .exclude(Exists(guided))
        .select_related("occupation")
        .only("cip_id", "occupation__soc_code", "occupation__title")
        .order_by("occupation__title")
    )
    result = defaultdict(list)
    for link in links:
        result[link.cip_id].append(link.occupation)
    return result


def school_health_programs(institution) -> tuple[list, list]:
    """All of a school's health programs (family 51) and the completions years they cover, newest first.

    Each program gets ``totals_by_year``, aligned with the years (None where it reported nothing that year),
    ``careers``, the published guides it leads to, and ``occupations``, the healthcare occupations the crosswalk
    links it to (each has a page). Five queries whatever the number of programs.
    """
    programs = sort_award_levels(
        Program.objects.filter(institution=institution, cip__code__startswith=f"{HEALTH_CIP_FAMILY}.")
        .select_related("cip")
        .prefetch_related("completions")
    )
    years = sorted({c.year for program in programs for c in program.completions.all()}, reverse=True)
    careers_by_cip = published_careers_by_cip({program.cip_id for program in programs})
    occupations_by_cip = healthcare_occupations_by_cip({program.cip_id for program in programs})
    for program in programs:
        totals = {c.year: c.total for c in program.completions.all()}
        program.totals_by_year = [totals.get(year) for year in years]
        program.careers = [
            career
            for career, levels in careers_by_cip.get(program.cip_id, [])
            if not levels or program.award_level in levels
        ]
        program.occupations = occupations_by_cip.get(program.cip_id, [])
    return programs, years


def directory_year_label(survey_year):
    """The HD2024 directory describes the 2024-25 academic year."""
    return academic_year_label(survey_year + 1) if survey_year else ""
