"""An occupation's data profile: what the official files say about it, ready for the templates under
templates/careers/includes/profile_*.html. The plain occupation page and the data sections of a staff-written
guide are both drawn from it (one code path); profile_selectors reads the rows.

No HTML here, and no reads: ``OccupationProfile.build`` takes the rows the selectors returned.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from .entry_education import entry_education
from .industries import IndustrySection, industry_section
from .pay_map import PayMap, pay_map
from .presenters import JobOutlook, WageChart, format_wage

# O*NET asks every page that shows its text to credit it in these words (CC BY 4.0).
ONET_ATTRIBUTION = "O*NET 27.0 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0"
# O*NET's names for its Job Zones (Job Zone Reference.txt).
JOB_ZONE_LABELS = {
    1: "little or no preparation needed",
    2: "some preparation needed",
    3: "medium preparation needed",
    4: "considerable preparation needed",
    5: "extensive preparation needed",
}
HEALTH_CIP_PREFIX = "51."  # Find a School lists the health programs (CIP family 51)


@dataclass(frozen=True)
class ProgramLink:
    """A program the crosswalk says leads to the occupation, with its Find a School search when it has one."""

    code: str
    title: str
    search_url: str | None


@dataclass(frozen=True)
class WageRow:
    """One area's row of a pay table, as text ("not available" where BLS published nothing). Formatted here, not
    by a template tag per cell: an occupation has up to ~530 metro and nonmetro areas, and the per-cell tag was
    most of the page's render time (55 ms of Registered Nurses' on national data)."""

    area_name: str
    employment: str
    p10: str
    median: str
    p90: str
    hourly_median: str

    @classmethod
    def of(cls, estimate):
        return cls(
            area_name=estimate.area_name,
            employment="not available" if estimate.employment is None else f"{estimate.employment:,}",
            p10=format_wage(estimate, "annual_p10"),
            median=format_wage(estimate, "annual_median"),
            p90=format_wage(estimate, "annual_p90"),
            hourly_median=format_wage(estimate, "hourly_median"),
        )


@dataclass(frozen=True)
class RelatedOccupation:
    soc_code: str
    title: str
    url: str
    shared_programs: int


@dataclass(frozen=True)
class AreaPay:
    """An occupation's pay in every metropolitan and nonmetropolitan area, for its own page."""

    occupation: object
    local_wages: list

    @property
    def rows(self):
        return [WageRow.of(estimate) for estimate in self.local_wages]

    @property
    def period_label(self):
        return self.local_wages[0].period_label

    @property
    def url(self):
        return occupation_areas_url(self.occupation)


def occupation_areas_url(occupation):
    return reverse("careers:occupation_areas", kwargs={"soc_code": occupation.soc_code})


@dataclass(frozen=True)
class AreaPayLink:
    """What the profile says of the areas' page it links to: how many areas, and which period."""

    occupation: object
    area_count: int
    period: object  # a date: the OEWS reference month

    @property
    def period_label(self):
        return self.period.strftime("%B %Y")

    @property
    def url(self):
        return occupation_areas_url(self.occupation)


@dataclass
class OccupationProfile:
    occupation: object
    guide: object = None
    alternate_titles: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    onet_attribution: str = ""
    national_wage: object = None
    wage_chart: WageChart | None = None
    state_wages: list = field(default_factory=list)
    area_pay: AreaPayLink | None = None  # the areas' table is a page of its own; the profile links to it
    outlook: JobOutlook | None = None
    programs: list[ProgramLink] = field(default_factory=list)
    related: list[RelatedOccupation] = field(default_factory=list)
    find_school_url: str = ""
    pay_map: PayMap | None = None
    industries: IndustrySection | None = None

    @classmethod
    def build(
        cls, occupation, *, guide, alternate_titles, tasks, wages, area_pay, projections, programs, related,
        industries,
    ):  # fmt: skip
        national, states = wages
        own, overall = projections
        search = reverse("schools:search")
        profile = cls(
            occupation=occupation,
            guide=guide,
            alternate_titles=[title.title for title in alternate_titles],
            tasks=tasks,
            national_wage=national,
            wage_chart=WageChart.for_estimate(national) if national is not None else None,
            state_wages=states,
            area_pay=area_pay,
            outlook=JobOutlook(projection=own, all_occupations=overall) if own is not None else None,
            programs=[
                ProgramLink(
                    code=cip.code,
                    title=cip.plain_title,
                    search_url=f"{search}?{urlencode({'program': cip.code})}"
                    if cip.code.startswith(HEALTH_CIP_PREFIX)
                    else None,
                )
                for cip in programs
            ],
            related=[
                RelatedOccupation(
                    soc_code=other.soc_code,
                    title=other.title,
                    url=other.get_absolute_url(),
                    shared_programs=other.shared_programs,
                )
                for other in related
            ],
        )
        if states:
            profile.pay_map = pay_map(states, period_label=profile.state_wage_period_label)
        profile.industries = industry_section(industries)
        if occupation.description or tasks or alternate_titles:
            profile.onet_attribution = occupation.description_source or ONET_ATTRIBUTION
        # A guide has a career search of its own (the crosswalk plus staff choices); an occupation with a health
        # program in the crosswalk is a career choice of Find a School too, by its SOC code.
        if guide is not None:
            profile.find_school_url = f"{search}?{urlencode({'career': guide.slug})}"
        elif profile.has_searchable_programs:
            profile.find_school_url = f"{search}?{urlencode({'career': occupation.soc_code})}"
        else:
            profile.find_school_url = search
        return profile

    @property
    def projection(self):
        return self.outlook.projection if self.outlook else None

    @property
    def entry_education(self):
        """The index's education step for this occupation, or None when BLS gives no category."""
        return entry_education(self.projection.typical_entry_education) if self.projection else None

    @property
    def job_zone_label(self):
        return JOB_ZONE_LABELS.get(self.occupation.job_zone)

    @property
    def onet_source(self):
        return self.occupation.description_source or ONET_ATTRIBUTION

    @property
    def state_rows(self):
        return [WageRow.of(estimate) for estimate in self.state_wages]

    @property
    def state_wage_period_label(self):
        return self.state_wages[0].period_label if self.state_wages else ""

    @property
    def has_searchable_programs(self):
        return any(program.search_url for program in self.programs)
