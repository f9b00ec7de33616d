from django.http import Http404
from django.shortcuts import render

from . import selectors


def career_index(request):
    careers = selectors.published_careers_with_figures()
    return render(request, "careers/career_index.html", {"careers": careers})


def career_detail(request, slug):
    # Staff may preview drafts at the public address; everyone else sees published guides only.
    can_preview = request.user.is_staff
    career = selectors.career_for_page(slug, include_drafts=can_preview)
    if career is None:
        raise Http404("No published guide at this address.")
    page = selectors.career_page(career, include_drafts=can_preview)
    return render(request, "careers/career_detail.html", {"career": career, "page": page})
