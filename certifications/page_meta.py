"""What the certification pages say about themselves in <head> (core/page_meta.py)."""

from django.urls import reverse

from core.page_meta import PageMeta


def certification_index_meta(bodies):
    names = ", ".join(body.acronym for body in bodies)
    return PageMeta(
        title="Certifications",
        description=f"Healthcare certifications and the bodies that award them ({names}): who each suits, "
        "eligibility, the exam and renewal, from the bodies' own pages.",
        canonical=reverse("certifications:index"),
    )


def certification_meta(certification, *, structured_data=()):
    return PageMeta(
        title=f"{certification.acronym}: {certification.name}",
        description=f"{certification.acronym} ({certification.name}) from {certification.body.acronym}: who it "
        "suits, eligibility, the exam and renewal.",
        canonical=certification.get_absolute_url(),
        structured_data=tuple(structured_data),
    )
