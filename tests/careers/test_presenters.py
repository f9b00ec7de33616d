"""The wage chart's geometry and the outlook wording, without a database."""

from decimal import Decimal
from types import SimpleNamespace

from careers.presenters import JobOutlook, WageChart, format_wage


def estimate(**figures):
    base = {
        "annual_p10": 37_000,
        "annual_p25": 43_490,
        "annual_median": 51_140,
        "annual_p75": 64_820,
        "annual_p90": 81_150,
        "hourly_median": Decimal("24.59"),
        "top_coded": [],
    }
    return SimpleNamespace(**{**base, **figures})


def test_bars_are_drawn_to_scale_from_zero():
    chart = WageChart.for_estimate(estimate())
    assert [bar.label for bar in chart.bars] == [
        "10th percentile",
        "25th percentile",
        "Median",
        "75th percentile",
        "90th percentile",
    ]
    widths = {bar.field_name: bar.width for bar in chart.bars}
    assert widths["annual_p90"] == WageChart.BAR_MAX_WIDTH
    assert widths["annual_p10"] == round(WageChart.BAR_MAX_WIDTH * 37_000 / 81_150)
    assert [bar.is_median for bar in chart.bars] == [False, False, True, False, False]
    # Value labels sit after each bar and inside the drawing.
    assert all(bar.value_x > WageChart.BAR_X + bar.width for bar in chart.bars)
    assert max(bar.value_x for bar in chart.bars) + 90 <= WageChart.WIDTH
    assert chart.description.startswith("10th percentile: $37,000; 25th percentile: $43,490; Median: $51,140")


def test_suppressed_percentiles_are_left_out_and_all_suppressed_means_no_chart():
    chart = WageChart.for_estimate(estimate(annual_p25=None, annual_p75=None))
    assert [bar.field_name for bar in chart.bars] == ["annual_p10", "annual_median", "annual_p90"]
    none = dict.fromkeys(["annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"])
    assert WageChart.for_estimate(estimate(**none)) is None


def test_wage_text():
    figures = estimate(annual_p90=239_200, top_coded=["A_PCT90"], annual_p10=None)
    assert format_wage(figures, "annual_median") == "$51,140"
    assert format_wage(figures, "hourly_median") == "$24.59"
    assert format_wage(figures, "annual_p90") == "$239,200 or more"
    assert format_wage(figures, "annual_p10") == "not available"
    assert format_wage(estimate(top_coded=["annual_median"]), "annual_median") == "$51,140 or more"


def projection(percent, openings="14.2", change="13.8", base="194.8"):
    return SimpleNamespace(
        change_percent=None if percent is None else Decimal(percent),
        annual_openings=Decimal(openings),
        change_numeric=Decimal(change),
        employment_base=Decimal(base),
        employment_target=Decimal("208.6"),
        base_year=2024,
        target_year=2034,
        period_label="2024-34",
    )


def test_outlook_compares_with_all_occupations():
    outlook = JobOutlook(projection("7.1"), projection("3.1", openings="18863.3", base="169956.1"))
    assert (outlook.direction, outlook.comparison) == ("grow", "faster than")
    assert outlook.annual_openings == 14_200
    assert outlook.employment_base == 194_800
    assert outlook.overall.employment_base == 169_956_100
    assert outlook.openings_mostly_replacement  # 1,380 new jobs a year out of 14,200 openings

    slower = JobOutlook(projection("1.0"), projection("3.1"))
    assert slower.comparison == "slower than"
    shrinking = JobOutlook(projection("-4.9", change="-2.2"), projection("3.1"))
    assert (shrinking.direction, shrinking.change_percent_abs) == ("shrink", Decimal("4.9"))
    assert JobOutlook(projection("0.0")).direction == "stay about the same"
    assert JobOutlook(projection("7.1")).comparison == ""  # nothing to compare with
    assert JobOutlook(projection(None)).change_percent_abs is None


def test_openings_mostly_from_growth_are_not_called_replacements():
    booming = JobOutlook(projection("50.0", openings="10.0", change="150.0"))
    assert not booming.openings_mostly_replacement
