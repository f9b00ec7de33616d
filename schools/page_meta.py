"""What Find a School's pages say about themselves in <head> (core/page_meta.py; README "Being found").

A search's canonical address is its cleaned parameters in the form's order (SchoolSearchForm.known_query: known
names only, trimmed, the last value of each, page 1 left out), so shuffled, repeated or unknown parameters all name
one address. Only two kinds of search are worth a search engine's index: a career alone, and a career in one state
(each page of their results), plus the empty search form. Every other combination (a ZIP code, a name, a type of
school ...) is a visitor's own question: ``noindex, follow``.
"""

from django.http import QueryDict
from django.urls import reverse

from core.page_meta import PageMeta

from .states import STATE_NAMES

INDEXABLE_SEARCHES = ({"career"}, {"career", "state"})


def canonical_search_query(known_query) -> QueryDict:
    """The search's parameters as its canonical address carries them: ``known_query`` without page 1."""
    query = known_query.copy()
    if query.get("page") == "1":
        del query["page"]
    return query


def _address(query):
    path = reverse("schools:search")
    return f"{path}?{query.urlencode()}" if query else path


def search_error_meta(known_query):
    return PageMeta(
        title="Error: Find a School",
        description="Find a School: this search needs correcting before it can list schools.",
        canonical=_address(canonical_search_query(known_query)),
        indexable=False,
    )


def _place(cleaned):
    zip_centroid, radius, state = cleaned.get("zip"), cleaned.get("radius"), cleaned.get("state")
    if zip_centroid is not None:
        # A ZIP code, or a city and state ("Houston, TX": reference_data.places.Place.short_label).
        place = f"ZIP code {zip_centroid.zip_code}" if zip_centroid.zip_code else zip_centroid.short_label
        near = f"within {radius} miles of {place}" if radius else f"near {place}"
        return f"{near}, {STATE_NAMES[state]}" if state else near
    return f"in {STATE_NAMES[state]}" if state else "in the US"


def search_meta(known_query, cleaned, *, career, page, paginator):
    """A valid search's title, description, canonical address and whether it is indexable.

    ``cleaned``: the form's cleaned data; ``career`` the career searched for (or None); ``page`` and ``paginator``
    the page of results shown."""
    query = canonical_search_query(known_query)
    names = set(query) - {"page"}
    count = paginator.count
    indexable = not names or (names in INDEXABLE_SEARCHES and count > 0)
    place = _place(cleaned)
    what = f"{career.short_name} programs" if career else "health programs"
    if not names:
        title = "Find a School"
    elif names in INDEXABLE_SEARCHES:
        title = f"{career.short_name} schools {place}"
    else:
        title = f"Find a School: {career.short_name} {place}" if career else f"Find a School: schools {place}"
    of_pages = ""
    if page.number > 1:
        title += f", page {page.number}"
        of_pages = f" Page {page.number} of {paginator.num_pages}."
    schools = "1 school" if count == 1 else f"{count:,} schools"
    description = (
        f"{schools} with {what} {place}, with their credentials, completions and local pay.{of_pages}"
        if count
        else f"No school with {what} {place} matches this search."
    )
    return PageMeta(title=title, description=description, canonical=_address(query), indexable=indexable)


def school_meta(institution, *, state_name, structured_data=()):
    """A school's page: its name with city and state in the title, so campuses that share a name differ."""
    return PageMeta(
        title=f"{institution.display_name}, {institution.city}, {institution.state}",
        description=f"{institution.display_name}, {institution.city}, {state_name}: health programs and "
        "completions from IPEDS, cost, outcomes and how to contact the school.",
        canonical=institution.get_absolute_url(),
        structured_data=tuple(structured_data),
    )


def compare_meta(unitids, *, has_error):
    query = QueryDict(mutable=True)
    query.setlist("unitid", unitids)
    path = reverse("schools:compare")
    return PageMeta(
        title=f"{'Error: ' if has_error else ''}Compare schools",
        description="Health programs, completions, cost and outcomes of up to four schools side by side.",
        canonical=f"{path}?{query.urlencode()}" if unitids else path,
        indexable=False,
    )
