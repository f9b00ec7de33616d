from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from core.page_cache import content_page_response

from . import page_meta, selectors, structured_data


@require_safe
def certification_index(request):
    def render_parts():
        bodies = list(selectors.bodies_with_certifications())
        content = render_to_string("certifications/certification_index.html#content", {"bodies": bodies})
        return {"meta": page_meta.certification_index_meta(bodies), "content": content}

    return content_page_response(
        request, "certifications/certification_index.html", "certifications:index", render=render_parts
    )


@require_safe
def certification_detail(request, slug):
    def render_parts():
        certification = selectors.certification_for_page(slug)
        if certification is None:
            return None
        sources = selectors.numbered_sources(certification)
        refs = selectors.sources_by_fact(sources)
        context = {
            "certification": certification,
            "sources": sources,
            "exam_facts": selectors.exam_facts(certification, refs),
            "eligibility_sources": refs["eligibility"] if certification.eligibility else (),
            "notes_sources": refs["notes"] if certification.notes else (),
            "qualifying_searches": selectors.qualifying_searches(certification),
            "career_links": list(certification.career_links.all()),
        }
        heading = {"acronym": certification.acronym}
        content = render_to_string("certifications/certification_detail.html#content", context)
        return {
            "certification": heading,
            "meta": page_meta.certification_meta(
                certification, structured_data=[structured_data.credential_data(certification)]
            ),
            "content": content,
        }

    return content_page_response(
        request, "certifications/certification_detail.html", "certifications:detail", slug,
        render=render_parts, missing="No certification at this address.",
    )  # fmt: skip
