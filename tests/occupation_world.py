"""A made-up healthcare occupation with every section of its page filled (tests of the occupation pages and the
browser tests' profile page)."""

from reference_data.models import WageEstimate
from tests.factories import (
    CipCodeFactory,
    CipSocLinkFactory,
    EmploymentProjectionFactory,
    OccupationAlternateTitleFactory,
    OccupationFactory,
    OccupationTaskFactory,
    WageEstimateFactory,
)

STATE = WageEstimate.AreaType.STATE
METRO = WageEstimate.AreaType.METRO


def make_occupation(soc_code="29-9801", *, states=2, metros=2, programs=2, related=1, **projection):
    """A made-up healthcare occupation with every section's rows (SOC 29-98xx is unused in SOC 2018)."""
    occupation = OccupationFactory(
        soc_code=soc_code,
        title=f"Made-up Therapists {soc_code}",
        description="Treat made-up patients with made-up therapy.",
        description_source="O*NET 27.0 Database, U.S. Department of Labor, Employment and Training "
        "Administration, CC BY 4.0",
        job_zone=3,
        typical_education="Made-up Associate's Degree",
    )
    OccupationTaskFactory(occupation=occupation, text="Plan made-up therapy sessions.")
    OccupationAlternateTitleFactory(occupation=occupation, title="Made-up Therapy Aide")
    WageEstimateFactory(occupation=occupation, annual_median=61_230, employment=12_340)
    for n in range(states):
        WageEstimateFactory(
            occupation=occupation, area_type=STATE, area_code=f"{n + 1:02d}", area_name=f"State {n:03d}", state="AL"
        )
    for n in range(metros):
        WageEstimateFactory(
            occupation=occupation, area_type=METRO, area_code=f"{10000 + n}", area_name=f"Metro {n:03d}", state="AL"
        )
    EmploymentProjectionFactory(
        occupation=occupation,
        **{
            "change_percent": "8.2",
            "typical_entry_education": "Associate's degree",
            "work_experience": "None",
            "on_the_job_training": "None",
            **projection,
        },
    )
    for n in range(programs):
        # 51.9xxx is unused in CIP 2020; each made-up occupation (29-98NN) gets codes of its own.
        cip = CipCodeFactory(code=f"51.9{int(soc_code[-2:]) * 20 + n:03d}", title=f"Made-up Therapy {n}.")
        CipSocLinkFactory(cip=cip, occupation=occupation)
    assert related < 5 and programs < 20
    for n in range(related):
        other = OccupationFactory(soc_code=f"{soc_code[:6]}{n + 5}")  # the same SOC minor group
        WageEstimateFactory(occupation=other)
    return occupation
