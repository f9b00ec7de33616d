"""Reads for the certification pages (constant queries per page)."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from reference_data.models import AwardGroup

from .models import Certification, CertificationSource, CertifyingBody


def bodies_with_certifications():
    """Every certifying body with its credentials, for the index grouped by body (two queries)."""
    return CertifyingBody.objects.prefetch_related(
        Prefetch("certifications", queryset=Certification.objects.order_by("acronym"))
    )


def certification_for_page(slug):
    """The credential at ``slug`` with its body, sources, qualifying programs and the published guides it serves."""
    # The guides, and their links to credentials, belong to careers (a layer above, which certifications does not
    # import): reach them through the reverse relation, and let the guides' own queryset say which are published.
    links = Certification._meta.get_field("career_links").related_model
    guides = links._meta.get_field("career").related_model
    published_links = links._default_manager.filter(career__in=guides._default_manager.published()).select_related(
        "career"
    )
    return (
        Certification.objects.select_related("body")
        .prefetch_related("sources", "qualifying_programs", Prefetch("career_links", queryset=published_links))
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class QualifyingSearch:
    """A Find a School search for programs whose graduates meet the credential's education requirement."""

    cip_code: str
    program_title: str
    award_label: str
    url: str


def qualifying_searches(certification):
    award = certification.qualifying_award
    award_label = AwardGroup(award).label if award in AwardGroup.values else ""
    searches = []
    for cip in certification.qualifying_programs.all():
        params = {"program": cip.code}
        if award_label:
            params["award"] = award
        searches.append(
            QualifyingSearch(
                cip_code=cip.code,
                program_title=cip.title.rstrip("."),
                award_label=award_label,
                url=f"{reverse('schools:search')}?{urlencode(params)}",
            )
        )
    return searches


@dataclass(frozen=True)
class SourceRef:
    """A source as a fact cites it: its number in the page's list of sources, and what kind of page it is."""

    number: int
    source: CertificationSource

    @property
    def anchor(self):
        return f"source-{self.number}"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str  # as the page shows it; "" when we have not gathered it
    sources: tuple  # SourceRef, in the order of the page's list


def numbered_sources(certification):
    """The certification's sources as the page lists them, numbered from 1 (``sources`` is prefetched)."""
    return [SourceRef(number, source) for number, source in enumerate(certification.sources.all(), start=1)]


def sources_by_fact(numbered):
    """Each fact field's sources, from ``numbered_sources``."""
    return {
        field: tuple(ref for ref in numbered if field in (ref.source.covers or []))
        for field in Certification.FACT_FIELDS
    }


def exam_facts(certification, refs):
    """The exam and renewal facts, in page order, each with the sources it came from."""
    years = certification.renewal_cycle_years
    values = {
        "exam_questions": "" if certification.exam_questions is None else str(certification.exam_questions),
        "exam_length": certification.exam_length,
        "exam_fee": certification.exam_fee,
        "exam_delivery": certification.exam_delivery,
        "renewal_cycle_years": f"Every {years} year{'' if years == 1 else 's'}" if years else "",
        "continuing_education": certification.continuing_education,
    }
    return [
        Fact(Certification.FACT_FIELDS[field], value, refs[field] if value else ()) for field, value in values.items()
    ]
