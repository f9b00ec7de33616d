"""What the guide pages say about themselves in <head> (core/page_meta.py: title, description, canonical, JSON-LD)."""

from django.urls import reverse

from core.page_meta import PageMeta


def home_meta():
    return PageMeta(title="Healthcare careers, pay and schools", canonical=reverse("core:home"))


def career_index_meta(careers):
    return PageMeta(
        title="Career guides",
        description=f"Guides to {len(careers)} healthcare careers: what the work is, how to get in, the "
        "certifications that count, and official pay and job outlook figures for each.",
        canonical=reverse("careers:index"),
    )


def career_meta(career, *, structured_data=()):
    """A guide's page: its title and summary, at its own address (a staff preview's ?version=... is not part of it)."""
    return PageMeta(
        title=career.title,
        description=career.summary,
        canonical=career.get_absolute_url(),
        og_type="article",
        structured_data=tuple(structured_data),
    )
