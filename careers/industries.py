"""Where an occupation works: the industries BLS's national industry-specific estimates list, largest first.

A presenter: it orders and words the rows; careers/includes/industries.html draws them. Only 3-digit industries
are listed (Hospitals, Ambulatory Health Care Services ...): sectors are too broad to help a reader, and the 4- to
6-digit rows split the same jobs again (every 4-digit row belongs to a 3-digit one). A median or an employment
count BLS did not publish is said in words, never shown as zero.
"""

from dataclasses import dataclass

from .presenters import format_wage

MAX_LISTED = 10
NOT_PUBLISHED = "not published by BLS"


@dataclass(frozen=True)
class IndustryRow:
    naics: str
    title: str
    employment: int | None
    employment_text: str
    median_text: str


@dataclass(frozen=True)
class IndustrySection:
    rows: tuple[IndustryRow, ...]
    more: int  # industries BLS lists beyond those shown
    period_label: str
    source_url: str

    @property
    def has_suppressed(self):
        return any(row.employment is None for row in self.rows) or any(
            row.median_text == NOT_PUBLISHED for row in self.rows
        )


def industry_section(industry_wages, *, limit=MAX_LISTED) -> IndustrySection | None:
    """``industry_wages``: one period's IndustryWage rows at one level; None when there are none."""
    if not industry_wages:
        return None
    ordered = sorted(industry_wages, key=lambda row: (row.employment is None, -(row.employment or 0), row.naics_title))
    rows = tuple(
        IndustryRow(
            naics=row.naics,
            title=row.naics_title,
            employment=row.employment,
            employment_text=f"{row.employment:,}" if row.employment is not None else NOT_PUBLISHED,
            median_text=format_wage(row, "annual_median") if row.annual_median is not None else NOT_PUBLISHED,
        )
        for row in ordered[:limit]
    )
    first = ordered[0]
    return IndustrySection(
        rows=rows,
        more=max(0, len(ordered) - limit),
        period_label=first.period_label,
        source_url=first.source_url or "https://www.bls.gov/oes/tables.htm",
    )
