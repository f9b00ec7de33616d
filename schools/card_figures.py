"""The judging figures of a result card and of a CSV row, in words: cost, net price, the matching programs'
graduates' earnings, online study, federal aid and closure. Each names its source and year; a missing or suppressed
value says why ("Not reported to IPEDS", "Not published: too few graduates"), never $0.

Read from what search_figures annotates and prefetches; no queries here.
"""

from dataclasses import dataclass

from .figure_words import NOT_PUBLISHED, NOT_REPORTED, SUPPRESSED, money
from .outcome_models import IpedsAnswer
from .school_presenter import closure, federal_aid_words

NO_EARNINGS = "Not published for these programs"
# A search for any health program matches every field a large university teaches (up to 20): the card shows the
# first few, and the school's page has them all.
CARD_EARNINGS_SHOWN = 3
SCORECARD = "College Scorecard"
IPEDS_CHARGES = "IPEDS student charges"
ONLINE_WORDS = {
    IpedsAnswer.YES: "Yes",
    IpedsAnswer.NO: "No",
    IpedsAnswer.NOT_APPLICABLE: "Not applicable (IPEDS)",
}


def academic_year(year):
    """IC survey year 2022 is the 2022-23 academic year."""
    return f"{year}-{str(year + 1)[-2:]}" if year else ""


def scorecard_source(released_on):
    return f"{SCORECARD}, {released_on:%B %Y}" if released_on else SCORECARD


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: str
    missing: bool = False


def _figure(label, amount, missing_words, source):
    return Figure(label, money(amount, missing_words), source, amount is None)


def cost_figure(tuition_in_state, cost_year):
    source = f"{IPEDS_CHARGES}, {academic_year(cost_year)}" if cost_year else IPEDS_CHARGES
    return _figure("In-state tuition and fees", tuition_in_state, NOT_REPORTED, source)


def net_price_figure(net_price, released_on):
    return _figure("Average net price", net_price, NOT_PUBLISHED, scorecard_source(released_on))


def earnings_figures(outcomes):
    """One figure per matching field of study and credential (search_figures.OutcomeFigures, in the order of
    search_figures.matching_outcome_figures)."""
    if not outcomes:
        return [Figure("Graduates' median earnings", NO_EARNINGS, SCORECARD, True)]
    return [
        _figure(
            f"Graduates' median earnings a year after completing: {outcome.cip_title.rstrip('.')} "
            f"({outcome.credential_label})",
            outcome.earnings_1_year,
            SUPPRESSED,
            scorecard_source(outcome.released_on),
        )
        for outcome in outcomes
    ]


def online_words(answer):
    return ONLINE_WORDS.get(answer, NOT_REPORTED)


@dataclass(frozen=True)
class CardFigures:
    cost: Figure
    net_price: Figure
    earnings: list
    closure: str  # "" for an open school
    more_earnings: int = 0  # matching fields of study not shown on the card

    @property
    def lines(self):
        return [self.cost, self.net_price, *self.earnings]


def card_figures(school) -> CardFigures:
    """From a school read with search_figures.with_judging_figures, with their ``matching_outcomes``
    (search_results.page_schools)."""
    outcomes = getattr(school, "matching_outcomes", [])
    return CardFigures(
        cost=cost_figure(school.tuition_in_state, school.cost_year),
        net_price=net_price_figure(school.net_price, school.net_price_released_on),
        earnings=earnings_figures(outcomes[:CARD_EARNINGS_SHOWN]),
        closure=closure(school),
        more_earnings=max(0, len(outcomes) - CARD_EARNINGS_SHOWN),
    )


def csv_amount(amount, missing_words):
    """A CSV cell: the number as a spreadsheet reads it, or why there is none (never 0)."""
    return amount if amount is not None else missing_words


def csv_earnings(outcomes):
    if not outcomes:
        return NO_EARNINGS
    return "; ".join(
        f"{outcome.cip_code} {outcome.credential_label}: {csv_amount(outcome.earnings_1_year, SUPPRESSED)}"
        for outcome in outcomes
    )


def csv_closure(row):
    if row["closed_on"]:
        return f"Closed on {row['closed_on']:%Y-%m-%d}"
    if not row["is_active"]:
        return "Not open in the newest IPEDS directory"
    return "No"


def csv_figure_cells(row, outcomes):
    """The judging columns of a school's CSV row (presenters.CSV_JUDGING_COLUMNS), from a row of
    selectors.school_search_rows and the school's matching Field of Study rows (search_figures.OutcomeFigures)."""
    release = outcomes[0].released_on if outcomes else None
    return [
        csv_amount(row["tuition_in_state"], NOT_REPORTED),
        academic_year(row["cost_year"]),
        csv_amount(row["net_price"], NOT_PUBLISHED),
        scorecard_source(row["net_price_released_on"]) if row["net_price"] is not None else SCORECARD,
        csv_earnings(outcomes),
        scorecard_source(release),
        online_words(row["online_programs"]),
        federal_aid_words(row["title_iv_status"]),
        csv_closure(row),
    ]
