"""What the guide pages say about themselves in <head> (core/page_meta.py: title, description, canonical, JSON-LD)."""

from django.urls import reverse

from core.page_meta import PageMeta, breadcrumb_list


def home_meta():
    """The top of the site: no visible trail, but a BreadcrumbList of Home alone, so every page has one (issue 15)."""
    return PageMeta(
        title="Healthcare careers, pay and schools",
        canonical=reverse("core:home"),
        structured_data=(breadcrumb_list((), current=None),),
    )


def career_index_meta(count, *, filtered, has_errors):
    """The index of every healthcare occupation. Its filtered views are shareable addresses but not indexed: they
    would be many near-copies of one list."""
    return PageMeta(
        title=f"{'Error: ' if has_errors else ''}Healthcare Careers Guide: every healthcare occupation",
        description=f"Compare {count} US healthcare occupations by the education needed to start, median pay and "
        "projected growth, from official BLS and O*NET data, with our guides first.",
        canonical=reverse("careers:index"),
        indexable=not (filtered or has_errors),
    )


def occupation_meta(profile, *, structured_data=()):
    """An occupation's data profile (an occupation without a guide)."""
    occupation = profile.occupation
    return PageMeta(
        title=f"{occupation.title}: pay, outlook and training",
        description=f"What official US data says about {occupation.title} (SOC {occupation.soc_code}): the work, "
        "the training, pay by state and area, and the outlook.",
        canonical=occupation.get_absolute_url(),
        og_type="article",
        structured_data=tuple(structured_data),
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


def occupation_areas_meta(areas):
    """An occupation's pay in every area: its own page, under the occupation's (its trail, and BreadcrumbList, come
    from the template's breadcrumbs)."""
    occupation = areas.occupation
    return PageMeta(
        title=f"{occupation.title}: pay in every metropolitan and nonmetropolitan area",
        description=f"Annual pay of {occupation.title} (SOC {occupation.soc_code}) in each of "
        f"{len(areas.local_wages)} US metropolitan and nonmetropolitan areas, from BLS OEWS {areas.period_label}.",
        canonical=areas.url,
    )
