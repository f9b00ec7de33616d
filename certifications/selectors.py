"""Reads for the certification pages (constant queries per page)."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from careers.models import Career
from schools.models import AwardGroup

from .models import CareerCertification, Certification, CertifyingBody


def bodies_with_certifications():
    """Every certifying body with its credentials, for the index grouped by body (two queries)."""
    return CertifyingBody.objects.prefetch_related(
        Prefetch("certifications", queryset=Certification.objects.order_by("acronym"))
    )


def certification_for_page(slug):
    """The credential at ``slug`` with its body, qualifying programs and the published guides it serves."""
    published_links = CareerCertification.objects.filter(career__status=Career.Status.PUBLISHED).select_related(
        "career"
    )
    return (
        Certification.objects.select_related("body")
        .prefetch_related("qualifying_programs", Prefetch("career_links", queryset=published_links))
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
