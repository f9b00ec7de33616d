"""Reads the shipped content in content/ (YAML files staff review like any text) into the rows it describes, in the
order they can be written: starting figures, certifying bodies, certifications, guides, then each guide's parts.

Only reading and checking the files happens here; schools/content_sync.py decides what to write. A file that is not
valid YAML or lacks a field gives a ContentError naming the file and the field, and nothing is written.
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from careers.models import (
    Career,
    CareerCertification,
    CareerOccupation,
    CareerStep,
    RelatedCareer,
    Source,
    Specialization,
)
from careers.versions import CONTENT_FIELDS
from certifications.models import Certification, CertificationSource, CertifyingBody
from reference_data.models import AwardGroup, CipCode, EmploymentProjection, Occupation, WageEstimate

from .models import CareerProgram

# The field each content model is named by in the files, when another row points to it.
NATURAL_KEYS = {
    Career: "slug",
    Certification: "slug",
    CertifyingBody: "acronym",
    Occupation: "soc_code",
    CipCode: "code",
}

# A guide file holds the guide's own text: the fields a version restores (careers/versions.py).
GUIDE_TEXT_FIELDS = CONTENT_FIELDS
CERTIFICATION_FIELDS = [
    "name",
    "what_it_shows",
    "who_it_suits",
    "eligibility",
    "qualifying_award",
    "exam_questions",
    "exam_length",
    "exam_fee",
    "exam_delivery",
    "renewal_cycle_years",
    "continuing_education",
    "notes",
    "official_url",
    "facts_gathered_on",
]
SOURCE_FIELDS = ["title", "publisher", "url", "kind", "page_date", "may_be_out_of_date", "facts", "covers"]
WAGE_FIELDS = [
    "area_name",
    "employment",
    "hourly_mean",
    "annual_mean",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "hourly_median",
    "source",
    "source_url",
]
PROJECTION_FIELDS = [
    "employment_base",
    "employment_target",
    "change_numeric",
    "change_percent",
    "annual_openings",
    "median_annual_wage",
    "typical_entry_education",
    "work_experience",
    "source",
    "source_url",
]

# libyaml's safe loader when PyYAML has it: four times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Stands for the moment of the sync in the fields a new guide starts with.
SYNC_TIME = object()


class ContentError(Exception):
    """A content file that cannot be read: the message names the file and the field."""


@dataclass(frozen=True)
class Ref:
    """A link to another content row as the files give it: that row's natural key (a slug, a SOC or CIP code)."""

    model: type
    value: str


@dataclass
class ContentRow:
    """One row the files ship: how to find it, the fields the files set, and what a new row starts with."""

    model: type
    key: str  # the natural key as text, unique within the model, e.g. "medical-assistant/steps/3"
    lookup: dict[str, Any]
    fields: dict[str, Any]
    on_create: dict[str, Any] = field(default_factory=dict)
    guide: str = ""  # the guide this row is a part of, if it is one

    @property
    def label(self):
        return f"{self.model._meta.label_lower} {self.key}"


def _text(value):
    """Prose: a string, or a list of paragraphs (the page shows them separated by a blank line)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n\n".join(str(paragraph) for paragraph in value)
    return str(value)


class _File:
    def __init__(self, path: Path, base: Path):
        self.name = str(path.relative_to(base.parent))
        try:
            self.data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise ContentError(f"{self.name}: {error}") from error
        if not isinstance(self.data, dict):
            raise ContentError(f"{self.name}: expected a mapping of field names to values")

    def get(self, data, name, kind=None):
        if name not in data:
            raise ContentError(f"{self.name}: {name}: missing")
        value = data[name]
        if kind is not None and not isinstance(value, kind):
            raise ContentError(f"{self.name}: {name}: expected a {kind.__name__}, got {value!r}")
        return value

    def items(self, data, name):
        return [item if isinstance(item, dict) else {"text": item} for item in (self.get(data, name, list) or [])]


def _figures(file):
    rows = []
    for item in file.items(file.data, "occupations"):
        soc = str(file.get(item, "soc_code"))
        rows.append(ContentRow(Occupation, soc, {"soc_code": soc}, {"title": file.get(item, "title")}))
    for item in file.items(file.data, "cip_codes"):
        code = str(file.get(item, "code"))
        fields = {"title": file.get(item, "title"), "digits": file.get(item, "digits")}
        rows.append(ContentRow(CipCode, code, {"code": code}, fields))
    for item in file.items(file.data, "wage_estimates"):
        soc, area_type, area_code = (str(file.get(item, name)) for name in ("occupation", "area_type", "area_code"))
        period = file.get(item, "period")
        lookup = {"occupation": Ref(Occupation, soc), "area_type": area_type, "area_code": area_code, "period": period}
        fields = {name: file.get(item, name) for name in WAGE_FIELDS}
        rows.append(ContentRow(WageEstimate, f"{soc}/{area_type}/{area_code}/{period}", lookup, fields))
    for item in file.items(file.data, "projections"):
        soc = str(file.get(item, "occupation"))
        base, target = file.get(item, "base_year", int), file.get(item, "target_year", int)
        lookup = {"occupation": Ref(Occupation, soc), "base_year": base, "target_year": target}
        fields = {name: file.get(item, name) for name in PROJECTION_FIELDS}
        rows.append(ContentRow(EmploymentProjection, f"{soc}/{base}-{target}", lookup, fields))
    return rows


def _bodies(file):
    rows = []
    for item in file.items(file.data, "bodies"):
        acronym = file.get(item, "acronym", str)
        fields = {name: _text(file.get(item, name)) for name in ("name", "slug", "url", "description")}
        rows.append(ContentRow(CertifyingBody, acronym, {"acronym": acronym}, fields))
    return rows


def _certification(file):
    data = file.data
    slug = file.get(data, "slug", str)
    fields = {"body": Ref(CertifyingBody, file.get(data, "body", str)), "acronym": file.get(data, "acronym", str)}
    for name in CERTIFICATION_FIELDS:
        value = file.get(data, name)
        fields[name] = _text(value) if isinstance(value, list) else value
    fields["qualifying_programs"] = [Ref(CipCode, str(code)) for code in file.get(data, "qualifying_programs", list)]
    rows = [ContentRow(Certification, slug, {"slug": slug}, fields)]
    for order, item in enumerate(file.items(data, "sources"), start=1):
        values = {name: file.get(item, name) for name in SOURCE_FIELDS}
        values["facts"] = _text(values["facts"])
        lookup = {"certification": Ref(Certification, slug), "order": order}
        rows.append(ContentRow(CertificationSource, f"{slug}/sources/{order}", lookup, values))
    return rows


def _optional_ref(model, value):
    return None if value in (None, "") else Ref(model, str(value))


def _guide(file):
    data = file.data
    slug = file.get(data, "slug", str)
    guide = Ref(Career, slug)
    fields = {name: _text(file.get(data, name)) for name in GUIDE_TEXT_FIELDS}
    on_create = {"status": Career.Status.PUBLISHED, "published_at": SYNC_TIME, "last_reviewed_at": SYNC_TIME}
    career = ContentRow(Career, slug, {"slug": slug}, fields, on_create=on_create)
    parts = []

    def part(model, key, lookup, values):
        parts.append(ContentRow(model, f"{slug}/{key}", {"career": guide, **lookup}, values, guide=slug))

    for position, soc in enumerate(file.get(data, "occupations", list)):
        lookup = {"occupation": Ref(Occupation, str(soc))}
        part(CareerOccupation, f"occupations/{soc}", lookup, {"is_primary": position == 0})
    for order, item in enumerate(file.items(data, "steps"), start=1):
        part(CareerStep, f"steps/{order}", {"order": order}, {"text": _text(file.get(item, "text"))})
    for order, item in enumerate(file.items(data, "certifications"), start=1):
        certification = str(file.get(item, "certification"))
        lookup = {"certification": Ref(Certification, certification)}
        values = {"order": order, "note": item.get("note", "")}
        part(CareerCertification, f"certifications/{certification}", lookup, values)
    for order, item in enumerate(file.items(data, "specializations"), start=1):
        values = {
            "name": file.get(item, "name"),
            "description": _text(file.get(item, "description")),
            "related_career": _optional_ref(Career, item.get("related_career")),
            "certification": _optional_ref(Certification, item.get("certification")),
        }
        part(Specialization, f"specializations/{order}", {"order": order}, values)
    for order, item in enumerate(file.items(data, "related_careers"), start=1):
        values = {
            "title": file.get(item, "title"),
            "description": _text(file.get(item, "description")),
            "target": _optional_ref(Career, item.get("guide")),
            "occupation": _optional_ref(Occupation, item.get("occupation")),
        }
        part(RelatedCareer, f"related_careers/{order}", {"order": order}, values)
    for order, item in enumerate(file.items(data, "sources"), start=1):
        values = {name: file.get(item, name) for name in ("kind", "title", "organization", "url")}
        part(Source, f"sources/{order}", {"order": order}, values)
    for item in file.items(data, "programs"):
        code = str(file.get(item, "cip"))
        credentials = [str(value) for value in item.get("credentials") or []]
        unknown = [value for value in credentials if value not in AwardGroup.values]
        if unknown:
            raise ContentError(f"{file.name}: programs/{code}: credentials: {unknown} (use {AwardGroup.values})")
        values = {"action": file.get(item, "action"), "note": _text(item.get("note", "")), "credentials": credentials}
        part(CareerProgram, f"programs/{code}", {"cip": Ref(CipCode, code)}, values)
    return career, parts


def read_content(content_dir: Path) -> tuple[ContentRow, ...]:
    """Every row content/ ships, parents before the rows that point to them. Read again only when a file changed."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(f"{content_dir}: no content folder")
    files = sorted(content_dir.rglob("*.yaml"))
    return _read_content(content_dir, tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in files))


@functools.lru_cache(maxsize=4)
def _read_content(content_dir: Path, signature) -> tuple[ContentRow, ...]:

    def files(pattern):
        return [_File(path, content_dir) for path in sorted(content_dir.glob(pattern))]

    rows = []
    for file in files("starting-figures.yaml"):
        rows += _figures(file)
    for file in files("certifications/bodies.yaml"):
        rows += _bodies(file)
    for file in files("certifications/*.yaml"):
        if not file.name.endswith("/bodies.yaml"):
            rows += _certification(file)
    guides, parts = [], []
    for file in files("careers/*.yaml"):
        career, its_parts = _guide(file)
        guides.append(career)
        parts += its_parts
    # Guides link to each other (related careers, specializations), so every guide exists before any part.
    return tuple(rows + guides + parts)
