"""What the school page says about cost, net price, completion, graduates' earnings, online study and contact.

Every figure becomes words here (figure_words): an amount ("$10,024"), or why there is none ("Not reported to IPEDS",
"Not published: too few graduates"), never $0 or 0%. Each section names its source and year. The template only lays
the words out. The graduates' earnings table is outcome_presenter's.
"""

import re
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma

from .figure_words import NOT_PUBLISHED, NOT_REPORTED, money, percent
from .models import Institution, web_link
from .outcome_models import IpedsAnswer
from .outcome_presenter import outcome_rows
from .school_page_selectors import school_figures


def phone_number(value):
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return value or NOT_REPORTED


@dataclass
class Line:
    label: str
    value: str
    missing: bool = False


@dataclass
class Section:
    lines: list[Line] = field(default_factory=list)
    source: str = ""

    def add(self, label, value, missing_words):
        """A figure already in words, or ``missing_words`` marked as missing when ``value`` is None."""
        self.lines.append(Line(label, missing_words if value is None else value, value is None))


@dataclass
class Link:
    label: str
    url: str


def _answer(value):
    return {
        IpedsAnswer.YES: "Yes",
        IpedsAnswer.NO: "No",
        IpedsAnswer.NOT_REPORTED: NOT_REPORTED,
        IpedsAnswer.NOT_APPLICABLE: "Not applicable (IPEDS)",
    }.get(value, NOT_REPORTED)


def closure(institution):
    """ "Closed on 30 July 2024" from CLOSEDAT; a school dropped from the newest directory without a date says so."""
    if institution.closed_on:
        return f"This school closed on {institution.closed_on.day} {institution.closed_on:%B %Y}"
    if not institution.is_active:
        return "This school is not listed as open in the newest IPEDS directory"
    return ""


def federal_aid_words(status):
    """Whether students can get federal aid here, from OPEFLAG (Institution.TitleIvStatus)."""
    eligible = {1: "Yes", 2: "Yes, through its main campus", 3: "Limited (deferment only)", 4: "Yes", 8: "Yes"}
    return NOT_REPORTED if status is None else eligible.get(status, "No")


def contact(institution):
    links = [
        Link(label, web_link(getattr(institution, attr)))
        for label, attr in (
            ("Admissions", "admissions_url"),
            ("Apply online", "application_url"),
            ("Financial aid", "financial_aid_url"),
            ("Net price calculator", "net_price_calculator_url"),
            ("Veterans' services", "veterans_url"),
            ("Disability services", "disability_url"),
        )
    ]
    status = institution.title_iv_status
    aid = federal_aid_words(status)
    detail = Institution.TitleIvStatus(status).label if status is not None else ""
    return {
        "phone": phone_number(institution.phone),
        "links": [link for link in links if link.url],
        "missing_links": [link.label for link in links if not link.url],
        "federal_aid": aid,
        "federal_aid_detail": detail,
    }


def cost_section(cost):
    section = Section(source="IPEDS student charges (IC_AY), full-time undergraduates")
    if cost is None:
        section.source += ": this school reported no academic-year charges"
        for label in ("In-district tuition and fees", "In-state tuition and fees", "Out-of-state tuition and fees",
                      "Books and supplies"):  # fmt: skip
            section.add(label, None, NOT_REPORTED)
        return section
    section.source += f", {cost.academic_year}"
    section.add("In-district tuition and fees", money(cost.tuition_in_district, None), NOT_REPORTED)
    section.add("In-state tuition and fees", money(cost.tuition_in_state, None), NOT_REPORTED)
    section.add("Out-of-state tuition and fees", money(cost.tuition_out_of_state, None), NOT_REPORTED)
    section.add("Books and supplies", money(cost.books_supplies, None), NOT_REPORTED)
    return section


def _figure(value, render):
    return None if value is None else render(value)


def net_price_section(outcome):
    section = Section(source="College Scorecard (U.S. Department of Education)")
    bands = (
        ("Average, all incomes", "net_price_average"),
        ("Family income $30,000 or less", "net_price_0_30k"),
        ("$30,001–48,000", "net_price_30_48k"),
        ("$48,001–75,000", "net_price_48_75k"),
        ("$75,001–110,000", "net_price_75_110k"),
        ("$110,001 and more", "net_price_110k_plus"),
    )
    if outcome is not None:
        section.source += f", {outcome.released_on:%B %Y} release"
    for label, attr in bands:
        value = getattr(outcome, attr) if outcome is not None else None
        section.add(label, _figure(value, lambda v: money(v, None)), NOT_PUBLISHED)
    return section


def completion_section(outcome, graduation):
    section = Section(source="")
    rate = outcome.completion_rate if outcome is not None else None
    section.add(
        "Completed within 150% of the normal time (first-time, full-time students)",
        _figure(rate, lambda v: percent(v, None)),
        NOT_PUBLISHED,
    )
    sources = [f"College Scorecard, {outcome.released_on:%B %Y}" if outcome else "College Scorecard"]
    if graduation is not None:
        size = f" of {intcomma(graduation.cohort_size)} students" if graduation.cohort_size else ""
        section.add(
            f"Awarded a degree within 6 years ({graduation.cohort_year} entering cohort{size})",
            _figure(graduation.awarded_in_6_years, lambda v: f"{v}%"),
            NOT_REPORTED,
        )
        sources.append(f"IPEDS Graduation Rates, {graduation.cohort_year} cohort")
    section.source = "; ".join(sources)
    return section


def online_section(education, enrollment):
    section = Section()
    sources = []
    if education is not None:
        section.add("Offers programs by distance education", _answer(education.offers_online_programs), None)
        section.add("Offers courses by distance education", _answer(education.offers_online_courses), None)
        section.add("Every program can be taken entirely online", _answer(education.all_programs_online), None)
        sources.append(f"IPEDS Institutional Characteristics, {education.year}-{str(education.year + 1)[-2:]}")
    else:
        section.add("Offers programs by distance education", None, NOT_REPORTED)
    if enrollment is not None:
        share = enrollment.exclusively_distance_share
        words = None
        if share is not None:
            words = (
                f"{percent(share, '')} ({intcomma(enrollment.exclusively_distance)} of "
                f"{intcomma(enrollment.total)} students)"
            )
        section.add(f"Students studying only online, fall {enrollment.fall_year}", words, NOT_REPORTED)
        sources.append(f"IPEDS fall enrollment, fall {enrollment.fall_year}")
    else:
        section.add("Students studying only online", None, NOT_REPORTED)
    for line in section.lines:
        line.missing = line.value == NOT_REPORTED
    section.source = "; ".join(sources) or "IPEDS"
    return section


def school_judgement(institution, programs, completion_years, newest_year):
    """Everything the page's new sections show, as words: a fixed number of queries (school_page_selectors).

    ``completion_years`` is the page's [(year, "2023-24"), ...], newest first, aligned with each program's
    ``totals_by_year``; ``newest_year`` is the newest completions year loaded for any school. A program that
    awarded nothing that year (or did not report it) is marked as such."""
    figures = school_figures(institution)
    release = figures.program_outcomes[0].released_on if figures.program_outcomes else None
    labels = [label for _, label in completion_years]
    years = [year for year, _ in completion_years]
    for program in programs:
        program.year_cells = list(zip(labels, program.totals_by_year, strict=True))
        totals = dict(zip(years, program.totals_by_year, strict=True))
        program.no_graduates_newest = newest_year is not None and not totals.get(newest_year)
    newest_label = f"{newest_year - 1}-{str(newest_year)[-2:]}" if newest_year else ""
    return {
        "closure": closure(institution),
        "contact": contact(institution),
        "cost": cost_section(figures.cost),
        "net_price": net_price_section(figures.outcome),
        "completion": completion_section(figures.outcome, figures.graduation),
        "online": online_section(figures.distance_education, figures.distance_enrollment),
        "outcomes": outcome_rows(figures.program_outcomes, programs, institution),
        "outcomes_source": (
            f"College Scorecard, {release:%B %Y} release (U.S. Department of Education), field of study: 4-digit "
            "CIP and credential. Earnings are medians of graduates working and not enrolled; debt is the median "
            "federal loan debt borrowed at this school."
            if release
            else ""
        ),
        "no_graduates_label": f"No graduates in {newest_label}" if newest_label else "",
    }
