"""Starting a staff guide from an occupation's data profile: the admin's "add guide" form opened with
``?occupation=<SOC code>`` comes prefilled with the occupation's names and the official facts, for staff to rewrite
in their own words before it is published (a new guide is a draft)."""

from django.utils.text import slugify

from .profile_presenter import OccupationProfile


def initial_guide(profile: OccupationProfile) -> dict:
    """The guide form's starting values from ``profile`` (no reads)."""
    occupation = profile.occupation
    initial = {
        "title": f"{occupation.title} Careers",
        "short_name": occupation.title[:120],
        "slug": slugify(occupation.title)[:200],
        "summary": occupation.description,
        "what_they_do": (
            f"[Rewrite in our own words. O*NET's description:] {occupation.description}"
            if occupation.description
            else ""
        ),
    }
    projection = profile.projection
    if projection is not None:
        facts = [
            f"typical education for entry: {projection.typical_entry_education or 'not published'}",
            f"work experience: {projection.work_experience or 'not published'}",
            f"on-the-job training: {projection.on_the_job_training or 'not published'}",
        ]
        initial["how_to_begin_intro"] = f"[Rewrite. BLS Employment Projections {projection.period_label}:] " + (
            "; ".join(facts) + "."
        )
        if projection.change_percent is not None:
            initial["job_outlook_narrative"] = (
                f"[Rewrite: why demand changes. BLS projects a change of {projection.change_percent}% "
                f"from {projection.base_year} to {projection.target_year}; the figures show on the page by themselves.]"
            )
    return initial
