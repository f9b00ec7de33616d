from django.http import Http404
from django.shortcuts import render

from . import selectors, versions


def career_index(request):
    careers = versions.apply_published_text(list(selectors.published_careers_with_figures()))
    return render(request, "careers/career_index.html", {"careers": careers})


def career_detail(request, slug):
    # Staff may preview drafts and unpublished edits at the public address; everyone else sees the version
    # published last, and only of published guides. Staff can ask for that public version with ?version=published.
    is_staff = request.user.is_staff
    career = selectors.career_for_page(slug, include_drafts=is_staff)
    if career is None:
        raise Http404("No published guide at this address.")
    showing_published_version = career.has_unpublished_changes and (
        not is_staff or request.GET.get("version") == "published"
    )
    if showing_published_version:
        career = versions.published_version(career)
    page = selectors.career_page(career, include_drafts=is_staff and not showing_published_version)
    context = {
        "career": career,
        "page": page,
        "is_staff": is_staff,
        "showing_published_version": showing_published_version,
    }
    return render(request, "careers/career_detail.html", context)
