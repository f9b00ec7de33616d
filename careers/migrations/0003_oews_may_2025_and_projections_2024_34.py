"""Initial figures for the occupations the guides cover, so a fresh database shows pay and outlook at once.

Read by hand from the official files (../shared/data/bls): national_M2025_dl.xlsx (OEWS May 2025, national,
cross-industry) and occupation_2024-2034.xlsx (Employment Projections 2024-34, Table 1.2). Only the handful of
figures the guides show, for these five SOC codes. The ``oews`` and ``projections`` importers upsert on the
same natural keys (occupation + area + period; occupation + base and target year), so a later import replaces
these rows. Existing rows are never overwritten here: on a database that has already imported the files, the
import is the authority.
"""

import datetime
from decimal import Decimal

from django.db import migrations

OCCUPATIONS = {
    "00-0000": "All Occupations",
    "29-2072": "Medical Records Specialists",
    "29-9021": "Health Information Technologists and Medical Registrars",
    "31-9092": "Medical Assistants",
    "31-9094": "Medical Transcriptionists",
}

OEWS_PERIOD = datetime.date(2025, 5, 1)
OEWS_SOURCE = "BLS Occupational Employment and Wage Statistics"

# soc: employment, hourly mean, annual mean, annual p10, p25, median, p75, p90, hourly median
OEWS_MAY_2025_NATIONAL = {
    "00-0000": (155_495_730, "33.54", 69_770, 31_200, 37_590, 50_980, 80_520, 128_560, "24.51"),
    "29-2072": (194_720, "27.30", 56_790, 37_000, 43_490, 51_140, 64_820, 81_150, "24.59"),
    "29-9021": (38_100, "36.04", 74_970, 39_830, 48_940, 68_020, 95_630, 117_420, "32.70"),
    "31-9092": (817_870, "22.17", 46_120, 36_050, 38_470, 45_690, 49_180, 59_310, "21.97"),
    "31-9094": (41_550, "20.05", 41_710, 28_250, 34_150, 40_410, 48_000, 55_950, "19.43"),
}

PROJECTIONS_SOURCE = "BLS Employment Projections"
PROJECTIONS_URL = "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm"

# soc: employment 2024, 2034 (thousands), change (thousands), change %, annual openings (thousands),
#      median annual wage 2024, typical entry education, work experience in a related occupation
PROJECTIONS_2024_34 = {
    "00-0000": ("169956.1", "175167.9", "5211.8", "3.1", "18863.3", 49_500, "", ""),
    "29-2072": ("194.8", "208.6", "13.8", "7.1", "14.2", 50_250, "Postsecondary nondegree award", "None"),
    "29-9021": ("41.9", "48.1", "6.2", "14.7", "3.2", 67_310, "Associate's degree", "None"),
    "31-9092": ("811.0", "912.2", "101.2", "12.5", "112.3", 44_200, "Postsecondary nondegree award", "None"),
    "31-9094": ("43.9", "41.8", "-2.2", "-4.9", "7.4", 37_550, "Postsecondary nondegree award", "None"),
}


def oews_url(soc_code):
    if soc_code == "00-0000":
        return "https://www.bls.gov/oes/2025/may/oes_nat.htm"
    return f"https://www.bls.gov/oes/2025/may/oes{soc_code.replace('-', '')}.htm"


def install_figures(apps, schema_editor):
    Occupation = apps.get_model("careers", "Occupation")
    WageEstimate = apps.get_model("careers", "WageEstimate")
    EmploymentProjection = apps.get_model("careers", "EmploymentProjection")

    occupations = {
        soc: Occupation.objects.get_or_create(soc_code=soc, defaults={"title": title})[0]
        for soc, title in OCCUPATIONS.items()
    }

    for soc, row in OEWS_MAY_2025_NATIONAL.items():
        employment, hourly_mean, annual_mean, p10, p25, median, p75, p90, hourly_median = row
        WageEstimate.objects.get_or_create(
            occupation=occupations[soc],
            area_type="national",
            area_code="99",
            period=OEWS_PERIOD,
            defaults={
                "area_name": "U.S.",
                "employment": employment,
                "hourly_mean": Decimal(hourly_mean),
                "annual_mean": annual_mean,
                "annual_p10": p10,
                "annual_p25": p25,
                "annual_median": median,
                "annual_p75": p75,
                "annual_p90": p90,
                "hourly_median": Decimal(hourly_median),
                "source": OEWS_SOURCE,
                "source_url": oews_url(soc),
            },
        )

    for soc, row in PROJECTIONS_2024_34.items():
        base, target, change, percent, openings, wage, education, experience = row
        EmploymentProjection.objects.get_or_create(
            occupation=occupations[soc],
            base_year=2024,
            target_year=2034,
            defaults={
                "employment_base": Decimal(base),
                "employment_target": Decimal(target),
                "change_numeric": Decimal(change),
                "change_percent": Decimal(percent),
                "annual_openings": Decimal(openings),
                "median_annual_wage": wage,
                "typical_entry_education": education,
                "work_experience": experience,
                "source": PROJECTIONS_SOURCE,
                "source_url": PROJECTIONS_URL,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_initial"),
    ]

    # Reversing leaves the figures: the importers own them once they have run, and they are harmless.
    operations = [migrations.RunPython(install_figures, migrations.RunPython.noop)]
