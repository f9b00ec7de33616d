"""What a page says about itself in its <head>: title, description, canonical address, whether search engines may
index it, Open Graph tags and structured data (JSON-LD). README "Being found" gives the rules.

Each app builds a ``PageMeta`` for its pages (in its presenters, from what the page shows) and puts it in the page's
context as ``meta``; cached pages keep it with their content (it is plain data, made without the request). The one
place that turns it into tags is ``head_context`` below, which ``{% head_meta %}`` (core/templatetags/site_tags.py)
renders with templates/includes/head_meta.html. A page without a ``meta`` still gets a canonical link (its own path,
without the query string) and the site's description.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

SITE_NAME = "Healthcare Careers Guide"
OG_IMAGE = {"path": "og-card.png", "width": 1200, "height": 630, "alt": f"{SITE_NAME}: the site's cross and name"}
SITE_DESCRIPTION = (
    "Independent guides to healthcare careers, with official pay and outlook figures and every US school that "
    "trains for them."
)


# Site addresses whose JSON-LD texts a PageMeta keeps (a site answers at one or two: www and bare, http and https).
JSON_LD_ORIGINS_KEPT = 4


@dataclass(frozen=True)
class PageMeta:
    """``canonical`` is the page's path with its cleaned query string ("/schools/?career=x&state=AL"); None means
    the path the page was asked for, without any query. ``structured_data`` holds JSON-LD objects (dicts)."""

    title: str
    description: str = SITE_DESCRIPTION
    canonical: str | None = None
    indexable: bool = True
    og_type: str = "website"
    structured_data: tuple = field(default_factory=tuple)
    # The JSON-LD texts as written for each site address ("https://host/"). A cached page's PageMeta is shared by
    # every request a worker serves from its near cache (core/near_cache.py), so its JSON-LD is made absolute and
    # escaped once per address, not on each request: on the 274 KB guide page that was a fifth of the time a cached
    # request spent in Django (cProfile, 400 requests).
    written_json_ld: dict = field(default_factory=dict, compare=False, repr=False)

    def json_ld_texts(self, absolute_url) -> tuple:
        """The structured data as <script> texts, with this site's paths made absolute by ``absolute_url``."""
        origin = absolute_url("/")
        texts = self.written_json_ld.get(origin)
        if texts is None:
            texts = tuple(json_ld_text(absolute_addresses(data, absolute_url)) for data in self.structured_data)
            if len(self.written_json_ld) >= JSON_LD_ORIGINS_KEPT:
                self.written_json_ld.clear()  # a wildcard ALLOWED_HOSTS must not grow it without bound
            self.written_json_ld[origin] = texts
        return texts


def json_ld_text(data) -> str:
    """``data`` as JSON for a <script type="application/ld+json">, safe to put in HTML unescaped.

    <, > and & become \\u003C, \\u003E and \\u0026 (as Django's json_script does), so no string in it, however it
    was imported, can close the script element or open a comment; JSON parsers read the escapes as the characters.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - <, > and & escaped above


# JSON-LD properties whose value is an address. Builders give this site's own as paths ("/careers/x/"), since cached
# pages are made without the request; absolute_addresses makes them absolute when the page is rendered.
ADDRESS_KEYS = frozenset({"@id", "url", "item"})


def absolute_addresses(data, absolute_url):
    """A copy of ``data`` with every path under ADDRESS_KEYS made absolute by ``absolute_url``."""
    if isinstance(data, dict):
        return {
            key: absolute_url(value)
            if key in ADDRESS_KEYS and isinstance(value, str) and value.startswith("/")
            else absolute_addresses(value, absolute_url)
            for key, value in data.items()
        }
    if isinstance(data, list | tuple):
        return [absolute_addresses(value, absolute_url) for value in data]
    return data


def breadcrumb_list(trail, *, current, absolute_url=None) -> dict:
    """schema.org BreadcrumbList of Home, the ``trail`` of (label, path) and the ``current`` page (no address, as
    the last item may have none). ``current`` None is the home page itself: Home alone, with its address.

    Without ``absolute_url`` the addresses stay paths, for a cached page's ``PageMeta`` (head_context makes them
    absolute when the page is rendered)."""
    items = [("Home", "/"), *trail] + ([] if current is None else [(current, None)])
    elements = []
    for position, (label, path) in enumerate(items, start=1):
        element = {"@type": "ListItem", "position": position, "name": str(label)}
        if path:
            element["item"] = absolute_url(path) if absolute_url else path
        elements.append(element)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": elements}


def absolute_url_builder(request):
    """``request.build_absolute_uri``, or None when there is no request or its Host is not one of ours (the 400 page
    answering a request for an unknown host must not ask for the host again)."""
    if request is None:
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None
    return request.build_absolute_uri


def head_context(context, *, noindex=False) -> dict:
    """The <head> tags' values from a template ``context`` (its ``meta``, ``request`` and ``csp_nonce``).

    ``noindex`` marks an error page: never indexed, and with no canonical link or og:url. Without a request (the 500
    page, rendered with no context), or with a Host not ours, there is no address to name: no canonical, no og:url.
    """
    meta = context.get("meta")
    request = context.get("request")
    absolute_url = absolute_url_builder(request)
    canonical_url = ""
    # An error page names no address: it has no canonical one, and its own would echo whatever was typed.
    if absolute_url is not None and not noindex:
        canonical_url = absolute_url(meta.canonical if meta is not None and meta.canonical else request.path)
    indexable = not noindex and (meta is None or meta.indexable)
    json_ld = meta.json_ld_texts(absolute_url) if meta is not None and absolute_url is not None else ()
    return {
        "title": meta.title if meta is not None else "",
        "description": meta.description if meta is not None else SITE_DESCRIPTION,
        "canonical_url": canonical_url,
        "robots": "" if indexable else "noindex, follow",
        "og_type": meta.og_type if meta is not None else "website",
        "site_name": SITE_NAME,
        # The same picture for every page (scripts/build_og_card.py): Open Graph asks every page for one.
        "og_image": absolute_url(static(OG_IMAGE["path"])) if absolute_url is not None else "",
        "og_image_size": (OG_IMAGE["width"], OG_IMAGE["height"]),
        "og_image_alt": OG_IMAGE["alt"],
        "json_ld": json_ld,
        "csp_nonce": context.get("csp_nonce"),
    }
