"""An occupation's OEWS pay where someone lives: the metro area, the state and the nation (Find a School's pay line,
the career pages' "Pay near you").

The metro area is the place's CBSA (reference_data/places.py); OEWS publishes its metropolitan-area estimates under
the CBSA code (WageEstimate area_type "metro", area_code = CBSA). Every read here is one query, whatever the number
of areas, periods or schools.
"""

from dataclasses import dataclass, fields
from datetime import date
from sys import intern

from django.db.models import Q

from .models import WageEstimate
from .places import Place

NATIONAL = WageEstimate.AreaType.NATIONAL
STATE = WageEstimate.AreaType.STATE
METRO = WageEstimate.AreaType.METRO
SOURCE = "BLS Occupational Employment and Wage Statistics (OEWS)"


@dataclass(frozen=True, slots=True)
class AreaPay:
    """What a pay line shows of one area's OEWS estimate (the same names as WageEstimate's fields). Find a School
    keeps every metro area's for each career searched: as model instances a career's 390 areas took 0.6 MB, so only
    24 careers were kept, and a search for any other paid a query of 1.0-1.4 ms; as these, about 90 KB."""

    area_code: str
    area_name: str
    period: date
    annual_median: int | None
    annual_p10: int | None
    annual_p90: int | None
    top_coded: tuple

    @property
    def period_label(self):
        return self.period.strftime("%B %Y")


AREA_PAY_FIELDS = [field.name for field in fields(AreaPay)]


@dataclass(frozen=True)
class PayNear:
    """The occupation's estimates for a place, one OEWS period; None where BLS published none. ``metro_note`` says
    in words why there is no metro figure (no metro area found, or none published for it)."""

    place: Place
    occupation_title: str = ""
    period_label: str = ""
    metro: WageEstimate | AreaPay | None = None
    state: WageEstimate | None = None
    national: WageEstimate | None = None
    metro_note: str = ""

    @property
    def source_label(self):
        return f"{SOURCE}, {self.period_label}" if self.period_label else ""


def pay_near(soc_code, place: Place) -> PayNear:
    """The occupation's newest national estimate, and its state and metro estimates for the same period: one query
    (the rows of at most three areas)."""
    areas = Q(area_type=NATIONAL)
    if place.state:
        areas |= Q(area_type=STATE, state=place.state)
    if place.cbsa:
        areas |= Q(area_type=METRO, area_code=place.cbsa)
    estimates = list(
        WageEstimate.objects.filter(areas, occupation__soc_code=soc_code)
        .select_related("occupation")
        .order_by("-period", "area_type")
    )
    national = next((e for e in estimates if e.area_type == NATIONAL), None)
    period = national.period if national else (estimates[0].period if estimates else None)
    newest = {e.area_type: e for e in reversed(estimates) if e.period == period}
    return assemble(
        place,
        national=newest.get(NATIONAL),
        state=newest.get(STATE),
        metro=newest.get(METRO),
        any_estimate=estimates[0] if estimates else None,
    )


def assemble(place: Place, *, national, state, metro, any_estimate=None) -> PayNear:
    """A PayNear from estimates read elsewhere (Find a School reads the state and national ones once per content
    version, and the metro ones with its cards')."""
    known = national or state or metro or any_estimate
    if metro is not None:
        note = ""
    elif place.cbsa:
        note = "BLS publishes no figure for this occupation in this place's metro area; the state's is shown."
    elif place.metro_note:
        note = f"{place.metro_note} The state's figure is shown instead."
    else:
        note = ""
    return PayNear(
        place=place,
        occupation_title=known.occupation.title if known else "",
        period_label=known.period_label if known else "",
        metro=metro,
        state=state,
        national=national,
        metro_note=note,
    )


def metro_estimates(occupation_id, period) -> dict:
    """The occupation's metro-area pay for ``period`` by CBSA code, every metro area OEWS publishes (about 390): one
    query (Find a School keeps them per career: schools/search_data.py)."""
    if occupation_id is None:
        return {}
    rows = WageEstimate.objects.filter(occupation_id=occupation_id, period=period, area_type=METRO).order_by()
    # The area names and codes are the same for every occupation: one copy of each string serves them all.
    return {
        intern(code): AreaPay(intern(code), intern(name), *rest, tuple(top_coded or ()))
        for code, name, *rest, top_coded in rows.values_list(*AREA_PAY_FIELDS)
    }
