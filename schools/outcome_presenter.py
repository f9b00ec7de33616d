"""The school page's "Will it pay?" table, in words: one row per College Scorecard field of study (4-digit CIP) and
credential, with its graduates' earnings and debt beside the pay of the careers its programs lead to, in the
school's metro area, its state and the nation (BLS OEWS).

A field's programs lead to the published guides that name them (``program.careers``); a field none of whose programs
has a guide shows the healthcare occupations the crosswalk links its programs to instead (``program.occupations``,
the mapping the programs table's "Leads to" column links), so every row says what its graduates could earn, or why
it cannot. No queries here but the one call to school_page_selectors.pay_near.
"""

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma

from .figure_words import SUPPRESSED, money, percent
from .outcome_models import CREDENTIAL_FOR_AWARD_LEVEL
from .school_page_selectors import pay_near

NO_METRO = "School not in a metropolitan area"
NO_OEWS = "Not published by BLS"
NO_PROGRAM = "No program in this field in the school's IPEDS completions"
NO_OCCUPATION = "No healthcare occupation in the crosswalk"
NO_GUIDE_PAY = "Its guide names no occupation, so no BLS pay"


@dataclass
class PayLine:
    """A guide's or an occupation's pay: ``occupation_title`` names a guide's occupation (blank for an occupation)."""

    name: str
    url: str
    occupation_title: str
    metro: str
    state: str
    national: str
    source: str


@dataclass
class OutcomeRow:
    field_title: str
    cip_code: str
    credential: str
    completers: str
    earnings_1_year: str
    earnings_4_years: str
    median_debt: str
    debt_to_earnings: str
    pay_lines: list[PayLine]
    no_pay: str  # why there are no pay lines (blank when there are some)


def _by_field(programs, links):
    """(4-digit CIP, credential) -> {pk: item} of what ``links(program)`` lists for its programs, and (4-digit CIP,
    None) -> every credential's, for a Scorecard credential the school reports no program at."""
    by_field = {}
    for program in programs:
        items = {item.pk: item for item in links(program)}
        field = program.cip.code[:5]
        by_field.setdefault((field, CREDENTIAL_FOR_AWARD_LEVEL.get(program.award_level)), {}).update(items)
        by_field.setdefault((field, None), {}).update(items)
    return by_field


def _for_outcome(by_field, outcome):
    return by_field.get((outcome.cip_code, outcome.credential_level)) or by_field.get((outcome.cip_code, None), {})


def _pay(estimate, missing):
    if estimate is None or estimate.annual_median is None:
        return missing
    return money(estimate.annual_median, None)


def _line(name, url, occupation_title, area, institution):
    return PayLine(
        name=name,
        url=url,
        occupation_title=occupation_title,
        # CBSATYPE 2 is a micropolitan area: OEWS publishes those within its nonmetropolitan areas.
        metro=_pay(area.metro, NO_OEWS if institution.cbsa and institution.cbsa_type != 2 else NO_METRO),
        state=_pay(area.state, NO_OEWS),
        national=_pay(area.national, NO_OEWS),
        source=f"BLS OEWS, {area.period_label}" if area.period_label else "BLS OEWS",
    )


def _why_no_pay(outcome, occupations_by_field):
    """A field without a guide or an occupation: its programs link to none, or the school reports no program in it
    (the Scorecard and IPEDS completions disagree)."""
    return NO_OCCUPATION if (outcome.cip_code, None) in occupations_by_field else NO_PROGRAM


def outcome_rows(program_outcomes, programs, institution):
    """One row per Scorecard field of study x credential, with the pay of the careers its programs lead to, or of
    the crosswalk's occupations for a field without a guide."""
    careers_by_field = _by_field(programs, lambda program: program.careers)
    occupations_by_field = _by_field(programs, lambda program: program.occupations)
    # Only the occupations of rows without a guide are priced; every guide and occupation in one pay_near call.
    unguided = {}
    for outcome in program_outcomes:
        if not _for_outcome(careers_by_field, outcome):
            unguided.update(_for_outcome(occupations_by_field, outcome))
    all_careers = {pk: c for careers in careers_by_field.values() for pk, c in careers.items()}
    pay = pay_near(institution, careers=all_careers.values(), occupations=unguided.values())
    rows = []
    for outcome in program_outcomes:
        careers = _for_outcome(careers_by_field, outcome)
        if careers:
            lines = [
                _line(career.short_name, career.get_absolute_url(), area.occupation_title, area, institution)
                for career in sorted(careers.values(), key=lambda c: c.short_name)
                if (area := pay.by_career.get(career.pk)) is not None
            ]
            no_pay = "" if lines else NO_GUIDE_PAY
        else:
            occupations = _for_outcome(occupations_by_field, outcome)
            lines = [
                _line(
                    occupation.title, occupation.get_absolute_url(), "", pay.by_occupation[occupation.pk], institution
                )
                for occupation in sorted(occupations.values(), key=lambda o: (o.title, o.soc_code))
            ]
            no_pay = "" if lines else _why_no_pay(outcome, occupations_by_field)
        ratio = outcome.debt_to_earnings
        rows.append(
            OutcomeRow(
                field_title=outcome.cip_title,
                cip_code=outcome.cip_code,
                credential=outcome.get_credential_level_display(),
                completers=SUPPRESSED if outcome.completers is None else intcomma(outcome.completers),
                earnings_1_year=money(outcome.earnings_1_year, SUPPRESSED),
                earnings_4_years=money(outcome.earnings_4_years, SUPPRESSED),
                median_debt=money(outcome.median_debt, SUPPRESSED),
                debt_to_earnings=percent(ratio, SUPPRESSED),
                pay_lines=lines,
                no_pay=no_pay,
            )
        )
    return rows
