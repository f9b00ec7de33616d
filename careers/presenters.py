"""Small presenters that turn BLS rows into what the guide page draws: the wage chart and the outlook sentence.

No HTML here; templates render these. The chart is plain geometry so the template can draw an inline SVG
without inline styles or script (the site's CSP forbids both).
"""

from dataclasses import dataclass
from decimal import Decimal

# BLS marks wages at or above its top code with "#"; importers record the affected fields in top_coded,
# by model field name (annual_p90) or by the BLS column name (A_PCT90).
BLS_COLUMN_FOR_FIELD = {
    "hourly_mean": "H_MEAN",
    "annual_mean": "A_MEAN",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_median": "A_MEDIAN",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
    "hourly_median": "H_MEDIAN",
}


def is_top_coded(estimate, field_name):
    marked = estimate.top_coded or []
    return field_name in marked or BLS_COLUMN_FOR_FIELD.get(field_name) in marked


def format_wage(estimate, field_name):
    """ "$51,140", "$24.59", "$239,200 or more" (top-coded) or "not available"."""
    value = getattr(estimate, field_name)
    if value is None:
        return "not available"
    text = f"${value:,.2f}" if isinstance(value, Decimal) else f"${value:,}"
    if is_top_coded(estimate, field_name):
        text += " or more"
    return text


@dataclass(frozen=True)
class ChartBar:
    field_name: str
    label: str
    value: int
    text: str
    y: int
    width: int
    is_median: bool

    @property
    def text_y(self):
        return self.y + WageChart.BAR_HEIGHT // 2 + 5

    @property
    def value_x(self):
        return WageChart.BAR_X + self.width + 8


@dataclass(frozen=True)
class WageChart:
    """A horizontal bar per annual wage percentile (10th to 90th), bars drawn to scale from zero."""

    bars: tuple[ChartBar, ...]
    height: int

    WIDTH = 640
    LABEL_X = 132  # right edge of the row labels
    BAR_X = 142
    BAR_MAX_WIDTH = 380  # leaves room for the value text after the longest bar
    BAR_HEIGHT = 26
    ROW_HEIGHT = 40
    PERCENTILES = (
        ("annual_p10", "10th percentile"),
        ("annual_p25", "25th percentile"),
        ("annual_median", "Median"),
        ("annual_p75", "75th percentile"),
        ("annual_p90", "90th percentile"),
    )

    @classmethod
    def for_estimate(cls, estimate):
        """None when BLS published no percentiles (all suppressed) for this estimate."""
        values = [(name, label, getattr(estimate, name)) for name, label in cls.PERCENTILES]
        known = [value for _, _, value in values if value is not None]
        if not known:
            return None
        top = max(known)
        bars = []
        for row, (name, label, value) in enumerate(values):
            if value is None:
                continue
            bars.append(
                ChartBar(
                    field_name=name,
                    label=label,
                    value=value,
                    text=format_wage(estimate, name),
                    y=row * cls.ROW_HEIGHT + 8,
                    width=max(1, round(cls.BAR_MAX_WIDTH * value / top)),
                    is_median=name == "annual_median",
                )
            )
        return cls(bars=tuple(bars), height=len(cls.PERCENTILES) * cls.ROW_HEIGHT + 8)

    @property
    def description(self):
        return "; ".join(f"{bar.label}: {bar.text}" for bar in self.bars)


@dataclass(frozen=True)
class JobOutlook:
    """An occupation's projection, set against all occupations over the same years."""

    projection: object
    all_occupations: object = None

    @property
    def change_percent(self):
        return self.projection.change_percent

    @property
    def direction(self):
        """ "grow", "shrink" or "stay about the same"."""
        percent = self.change_percent
        if percent is None or percent == 0:
            return "stay about the same"
        return "grow" if percent > 0 else "shrink"

    @property
    def change_percent_abs(self):
        return abs(self.change_percent) if self.change_percent is not None else None

    @property
    def comparison(self):
        """How the change compares with all occupations: "faster than", "slower than" or "the same as"."""
        if self.all_occupations is None or self.change_percent is None or self.all_occupations.change_percent is None:
            return ""
        own, overall = self.change_percent, self.all_occupations.change_percent
        if own > overall:
            return "faster than"
        if own < overall:
            return "slower than"
        return "the same as"

    @staticmethod
    def _jobs(thousands):
        return None if thousands is None else int((thousands * 1000).to_integral_value())

    @property
    def annual_openings(self):
        return self._jobs(self.projection.annual_openings)

    @property
    def employment_base(self):
        return self._jobs(self.projection.employment_base)

    @property
    def employment_target(self):
        return self._jobs(self.projection.employment_target)

    @property
    def period_label(self):
        return self.projection.period_label

    @property
    def overall(self):
        """The all-occupations row, presented the same way."""
        return JobOutlook(projection=self.all_occupations) if self.all_occupations is not None else None

    @property
    def openings_mostly_replacement(self):
        """True when fewer than half the yearly openings come from growth (the rest replace leavers)."""
        openings, change = self.projection.annual_openings, self.projection.change_numeric
        if openings is None or change is None:
            return False
        years = self.projection.target_year - self.projection.base_year
        return change / years < openings / 2
