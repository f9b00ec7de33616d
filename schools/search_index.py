"""Find a School's search, answered from memory: which schools a search lists, in which order, and how many.

selectors.school_search says the same in SQL, and the CSV export still runs it; this index is what the results page
and the API use. It holds, per content version, one small record per listed school (its filterable columns and its
judging figures) and one tuple per program that reported completions in the newest year, and a search filters and
sorts those in Python. Built by :func:`search_index` once per worker and content version (in gunicorn's master
before the fork too: core.prefork), from five queries.

Why: a search nobody had run before cost 25-33 ms of a worker's time on the national data, and about 10 ms of that
was building, compiling and running the one search query (timers on 195 searches; the page's own reads and the
rendering were the rest). Here the same choice of schools takes a fraction of a millisecond to 3 ms. The order is
the SQL's by construction: every sort ends with the rank of the school's shown name and UNITID as the database
ordered them when the index was built, and tests/schools/test_search_index.py compares the two on every filter and
order.
"""

import math
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from django.db import DatabaseError
from django.db.models import F

from core.page_cache import memoized_for_content
from reference_data.models import CipCode

from .models import Completion, Institution
from .outcome_models import CREDENTIAL_FOR_AWARD_LEVEL, IpedsAnswer, ProgramOutcome
from .search_figures import FEDERAL_AID_STATUSES, OutcomeFigures, newest_outcome_release, with_judging_figures
from .selectors import (
    EARTH_RADIUS_MILES,
    ProgramCriteria,
    Sort,
    bounding_box,
    newest_completions_year,
)

NAME_SEPARATOR = "\x00"
# How many searches' matching schools an index keeps (SearchIndex._matching_for): every career and program, and the
# commonest of their credential filters, within about 13 MB.
MATCHING_KEPT = 1024


@dataclass(slots=True)
class IndexedSchool:
    """What a search filters and sorts a school by."""

    pk: int
    name_rank: int  # position in the order of (shown name, UNITID): every order's last key
    state: str
    control: str
    level: str
    latitude: float | None
    longitude: float | None
    is_open: bool
    federal_aid: bool
    online: bool
    net_price: int | None
    # The name, alias and shown name, upper-cased and joined by a character no name has (icontains on each).
    names: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A listed school in a search's results, with its distance from the searched place where the search computed
    it (a radius or the distance order: SearchIndex.page_distances fills in the rest for a page)."""

    pk: int
    distance_miles: float | None


class SearchIndex:
    """Every listed school and its programs of the newest completions year, as plain values."""

    def __init__(self, *, year, schools, programs_by_cip, cips, instances, outcomes_by_school):
        self.year = year
        self.cips = cips  # cip id -> CipCode, for the codes the programs have
        self.programs_by_school = defaultdict(list)  # school pk -> [(cip id, award level, completions)]
        for cip_id, programs in programs_by_cip.items():
            for pk, award_level, completions, _ in programs:
                self.programs_by_school[pk].append((cip_id, award_level, completions))
        # Every listed school as selectors.school_search reads it (shown name and web address, judging figures), for
        # the result pages (search_results.page_schools): reading a page's 20 schools took 5 ms of SQL.
        self.school_instances = instances
        # school pk -> its Field of Study rows of the newest release (search_figures.OutcomeFigures), by field and
        # credential: the cards' earnings, read with the page's schools in 1.0-1.7 ms (one query) before.
        self.outcomes_by_school = outcomes_by_school
        self._urls = {}
        self.schools = schools  # pk -> IndexedSchool
        # Every school's names in one string, for a name search (_named): one C-speed substring scan instead of a
        # test per school, which was 0.6 ms of each new name search over the 6,000 schools. A NUL separates two
        # schools; no search holds one (the form refuses control characters), so no match spans two.
        self._name_order = list(schools.values())
        self._name_starts = list(accumulate((len(school.names) + 1 for school in self._name_order[:-1]), initial=0))
        self._names_text = NAME_SEPARATOR.join(school.names for school in self._name_order)
        self.by_state = defaultdict(list)
        for school in schools.values():
            self.by_state[school.state].append(school)
        # cip id -> [(school pk, award level, completions in the year, earnings a year after completing or None)]
        self.programs_by_cip = programs_by_cip
        # A search's matching schools depend only on its codes, levels and credentials: summing them was 0.31 ms of a
        # new career + ZIP search (a career matches up to 2,200 schools), and a search for any health program sums
        # 38,000 programs. The 86 careers' and 263 programs' sums take 4.3 MB (12 KB each on average); with the
        # credential filter there can be a few thousand, so the least recently used go past MATCHING_KEPT. gunicorn's
        # master sums every career's and program's, and any program's, before it forks (search_data.warm_up).
        self._matching_for = lru_cache(maxsize=MATCHING_KEPT)(self._sum_for)

    def search(self, criteria) -> list[SearchHit]:
        """The hits of a search (selectors.SchoolSearchCriteria) in its order: what selectors.school_search lists."""
        programs = criteria.programs
        if programs.matches_nothing or programs.year != self.year:
            return []
        totals, best_earnings = self.matching(programs)
        candidates = self._pool(criteria, totals)
        distances = {}
        near = criteria.near
        if near is not None and (criteria.radius_miles is not None or criteria.sort == Sort.DISTANCE):
            # First: a radius leaves out most of a career's schools, with a few comparisons each.
            candidates, distances = _within(candidates, near, criteria.radius_miles)
        candidates = [school for school in candidates if _passes(school, criteria)]
        candidates.sort(key=_sort_key(criteria.sort, totals, best_earnings, distances))
        # Without a radius or the distance order, only the page's schools need their distance (page_distances).
        return [SearchHit(school.pk, distances.get(school.pk)) for school in candidates]

    def school_url(self, pk) -> str:
        """The school page's address, reversed once per version: 20 reversals were 0.5 ms of every results page."""
        try:
            return self._urls[pk]
        except KeyError:
            return self._urls.setdefault(pk, self.school_instances[pk].get_absolute_url())

    def page_distances(self, hits, near) -> dict:
        """pk -> distance from ``near`` for the hits of one page (None for a school without a location)."""
        if near is None:
            return {}
        origin = _Origin(near)
        found = {}
        for hit in hits:
            school = self.schools[hit.pk]
            if hit.distance_miles is not None or school.latitude is None or school.longitude is None:
                found[hit.pk] = hit.distance_miles
            else:
                found[hit.pk] = origin.miles_to(school.latitude, school.longitude)
        return found

    def _pool(self, criteria, totals):
        """The schools with a matching program, narrowed first by the cheapest selective condition: a name (one scan
        of the joined names: _named), else a state."""
        if criteria.name:
            return [school for school in self._named(criteria.name.upper()) if school.pk in totals]
        if criteria.state:
            return [school for school in self.by_state.get(criteria.state, ()) if school.pk in totals]
        return [self.schools[pk] for pk in totals]

    def _named(self, wanted):
        """The schools with ``wanted`` (upper case) in a name, alias or shown name: each occurrence in the joined
        names gives its school, and the scan goes on from the next school's names."""
        if NAME_SEPARATOR in wanted:
            return []
        text, starts, order = self._names_text, self._name_starts, self._name_order
        found = []
        position = text.find(wanted)
        while position != -1:
            number = bisect_right(starts, position) - 1
            found.append(order[number])
            if number + 1 == len(starts):
                break
            position = text.find(wanted, starts[number + 1])
        return found

    def matching(self, programs):
        """Each school with a matching program: its matching completions summed and its best earnings."""
        return self._matching_for(programs.cip_ids, programs.levels, programs.award_levels)

    def _sum_for(self, cip_ids, levels, award_levels):
        """_sum of the criteria these three parts make; kept per index (``_matching_for``, made in __init__)."""
        return self._sum(ProgramCriteria(year=self.year, cip_ids=cip_ids, levels=levels, award_levels=award_levels))

    def _sum(self, programs):
        totals = defaultdict(int)
        best = {}
        for cip_id in programs.cip_ids:
            for pk, award_level, completions, earnings in self.programs_by_cip.get(cip_id, ()):
                if not programs.accepts(cip_id, award_level):
                    continue
                totals[pk] += completions
                if earnings is not None and (best.get(pk) is None or earnings > best[pk]):
                    best[pk] = earnings
                elif pk not in best:
                    best[pk] = None
        return dict(totals), best  # shared by later searches: no default that a read could grow


class _Origin:
    """selectors.distance_miles_expression in Python, term by term, so the distance and the radius test agree
    with the SQL to the last bit (both are IEEE doubles through the C library's functions)."""

    def __init__(self, near):
        self.latitude = math.radians(near.latitude)
        self.longitude = math.radians(near.longitude)
        self.cos_latitude = math.cos(self.latitude)

    def miles_to(self, latitude, longitude):
        latitude = math.radians(latitude)
        half_dlat = (latitude - self.latitude) / 2.0
        half_dlon = (math.radians(longitude) - self.longitude) / 2.0
        haversine = math.sin(half_dlat) * math.sin(half_dlat) + self.cos_latitude * math.cos(latitude) * math.sin(
            half_dlon
        ) * math.sin(half_dlon)
        return (2.0 * EARTH_RADIUS_MILES) * math.asin(math.sqrt(min(1.0, haversine)))


@dataclass(frozen=True, slots=True)
class MatchingProgram:
    """A school's program that matches a search, as ProgramCriteria.programs() reads it for a result card."""

    cip: CipCode
    award_level: str
    completions_in_year: int


def matching_programs(index, pk, programs) -> list[MatchingProgram]:
    """School ``pk``'s programs that meet ``programs`` (a ProgramCriteria) in the index's year, by CIP code and award
    level, as ProgramCriteria.programs() reads them in SQL."""
    found = [
        MatchingProgram(index.cips[cip_id], award_level, completions)
        for cip_id, award_level, completions in index.programs_by_school.get(pk, ())
        if programs.accepts(cip_id, award_level)
    ]
    found.sort(key=lambda program: (program.cip.code, program.award_level))
    return found


def _passes(school, criteria) -> bool:
    """The school's own conditions of a search (SchoolFilter and search_figures.with_judging_filters), but its name:
    that chose the pool (SearchIndex._pool)."""
    if not criteria.include_closed and not school.is_open:
        return False
    if criteria.online and not school.online:
        return False
    if criteria.federal_aid and not school.federal_aid:
        return False
    if criteria.max_net_price is not None and (school.net_price is None or school.net_price > criteria.max_net_price):
        return False
    if criteria.state and school.state != criteria.state:
        return False
    if criteria.control and school.control != criteria.control:
        return False
    return not (criteria.level and school.level != criteria.level)


def _within(candidates, near, radius_miles):
    """The candidates within the radius (all those with a location when there is none) and their distances."""
    origin = _Origin(near)
    kept, distances = [], {}
    box = bounding_box(near.latitude, near.longitude, radius_miles) if radius_miles is not None else None
    for school in candidates:
        latitude, longitude = school.latitude, school.longitude
        if latitude is None or longitude is None:
            if box is None:
                kept.append(school)  # listed last, "distance unknown"
            continue
        if box is not None:
            if not box.min_latitude <= latitude <= box.max_latitude:
                continue
            if box.min_longitude is not None and not box.min_longitude <= longitude <= box.max_longitude:
                continue
        miles = origin.miles_to(latitude, longitude)
        if radius_miles is not None and miles > radius_miles:
            continue
        distances[school.pk] = miles
        kept.append(school)
    return kept, distances


def _sort_key(sort, totals, best_earnings, distances):
    """selectors._filtered_and_ordered's orders: the figure (missing ones last), then name and UNITID."""
    if sort == Sort.DISTANCE:
        return lambda s: (s.pk not in distances, distances.get(s.pk, 0.0), s.name_rank)
    if sort == Sort.COMPLETIONS:
        return lambda s: (-totals[s.pk], s.name_rank)
    if sort == Sort.NET_PRICE:
        return lambda s: (s.net_price is None, s.net_price or 0, s.name_rank)
    if sort == Sort.EARNINGS:
        return lambda s: (best_earnings.get(s.pk) is None, -(best_earnings.get(s.pk) or 0), s.name_rank)
    return lambda s: s.name_rank


def build_search_index() -> SearchIndex:
    """Five queries: the newest year, the schools, the CIP codes, the Field of Study earnings and the programs."""
    year = newest_completions_year()
    listed = with_judging_figures(Institution.objects.listed().with_overrides())
    instances = list(listed.order_by("shown_name", "unitid"))
    schools = {}
    for rank, school in enumerate(instances):
        names = (school.name, school.alias, school.shown_name)
        schools[school.pk] = IndexedSchool(
            pk=school.pk, name_rank=rank, state=school.state, control=school.control, level=school.level,
            latitude=school.latitude, longitude=school.longitude, is_open=not school.is_closed,
            federal_aid=school.title_iv_status in FEDERAL_AID_STATUSES,
            online=school.online_programs == IpedsAnswer.YES, net_price=school.net_price,
            names="\n".join(name.upper() for name in names if name),
        )  # fmt: skip
    # The CIP codes the year's programs have (a few hundred of the 2,848).
    cips = CipCode.objects.filter(programs__completions__year=year).distinct().in_bulk()
    outcomes_by_school = defaultdict(list)
    earnings = {}
    titles = {}  # one string per CIP title, not one per row
    outcome_rows = (
        ProgramOutcome.objects.filter(released_on=newest_outcome_release())
        .order_by("institution_id", "cip_code", "credential_level")
        .values_list("institution_id", "cip_code", "credential_level", "earnings_1_year", "released_on", "cip_title")
    )
    for school, field, credential, amount, released_on, title in outcome_rows:
        earnings[(school, field, credential)] = amount
        title = titles.setdefault(title, title)
        outcomes_by_school[school].append(OutcomeFigures(field, credential, amount, released_on, title))
    programs_by_cip = defaultdict(list)
    completions = Completion.objects.filter(year=year).values_list(
        F("program__institution_id"), F("program__cip_id"), F("program__award_level"), "total"
    )
    for school, cip_id, award_level, total in completions.order_by():
        if school not in schools:
            continue  # hidden by staff
        credential = CREDENTIAL_FOR_AWARD_LEVEL.get(award_level)
        amount = earnings.get((school, cips[cip_id].code[:5], credential))
        programs_by_cip[cip_id].append((school, award_level, total, amount))
    return SearchIndex(
        year=year, schools=schools, programs_by_cip=dict(programs_by_cip), cips=cips,
        instances={school.pk: school for school in instances}, outcomes_by_school=dict(outcomes_by_school),
    )  # fmt: skip


def search_index(request=None) -> SearchIndex:
    """The index of the current content version, built once per process and version."""
    return memoized_for_content("search-index", build=build_search_index, request=request)


def warm_up():
    """Build the index in gunicorn's master before it forks (config/gunicorn.py), so that every worker shares it: the
    national data's took about a second. Returns how many schools it holds, or None when the database cannot answer
    yet (a fresh install before its migrations): the first search builds it then."""
    try:
        return len(search_index().schools)
    except DatabaseError:
        return None
