from django.http import Http404
from django.shortcuts import render

from . import selectors


def certification_index(request):
    return render(
        request, "certifications/certification_index.html", {"bodies": selectors.bodies_with_certifications()}
    )


def certification_detail(request, slug):
    certification = selectors.certification_for_page(slug)
    if certification is None:
        raise Http404("No certification at this address.")
    context = {
        "certification": certification,
        "qualifying_searches": selectors.qualifying_searches(certification),
        "career_links": list(certification.career_links.all()),
    }
    return render(request, "certifications/certification_detail.html", context)
