"""What Find a School reads to judge a school by (issue 13): cost, net price, online study, federal aid, closure and
the graduates' earnings of the matching programs, for the filters, the orders, the result cards and the CSV.

Each figure is the school's newest row of its dataset, read as a correlated subquery of the search itself, so the
export still runs one query for its schools however many there are (the results page reads them from memory:
schools/search_index.py). Nothing here turns a missing value into 0: a school without a row, or with a
suppressed value, gets NULL, and the presenters say why in words.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr

from .models import Institution
from .outcome_models import (
    CREDENTIAL_FOR_AWARD_LEVEL,
    DistanceEducation,
    InstitutionCost,
    InstitutionOutcome,
    IpedsAnswer,
    ProgramOutcome,
)

# OPEFLAG codes of schools whose students can get federal (Title IV) aid: participating (1), a branch of a
# participating main campus (2), new participants (4, 8). 3 is "deferment only - limited participation" (its
# students may defer their loans; it disburses no aid); 5 to 7 do not participate (IPEDS HD data dictionary, OPEFLAG).
FEDERAL_AID_STATUSES = (1, 2, 4, 8)

# The annotations the cards and the CSV read (see with_judging_figures).
FIGURE_FIELDS = (
    "tuition_in_state",
    "cost_year",
    "net_price",
    "net_price_released_on",
    "online_programs",
)


def _newest(queryset, field, output_field):
    return Subquery(queryset.values(field)[:1], output_field=output_field)


def with_judging_figures(queryset: QuerySet) -> QuerySet:
    """Annotate each school's newest in-state tuition and fees (IPEDS IC_AY) and its year, its newest average net
    price (College Scorecard) and release date, and its newest answer to "offers programs by distance education"
    (IPEDS IC DISTPGS). Each is one index lookup per school (the tables' unique keys start with the school)."""
    costs = InstitutionCost.objects.filter(institution=OuterRef("pk")).order_by("-year")
    outcomes = InstitutionOutcome.objects.filter(institution=OuterRef("pk")).order_by("-released_on")
    distance = DistanceEducation.objects.filter(institution=OuterRef("pk")).order_by("-year")
    return queryset.annotate(
        tuition_in_state=_newest(costs, "tuition_in_state", IntegerField()),
        cost_year=_newest(costs, "year", IntegerField()),
        net_price=_newest(outcomes, "net_price_average", IntegerField()),
        net_price_released_on=_newest(outcomes, "released_on", DateField()),
        online_programs=_newest(distance, "offers_online_programs", CharField()),
    )


def open_schools(queryset: QuerySet) -> QuerySet:
    """Schools IPEDS lists as open: active in the newest directory and with no closing date (Institution.is_closed
    in SQL)."""
    return queryset.filter(is_active=True, closed_on__isnull=True)


def with_judging_filters(queryset: QuerySet, criteria) -> QuerySet:
    """The search's judging filters (criteria: selectors.SchoolSearchCriteria), on a queryset already annotated by
    with_judging_figures. A maximum net price leaves out schools with no published net price (NULL <= n is not
    true): the page says so."""
    if not criteria.include_closed:
        queryset = open_schools(queryset)
    if criteria.online:
        queryset = queryset.filter(online_programs=IpedsAnswer.YES)
    if criteria.federal_aid:
        queryset = queryset.filter(title_iv_status__in=FEDERAL_AID_STATUSES)
    if criteria.max_net_price is not None:
        queryset = queryset.filter(net_price__lte=criteria.max_net_price)
    return queryset


def _scorecard_credential():
    """A program's IPEDS award level as the College Scorecard credential level (CREDLEV) that counts it."""
    by_credential = {}
    for award_level, credential in CREDENTIAL_FOR_AWARD_LEVEL.items():
        by_credential.setdefault(credential, []).append(award_level)
    return Case(
        *(When(award_level__in=levels, then=Value(credential)) for credential, levels in by_credential.items()),
        output_field=IntegerField(),
    )


def newest_outcome_release():
    """The newest Field of Study release loaded, as a subquery (the database reads it once per query)."""
    return Subquery(ProgramOutcome.objects.order_by("-released_on").values("released_on")[:1])


def with_best_earnings(queryset: QuerySet, program_criteria) -> QuerySet:
    """Annotate ``best_earnings``: the highest median earnings one year after completing among the school's
    matching programs (NULL when none is published), for sorting by graduates' earnings.

    Read from the programs' side: for each matching program, its Field of Study row is one lookup on the table's
    unique key (school, field, credential, release). Read from the rows' side (an EXISTS over each row's programs),
    or with the model's default ordering left in, a search for any health program sorted by earnings took 1.0 to
    1.3 s of SQL on the national data; this way 0.54 s, against 0.28 s for the same search sorted by completions and
    0.07 s by name, measured together. With a state or a career it is 0.06 to 0.11 s.
    """
    if program_criteria.matches_nothing:
        return queryset.annotate(best_earnings=Value(None, output_field=IntegerField()))
    earnings = ProgramOutcome.objects.filter(
        institution_id=OuterRef("institution_id"),
        cip_code=OuterRef("field"),
        credential_level=OuterRef("credential"),
        released_on=newest_outcome_release(),
    )
    # No ordering (the model's default orders by school, which would join the school table for every lookup).
    earnings = earnings.order_by().values("earnings_1_year")[:1]
    best = (
        program_criteria.programs()
        .filter(institution=OuterRef("pk"))
        .annotate(field=Substr("cip__code", 1, 5), credential=_scorecard_credential())
        .annotate(earnings=Subquery(earnings, output_field=IntegerField()))
        .order_by(F("earnings").desc(nulls_last=True))
        .values("earnings")[:1]
    )
    return queryset.annotate(best_earnings=Subquery(best, output_field=IntegerField()))


@dataclass(frozen=True, slots=True)
class OutcomeFigures:
    """What the export and the result cards read of a Field of Study row (plain values: the nationwide file has
    30,000 of them, and the search index keeps them all: schools/search_index.py)."""

    cip_code: str
    credential_level: int
    earnings_1_year: int | None
    released_on: object
    cip_title: str = ""

    @property
    def credential_label(self):
        return CREDENTIAL_LABELS.get(self.credential_level, str(self.credential_level))


CREDENTIAL_LABELS = dict(ProgramOutcome.CredentialLevel.choices)


def figures_by_school(school_ids: QuerySet) -> dict:
    """School id -> its with_judging_figures values (FIGURE_FIELDS), for the export: one query, one row per school.
    Selected with the export's rows instead, the figures were read once per program row: 38,000 rows and 0.5 s more
    for the nationwide file."""
    rows = with_judging_figures(Institution.objects.filter(pk__in=school_ids)).values("pk", *FIGURE_FIELDS)
    return {row.pop("pk"): row for row in rows}


def outcome_figures_by_school(school_ids: QuerySet) -> dict:
    """School id -> its Field of Study rows of the newest release, for the export (one query; ``school_ids`` is a
    subquery). The export matches them to each school's programs (matching_outcome_figures): asking the database to
    match them took over a second for the nationwide file."""
    rows = (
        ProgramOutcome.objects.filter(institution_id__in=school_ids, released_on=newest_outcome_release())
        .order_by("institution_id", "cip_code", "credential_level")
        .values_list("institution_id", "cip_code", "credential_level", "earnings_1_year", "released_on")
    )
    by_school = {}
    for school_id, *figures in rows:
        by_school.setdefault(school_id, []).append(OutcomeFigures(*figures))
    return by_school


def matching_outcome_figures(outcomes, programs) -> list:
    """The rows among ``outcomes`` whose field and credential are those of one of ``programs`` (pairs of a 6-digit
    CIP code and an IPEDS award level), in their order.

    A row matches when its field and credential are those of one of the programs, so a Medical Assistant search
    (51.0801, certificates and associate degrees) never shows the master's earnings of the same field (51.08 also
    holds 51.0809 Anesthesiologist Assistant)."""
    wanted = {(cip_code[:5], CREDENTIAL_FOR_AWARD_LEVEL.get(award_level)) for cip_code, award_level in programs}
    return [outcome for outcome in outcomes if (outcome.cip_code, outcome.credential_level) in wanted]
