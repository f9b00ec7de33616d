from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from core.page_cache import Uncached, content_page_response

from . import occupation_index, page_meta, profile_selectors, selectors, structured_data, versions
from .forms import OccupationFilterForm, Sort
from .pay_near_you import PayNearYou


@require_safe
def home(request):
    """The site's home page: its entry points and the published guides. config/urls.py mounts it as core:home, the
    top of the site (it is in careers because it lists guides; core knows no app)."""

    def render_parts():
        guides = versions.apply_published_text(list(selectors.published_guide_cards()))
        return {
            "meta": page_meta.home_meta(),
            "content": render_to_string("careers/home.html#content", {"guides": guides}),
        }

    return content_page_response(request, "careers/home.html", "core:home", render=render_parts)


@require_safe
def career_index(request):
    """Every healthcare occupation, filtered and sorted by a GET form: each view is a shareable address. A form
    with errors shows its messages above the whole list (not cached: it echoes what was typed)."""
    form = OccupationFilterForm(request.GET)
    valid = form.is_valid()
    criteria = form.cleaned_data if valid else {}

    def render_parts():
        data = occupation_index.index_rows()
        rows = occupation_index.filtered_rows(
            data,
            education=criteria.get("education", ""),
            min_pay=criteria.get("min_pay"),
            growth=criteria.get("growth", ""),
            sort=criteria.get("sort") or Sort.NAME,
        )
        is_filtered = valid and form.is_filtered
        context = {"form": form, "rows": rows, "data": data, "is_filtered": is_filtered}
        parts = {
            "meta": page_meta.career_index_meta(len(rows), filtered=is_filtered, has_errors=not valid),
            "content": render_to_string("careers/career_index.html#content", context),
            "form_errors": not valid,
        }
        return parts if valid else Uncached(parts)

    key = form.known_query() if valid else ()
    return content_page_response(request, "careers/career_index.html", "careers:index", *key, render=render_parts)


@require_safe
def career_detail(request, slug):
    # Staff may preview drafts and unpublished edits at the public address; everyone else sees the version
    # published last, and only of published guides. Staff can ask for that public version with ?version=published.
    # Staff pages are never cached (core/page_cache.py); the public version is, until something on it changes.
    is_staff = request.user.is_staff
    wants_published_version = request.GET.get("version") == "published"
    # "Pay near you" (?near=35801) makes its own cache entry of the page; a place with an error is never kept.
    near = PayNearYou.cache_key(request.GET)

    def render_parts():
        career = selectors.career_for_page(slug, include_drafts=is_staff)
        if career is None:
            return None
        showing_published_version = career.has_unpublished_changes and (not is_staff or wants_published_version)
        if showing_published_version:
            career = versions.published_version(career)
        page = selectors.career_page(career, include_drafts=is_staff and not showing_published_version)
        pay_near_you = PayNearYou.build(request.GET, page.occupation.soc_code if page.occupation else None)
        context = {
            "career": career,
            "page": page,
            "is_staff": is_staff,
            "showing_published_version": showing_published_version,
            "pay_near_you": pay_near_you,
        }
        content = render_to_string("careers/career_detail.html#content", context)
        parts = {
            "career": {"short_name": career.short_name},
            "meta": page_meta.career_meta(career, structured_data=structured_data.guide_data(career, page)),
            "content": content,
        }
        return Uncached(parts) if pay_near_you.has_errors else parts

    return content_page_response(
        request, "careers/career_detail.html", "careers:detail", slug, *([] if near is None else [near]),
        render=render_parts, missing="No published guide at this address.",
    )  # fmt: skip


@require_safe
def occupation_detail(request, soc_code):
    """A healthcare occupation's data profile. An occupation with a published guide redirects (301) to the guide,
    which shows the same data sections."""

    near = PayNearYou.cache_key(request.GET)  # as on a guide: its own cache entry, never one with an error

    def render_parts():
        occupation = profile_selectors.healthcare_occupation(soc_code)
        if occupation is None:
            return None
        guide = profile_selectors.guide_for_occupation(occupation)
        if guide is not None:
            return {"canonical_path": guide.get_absolute_url()}
        profile = profile_selectors.occupation_profile(occupation)
        pay_near_you = PayNearYou.build(request.GET, occupation.soc_code)
        context = {"profile": profile, "pay_near_you": pay_near_you}
        content = render_to_string("careers/occupation_detail.html#content", context)
        parts = {
            "occupation": {"title": occupation.title, "soc_code": occupation.soc_code},
            "meta": page_meta.occupation_meta(profile, structured_data=structured_data.profile_data(profile)),
            "content": content,
        }
        return Uncached(parts) if pay_near_you.has_errors else parts

    return content_page_response(
        request, "careers/occupation_detail.html", "careers:occupation", soc_code, *([] if near is None else [near]),
        render=render_parts, missing="No healthcare occupation with that SOC code.",
    )  # fmt: skip


@require_safe
def occupation_areas(request, soc_code):
    """Pay in every metropolitan and nonmetropolitan area for one occupation: the long table of its page (up to 523
    areas, half of a 270 KB page), on a page of its own that the occupation's or guide's pay section links to. 404
    for an occupation without area estimates."""

    def render_parts():
        occupation = profile_selectors.healthcare_occupation(soc_code)
        areas = profile_selectors.area_pay(occupation) if occupation is not None else None
        if areas is None:
            return None
        return {
            "occupation": {"title": occupation.title, "url": occupation.get_absolute_url()},
            "meta": page_meta.occupation_areas_meta(areas),
            "content": render_to_string("careers/occupation_areas.html#content", {"areas": areas}),
        }

    return content_page_response(
        request, "careers/occupation_areas.html", "careers:occupation_areas", soc_code,
        render=render_parts, missing="No pay by area for that SOC code.",
    )  # fmt: skip
