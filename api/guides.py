"""The editorial resources: the published career guides and the certifications, read with the pages' own
selectors (careers.selectors, certifications.selectors), so the API states what the pages state."""

import re

from django.urls import reverse

from careers.selectors import career_for_page, career_page, published_careers_with_figures
from certifications.models import Certification
from certifications.selectors import certification_for_page, exam_facts, numbered_sources, sources_by_fact

from .figures import OEWS, figure
from .http import NotFound, json_answer
from .reference import growth_figure, national_median_figure, projection_row, wage_row

# A slug as Django's slug converter takes it. Anything else is no guide or certification, found without a query: a NUL
# byte in a query is an error on PostgreSQL, not an empty result.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def _url(request, name, **kwargs):
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def career_list_answer(request):
    def build():
        careers = published_careers_with_figures().order_by("short_name", "slug")
        return {
            "count": len(careers),
            "results": [
                {
                    "slug": career.slug,
                    "name": career.short_name,
                    "title": career.title,
                    "summary": career.summary,
                    "national_median_annual_wage": national_median_figure(career.national_median, career.wage_period),
                    "employment_change_percent": growth_figure(
                        career.growth_percent, career.growth_base_year, career.growth_target_year
                    ),
                    "page_url": request.build_absolute_uri(career.get_absolute_url()),
                    "api_url": _url(request, "api-v1:career_detail", slug=career.slug),
                }
                for career in careers
            ],
        }

    return json_answer(request, "careers", request.get_host(), build=build)


def career_detail_answer(request, slug):
    def build():
        career = career_for_page(slug) if SLUG.fullmatch(slug) else None
        if career is None:
            raise NotFound("No published guide at that address.")
        page = career_page(career)
        profile = page.profile  # the primary occupation's data sections (None without one)
        outlook = profile.outlook if profile else None
        national_wage = profile.national_wage if profile else None
        return {
            "slug": career.slug,
            "name": career.short_name,
            "title": career.title,
            "summary": career.summary,
            "occupation": (
                {"soc_code": page.occupation.soc_code, "title": page.occupation.title} if page.occupation else None
            ),
            "other_occupations": [{"soc_code": o.soc_code, "title": o.title} for o in page.other_occupations],
            "description_source": (profile.onet_attribution if profile else "") or None,
            "steps": [step.text for step in page.steps],
            "certifications": [
                {
                    "slug": link.certification.slug,
                    "acronym": link.certification.acronym,
                    "name": link.certification.name,
                    "body": link.certification.body.acronym,
                    "api_url": _url(request, "api-v1:certification_detail", slug=link.certification.slug),
                }
                for link in page.certifications
            ],
            "pay": {
                "national": wage_row(national_wage) if national_wage else None,
                "by_state": [wage_row(estimate) for estimate in profile.state_wages] if profile else [],
                "source": OEWS,
            },
            "outlook": {
                "occupation": projection_row(outlook.projection) if outlook else None,
                "all_occupations_change_percent": figure(
                    outlook.all_occupations.change_percent if outlook and outlook.all_occupations else None,
                    source="BLS Employment Projections, all occupations",
                    period=outlook.projection.period_label if outlook else None,
                    missing="Not projected",
                ),
            },
            "page_url": request.build_absolute_uri(career.get_absolute_url()),
            "schools_api_url": _url(request, "api-v1:school_search") + f"?career={career.slug}",
        }

    return json_answer(request, "career", slug[:200], request.get_host(), build=build)


def certification_summary(request, certification):
    return {
        "slug": certification.slug,
        "acronym": certification.acronym,
        "name": certification.name,
        "body": {"name": certification.body.name, "acronym": certification.body.acronym, "url": certification.body.url},
        "page_url": request.build_absolute_uri(certification.get_absolute_url()),
        "api_url": _url(request, "api-v1:certification_detail", slug=certification.slug),
    }


def certification_list_answer(request):
    def build():
        certifications = Certification.objects.select_related("body").order_by("body__name", "acronym", "slug")
        results = [certification_summary(request, c) for c in certifications]
        return {"count": len(results), "results": results}

    return json_answer(request, "certifications", request.get_host(), build=build)


def certification_detail_answer(request, slug):
    def build():
        certification = certification_for_page(slug) if SLUG.fullmatch(slug) else None
        if certification is None:
            raise NotFound("No certification at that address.")
        numbered = numbered_sources(certification)
        facts = exam_facts(certification, sources_by_fact(numbered))
        return {
            **certification_summary(request, certification),
            "what_it_shows": certification.what_it_shows,
            "who_it_suits": certification.who_it_suits,
            "eligibility": certification.eligibility or None,
            "facts": [
                {"label": fact.label, "value": fact.value or None, "sources": [ref.number for ref in fact.sources]}
                for fact in facts
            ],
            "facts_gathered_on": certification.facts_gathered_on,
            "official_url": certification.official_url or None,
            "sources": [
                {
                    "number": ref.number,
                    "title": ref.source.title,
                    "publisher": ref.source.publisher,
                    "url": ref.source.url,
                    "kind": ref.source.kind,
                    "page_date": ref.source.page_date or None,
                    "may_be_out_of_date": ref.source.may_be_out_of_date,
                }
                for ref in numbered
            ],
            "qualifying_programs": [
                {"code": cip.code, "title": cip.plain_title} for cip in certification.qualifying_programs.all()
            ],
            "qualifying_award": certification.qualifying_award or None,
            "careers": [link.career.slug for link in certification.career_links.all()],
        }

    return json_answer(request, "certification", slug[:50], request.get_host(), build=build)
