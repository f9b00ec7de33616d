"""The reference resources: SOC occupations (with OEWS pay by area and period, BLS projections, the CIP programs
the official crosswalk links them to, and the guides that cover them) and CIP 2020 programs.

Each list is one page of a stable order (SOC code, CIP code) and runs two queries (count and page) whatever the
number of rows; each detail a fixed number (tests/api/test_queries.py).
"""

import re

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.urls import reverse

from careers import occupation_index
from careers.forms import OccupationFilterForm, Sort
from careers.models import Career, CareerOccupation
from careers.profile_presenter import ONET_ATTRIBUTION
from reference_data.models import CipCode, CipSocLink, EmploymentProjection, Occupation, WageEstimate
from schools.forms import NoControlCharactersField
from schools.selectors import HEALTH_CIP_FAMILY, published_careers_by_cip

from .figures import OEWS, PROJECTIONS, figure, wage_period
from .http import NotFound, invalid_parameters, json_answer

PER_PAGE = 50
SOC_CODE = re.compile(r"[0-9]{2}-[0-9]{4}")
CIP_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}([0-9]{2})?)?")
ALL_OCCUPATIONS_SOC = "00-0000"
PAGE_MESSAGES = {"invalid": "Enter a page number, like 2.", "min_value": "Enter a page number, like 2."}


class ListForm(forms.Form):
    """The parameters every list takes: free text and a page (the same messages as Find a School's)."""

    q = NoControlCharactersField(
        required=False, max_length=100, error_messages={"max_length": "Enter 100 characters or fewer."}
    )
    page = forms.IntegerField(required=False, min_value=1, error_messages=PAGE_MESSAGES)

    def known(self):
        """The cleaned parameters, in the fields' order, empty ones left out: the cache key and the links."""
        return {name: str(value) for name, value in self.cleaned_data.items() if value not in (None, "")}


class OccupationListForm(ListForm, OccupationFilterForm):
    """The list's own filters, and the guide index's (education to start, minimum median pay, growth, order), with
    the index's messages. With any of the index's, the list is the index's: the healthcare occupations with a page,
    in its order (careers/occupation_index.py computes both)."""

    major_group = forms.RegexField(
        regex=r"^[0-9]{2}$",
        required=False,
        error_messages={"invalid": "Enter a SOC major group as 2 digits, like 29."},
    )

    def clean_sort(self):
        return self.cleaned_data["sort"]  # none: the list's own order, by SOC code

    @property
    def uses_index(self):
        return self.is_filtered or bool(self.cleaned_data.get("sort"))


class CipListForm(ListForm):
    family = forms.RegexField(
        regex=r"^[0-9]{2}$", required=False, error_messages={"invalid": "Enter a CIP family as 2 digits, like 51."}
    )


def bound(form_class, request):
    # The last value of each parameter, without surrounding spaces, as Find a School reads them.
    return form_class({name: (request.GET.get(name) or "").strip() for name in form_class.base_fields})


def paginated(request, queryset, form, present):
    paginator = Paginator(queryset, PER_PAGE)
    number = form.cleaned_data.get("page") or 1
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise NotFound(f"There is no page {number} of this list.") from None
    known = form.known()

    def link(n):
        query = "&".join(f"{name}={value}" for name, value in {**known, "page": n}.items())
        return request.build_absolute_uri(f"{request.path}?{query}")

    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "per_page": PER_PAGE,
        "parameters": known,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [present(item) for item in page.object_list],
    }


def list_answer(request, name, form_class, build):
    form = bound(form_class, request)
    if not form.is_valid():
        return invalid_parameters(request, form)
    known = form.known()
    return json_answer(request, name, tuple(known.items()), request.get_host(), build=lambda: build(form))


# -- Occupations ------------------------------------------------------------------------------------------------


def _newest(model, order_by, **filters):
    return model.objects.filter(occupation=OuterRef("pk"), **filters).order_by(*order_by)


def occupations_with_figures():
    """Occupations in SOC 2018 with their newest national OEWS median and projected growth (one query)."""
    national = _newest(WageEstimate, ["-period"], area_type=WageEstimate.AreaType.NATIONAL)
    projection = _newest(EmploymentProjection, ["-base_year", "-target_year"])
    return (
        Occupation.objects.filter(in_current_soc=True)
        .exclude(soc_code=ALL_OCCUPATIONS_SOC)
        .annotate(
            national_median=Subquery(national.values("annual_median")[:1]),
            wage_period=Subquery(national.values("period")[:1]),
            growth_percent=Subquery(projection.values("change_percent")[:1]),
            growth_base_year=Subquery(projection.values("base_year")[:1]),
            growth_target_year=Subquery(projection.values("target_year")[:1]),
        )
        .order_by("soc_code")
    )


def national_median_figure(value, period):
    return figure(value, source=OEWS, period=period.strftime("%Y-%m") if period else None, missing="Not published")


def growth_figure(percent, base_year, target_year):
    period = f"{base_year}-{target_year}" if base_year else None
    return figure(
        float(percent) if percent is not None else None, source=PROJECTIONS, period=period, missing="Not projected"
    )


def occupation_summary(request, occupation):
    return {
        "soc_code": occupation.soc_code,
        "title": occupation.title,
        "major_group": occupation.soc_code[:2],
        "national_median_annual_wage": national_median_figure(occupation.national_median, occupation.wage_period),
        "employment_change_percent": growth_figure(
            occupation.growth_percent, occupation.growth_base_year, occupation.growth_target_year
        ),
        "api_url": request.build_absolute_uri(
            reverse("api-v1:occupation_detail", kwargs={"soc_code": occupation.soc_code})
        ),
    }


def occupation_list_answer(request):
    def build(form):
        occupations = occupations_with_figures()
        if form.cleaned_data["major_group"]:
            occupations = occupations.filter(soc_code__startswith=f"{form.cleaned_data['major_group']}-")
        if form.cleaned_data["q"]:
            occupations = occupations.filter(title__icontains=form.cleaned_data["q"])
        if form.uses_index:
            occupations = _in_index_order(occupations, form.cleaned_data)
        return paginated(request, occupations, form, lambda o: occupation_summary(request, o))

    return list_answer(request, "occupations", OccupationListForm, build)


def _in_index_order(occupations, data):
    """``occupations`` narrowed to the guide index's rows for the same filters, in the index's order (92 rows at
    most, filtered in memory as the index page does; three more queries)."""
    rows = occupation_index.filtered_rows(
        occupation_index.index_rows(),
        education=data.get("education") or "",
        min_pay=data.get("min_pay"),
        growth=data.get("growth") or "",
        sort=data.get("sort") or Sort.NAME,
    )
    codes = [row.soc_code for row in rows]
    position = Case(*(When(soc_code=code, then=Value(number)) for number, code in enumerate(codes)))
    return occupations.filter(soc_code__in=codes).order_by(position, "soc_code")


def wage_row(estimate):
    return {
        "area_type": estimate.area_type,
        "area_code": estimate.area_code,
        "area_name": estimate.area_name,
        "state": estimate.state or None,
        "period": wage_period(estimate),
        "period_label": estimate.period_label,
        "source": estimate.source or OEWS,
        "source_url": estimate.source_url or None,
        "employment": estimate.employment,
        "annual_mean": estimate.annual_mean,
        "annual_p10": estimate.annual_p10,
        "annual_p25": estimate.annual_p25,
        "annual_median": estimate.annual_median,
        "annual_p75": estimate.annual_p75,
        "annual_p90": estimate.annual_p90,
        "hourly_mean": estimate.hourly_mean,
        "hourly_median": estimate.hourly_median,
        "top_coded": list(estimate.top_coded or []),
    }


def projection_row(projection):
    return {
        "base_year": projection.base_year,
        "target_year": projection.target_year,
        "period": projection.period_label,
        "source": projection.source or PROJECTIONS,
        "source_url": projection.source_url or None,
        "employment_base_thousands": projection.employment_base,
        "employment_target_thousands": projection.employment_target,
        "change_numeric_thousands": projection.change_numeric,
        "change_percent": projection.change_percent,
        "annual_openings_thousands": projection.annual_openings,
        "median_annual_wage": projection.median_annual_wage,
        "median_annual_wage_top_coded": projection.median_annual_wage_top_coded,
        "typical_entry_education": projection.typical_entry_education or None,
        "work_experience": projection.work_experience or None,
    }


def occupation_detail_answer(request, soc_code):
    def build():
        occupation = Occupation.objects.filter(soc_code=soc_code).first() if SOC_CODE.fullmatch(soc_code) else None
        if occupation is None:
            raise NotFound("No occupation with that SOC code (write it like 29-2072).")
        wages = WageEstimate.objects.filter(occupation=occupation).order_by("-period", "area_type", "area_name")
        projections = EmploymentProjection.objects.filter(occupation=occupation).order_by("-base_year")
        links = CipSocLink.objects.filter(occupation=occupation).select_related("cip").order_by("cip__code")
        guides = (
            CareerOccupation.objects.filter(occupation=occupation, career__status=Career.Status.PUBLISHED)
            .select_related("career")
            .order_by("career__short_name")
        )
        return {
            "soc_code": occupation.soc_code,
            "title": occupation.title,
            "major_group": occupation.soc_code[:2],
            "description": occupation.description or None,
            "description_source": (occupation.description_source or ONET_ATTRIBUTION)
            if occupation.description
            else None,
            "job_zone": occupation.job_zone,
            "typical_education": occupation.typical_education or None,
            "wages": [wage_row(estimate) for estimate in wages],
            "projections": [projection_row(projection) for projection in projections],
            "programs": [cip_summary(request, link.cip) for link in links],
            "careers": [
                {
                    "slug": link.career.slug,
                    "name": link.career.short_name,
                    "primary_occupation": link.is_primary,
                    "api_url": request.build_absolute_uri(
                        reverse("api-v1:career_detail", kwargs={"slug": link.career.slug})
                    ),
                }
                for link in guides
            ],
        }

    return json_answer(request, "occupation", soc_code[:20], request.get_host(), build=build)


# -- CIP programs -----------------------------------------------------------------------------------------------


def cip_summary(request, cip):
    return {
        "code": cip.code,
        "title": cip.plain_title,
        "api_url": request.build_absolute_uri(reverse("api-v1:cip_detail", kwargs={"code": cip.code})),
    }


def cip_list_answer(request):
    def build(form):
        codes = CipCode.objects.filter(digits=6).order_by("code")
        if form.cleaned_data["family"]:
            codes = codes.filter(code__startswith=f"{form.cleaned_data['family']}.")
        if form.cleaned_data["q"]:
            codes = codes.filter(title__icontains=form.cleaned_data["q"])
        return paginated(request, codes, form, lambda cip: cip_summary(request, cip))

    return list_answer(request, "cip", CipListForm, build)


def cip_detail_answer(request, code):
    def build():
        cip = CipCode.objects.filter(code=code).first() if CIP_CODE.fullmatch(code) else None
        if cip is None:
            raise NotFound("No CIP 2020 code like that (write it like 51.0713).")
        occupations = Occupation.objects.filter(cip_links__cip=cip).order_by("soc_code")
        careers = published_careers_by_cip([cip.pk]).get(cip.pk, [])
        searchable = cip.digits == 6 and cip.code.startswith(f"{HEALTH_CIP_FAMILY}.")
        return {
            "code": cip.code,
            "title": cip.plain_title,
            "definition": cip.definition or None,
            "source": "NCES Classification of Instructional Programs (CIP 2020)",
            "occupations": [
                {
                    "soc_code": occupation.soc_code,
                    "title": occupation.title,
                    "api_url": request.build_absolute_uri(
                        reverse("api-v1:occupation_detail", kwargs={"soc_code": occupation.soc_code})
                    ),
                }
                for occupation in occupations
            ],
            "careers": [career.slug for career, _levels in careers],
            "schools_api_url": (
                request.build_absolute_uri(reverse("api-v1:school_search")) + f"?program={cip.code}"
                if searchable
                else None
            ),
        }

    return json_answer(request, "cip-code", code[:20], request.get_host(), build=build)
