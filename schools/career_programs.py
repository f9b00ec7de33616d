"""Which programs lead to a career: the ones its shipped content names (CareerProgram), and, kept apart, the
crosswalk's other programs for the same occupation ("related programs").

The CIP-SOC crosswalk links every code that may prepare for an occupation: for Medical Assistants (31-9092) it
links 51.0809 Anesthesiologist Assistant, mostly master's programs; it gives Cancer Registrars and Health
Information Technicians (both 29-9021) the same six codes. So a career that names its programs matches exactly
those, at the credentials named, and the crosswalk's other codes are only offered as related programs. A career
that names none (a guide staff just wrote) matches the crosswalk's codes, less the ones staff excluded. An occupation
without a guide (OccupationCareer) matches the crosswalk's codes for it.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from reference_data.models import AWARD_LEVELS_BY_GROUP, AwardGroup, CipSocLink

from .models import CareerProgram


@dataclass(frozen=True)
class OccupationCareer:
    """A healthcare occupation without a guide, offered as a career in the search (its SOC code is the option's
    value). It answers what the search asks of a guide: ``pk`` (a cache key part), ``slug``, ``short_name`` and
    ``get_absolute_url`` (the occupation's page)."""

    occupation_id: int
    soc_code: str
    title: str

    @property
    def pk(self):
        return f"soc:{self.soc_code}"

    @property
    def slug(self):
        return self.soc_code

    @property
    def short_name(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:occupation", kwargs={"soc_code": self.soc_code})


def award_levels_of(credentials) -> tuple[str, ...]:
    """IPEDS award levels (AWLEVEL) of a list of award groups; () for none listed, which means every level."""
    levels = []
    for group in credentials or ():
        if group in AwardGroup.values:
            levels += AWARD_LEVELS_BY_GROUP[AwardGroup(group)]
    return tuple(sorted(set(levels)))


@dataclass(frozen=True)
class RelatedProgram:
    """A crosswalk program for the career's occupation that the career does not name: shown apart, never matched."""

    code: str
    title: str

    @property
    def plain_title(self):
        return self.title.rstrip(".")


@dataclass(frozen=True)
class CareerPrograms:
    """A career's programs as CIP code ids: those that lead to it, each with its award levels (() = every level),
    and the crosswalk's related ones."""

    direct: tuple[tuple[int, tuple[str, ...]], ...] = ()
    related: tuple[RelatedProgram, ...] = ()

    @property
    def cip_ids(self) -> tuple[int, ...]:
        return tuple(cip_id for cip_id, _ in self.direct)


def career_programs(career) -> CareerPrograms:
    """Two queries: the career's choices and the crosswalk's codes for its occupations (6-digit codes only); one for
    an occupation without a guide."""
    if isinstance(career, OccupationCareer):
        linked = CipSocLink.objects.filter(occupation_id=career.occupation_id, cip__digits=6).order_by("cip__code")
        return CareerPrograms(direct=tuple((cip_id, ()) for cip_id in linked.values_list("cip_id", flat=True)))
    choices = CareerProgram.objects.filter(career=career, cip__digits=6).values_list("cip_id", "action", "credentials")
    linked = (
        CipSocLink.objects.filter(occupation__career_links__career=career, cip__digits=6)
        .order_by("cip__code")
        .values_list("cip_id", "cip__code", "cip__title")
        .distinct()
    )
    included, excluded = {}, set()
    for cip_id, action, credentials in choices:
        if action == CareerProgram.Action.INCLUDE:
            included[cip_id] = award_levels_of(credentials)
        else:
            excluded.add(cip_id)
    linked = list(dict.fromkeys(linked))
    if not included:
        return CareerPrograms(direct=tuple((cip_id, ()) for cip_id, _, _ in linked if cip_id not in excluded))
    related = tuple(
        RelatedProgram(code, title)
        for cip_id, code, title in linked
        if cip_id not in included and cip_id not in excluded
    )
    return CareerPrograms(direct=tuple(sorted(included.items())), related=related)


def program_condition(programs, *, prefix="") -> Q:
    """A filter on Program (or, with ``prefix`` "programs__", on Institution) for the programs ``programs`` names:
    ``programs`` is ((cip_id, award levels), ...), levels () meaning every level. Codes sharing their levels are
    grouped, so the condition stays a few IN lists however many codes a career names."""
    by_levels = {}
    for cip_id, levels in programs:
        by_levels.setdefault(tuple(levels), []).append(cip_id)
    condition = Q(**{f"{prefix}cip_id__in": []})
    for levels, cip_ids in by_levels.items():
        part = Q(**{f"{prefix}cip_id__in": sorted(cip_ids)})
        if levels:
            part &= Q(**{f"{prefix}award_level__in": list(levels)})
        condition |= part
    return condition
