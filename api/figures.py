"""Figures as the API writes them: every number with its source and period, and a missing one with the words the
site uses for it (never 0)."""

from schools.presenters import AWARD_LEVEL_LABELS

IPEDS_COMPLETIONS = "NCES IPEDS Completions (C_A): awards by program and award level"
OEWS = "BLS Occupational Employment and Wage Statistics (OEWS)"
PROJECTIONS = "BLS Employment Projections"
NOT_PUBLISHED_BY_BLS = "Not published by BLS"


def figure(value, *, source, period, missing=None):
    """{"value", "source", "period", "note"}: ``note`` says why ``value`` is null (``missing``), else it is null."""
    return {"value": value, "source": source, "period": period or None, "note": missing if value is None else None}


def wage_period(estimate):
    return estimate.period.strftime("%Y-%m")


def median_pay(estimate, *, period_label):
    """The annual median of an OEWS estimate (or None) as a figure."""
    value = estimate.annual_median if estimate is not None else None
    return figure(value, source=OEWS, period=period_label, missing=NOT_PUBLISHED_BY_BLS)


def award_label(code):
    return AWARD_LEVEL_LABELS.get(code, code)
