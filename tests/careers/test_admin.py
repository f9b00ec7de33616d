"""Every careers model works in the admin for a superuser, and the staff tools do what they say."""

import datetime
import json
import re
from html import unescape

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from careers.models import (
    Career,
    CareerCertification,
    CareerOccupation,
    CareerStep,
    RelatedCareer,
    Source,
    Specialization,
)
from reference_data.models import EmploymentProjection, Occupation, OccupationTask, WageEstimate
from tests import factories

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = (
    "career_occupations",
    "steps",
    "career_certifications",
    "specializations",
    "related_careers",
    "sources",
)
# The editorial models' history tables (django-simple-history) are browsed from each guide's History page.
CAREERS_MODELS = [m for m in apps.get_app_config("careers").get_models() if not m.__name__.startswith("Historical")]
IMPORTED_MODELS = {"Occupation", "OccupationTask", "WageEstimate", "EmploymentProjection"}


def test_every_careers_model_is_registered():
    for model in CAREERS_MODELS:
        assert model in admin.site._registry, model.__name__


def some_row(model):
    """A shipped row where content/ has one (the test loads it); otherwise one from the model's factory."""
    row = model.objects.first()
    return row if row is not None else getattr(factories, f"{model.__name__}Factory")()


def assert_admin_pages_load(client, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    row = some_row(model)
    assert client.get(reverse(f"{prefix}_changelist")).status_code == 200
    assert client.get(reverse(f"{prefix}_changelist"), {"q": "29-2072"}).status_code == 200
    # Imported data is read-only: no add page, and its change page shows the row without a form to save.
    imported = model.__name__ in IMPORTED_MODELS
    assert client.get(reverse(f"{prefix}_add")).status_code == (403 if imported else 200)
    change = client.get(reverse(f"{prefix}_change", args=[row.pk]))
    assert change.status_code == 200
    assert ('name="_save"' in change.content.decode()) is not imported


@pytest.mark.parametrize("model", CAREERS_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(admin_client, model):
    assert_admin_pages_load(admin_client, model)


# -- Helpers shared with tests/certifications/test_admin.py: what a staff user sees on the admin's pages ---------


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def listed(response):
    """The rows a changelist shows."""
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def rows_after_choosing(client, model, title, choice):
    """Open the list, choose ``choice`` under "By <title>" in the filter sidebar, and return the rows then listed."""
    url = admin_url(model, "changelist")
    html = client.get(url).content.decode()
    block = re.search(rf'<details data-filter-title="{re.escape(title)}".*?</details>', html, flags=re.S)
    assert block, f"the list has no {title!r} filter"
    links = {
        unescape(strip_tags(text)).strip(): unescape(href)
        for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', block.group(0), flags=re.S)
    }
    assert choice in links, (title, sorted(links))
    return listed(client.get(url + links[choice]))


def assert_filter_lists(client, model, title, choice, expected):
    expected = set(expected)
    # A case that can fail: the filter must keep some rows and leave others out.
    assert expected and expected != set(model.objects.all()), "the case needs rows on both sides of the filter"
    assert rows_after_choosing(client, model, title, choice) == expected


def column_headers(html):
    """The visible headers of a changelist's columns (without the select-all checkbox)."""
    heads = re.findall(r'<th scope="col" class="[^"]*column-[^"]*">.*?<div class="text">(.*?)</div>', html, flags=re.S)
    return [re.sub(r"\s+", " ", strip_tags(head)).strip() for head in heads]


def prepopulated(html):
    """What the add form fills in as you type: {field: [fields it is made from]}."""
    match = re.search(r'data-prepopulated-fields="([^"]*)"', html)
    assert match, "no prepopulated fields on this form"
    assert "admin/js/prepopulate_init.js" in html and "admin/js/urlify.js" in html
    return {field["name"]: field["dependency_list"] for field in json.loads(unescape(match.group(1)))}


def follow_view_on_site(client, change_url):
    """Click "View on site" on a change page; the address it leads to."""
    html = client.get(change_url).content.decode()
    link = re.search(r'<a href="([^"]+)" class="viewsitelink">View on site</a>', html)
    assert link, "no View on site link"
    response = client.get(link.group(1))
    assert response.status_code == 302
    return response["Location"]


# -- Forms, lists, filters and search --------------------------------------------------------------------------


def test_guide_add_form_fills_the_slug_from_the_short_name(admin_client):
    html = admin_client.get(admin_url(Career, "add")).content.decode()
    assert prepopulated(html) == {"slug": ["short_name"]}
    assert 'id="id_short_name"' in html and 'id="id_slug"' in html


COLUMNS = {
    Career: ["Short name", "Status", "Last edited", "Published at", "Last reviewed", "Page"],
    Source: ["Title", "Organization", "Kind", "Career", "Url"],
    Occupation: ["Soc code", "Title", "In current soc", "Job zone", "Typical education", "Guide"],
    WageEstimate: ["Occupation", "Area name", "Area type", "Period", "Employment", "Annual median", "Hourly median"],
    EmploymentProjection: [
        "Occupation", "Base year", "Target year", "Change percent", "Annual openings", "Median annual wage"
    ],
}  # fmt: skip


@pytest.mark.parametrize("model", list(COLUMNS), ids=lambda m: m.__name__)
@pytest.mark.usefixtures("shipped_content")
def test_list_columns(admin_client, model):
    html = admin_client.get(admin_url(model, "changelist")).content.decode()
    assert column_headers(html) == COLUMNS[model]


def _guide(slug):
    return Career.objects.get(slug=slug)


def _draft():
    factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
    return Career.objects.filter(status=Career.Status.DRAFT)


def _edited_since_published():
    guide = _guide("medical-assistant")
    Career.objects.filter(pk=guide.pk).update(content_changed_at=guide.published_at + datetime.timedelta(days=1))
    return [guide]


def _reviewed(which):
    # The shipped guides count as reviewed when they were installed; one was last reviewed two years ago.
    guide = _guide("medical-biller-and-coder")
    Career.objects.filter(pk=guide.pk).update(last_reviewed_at=timezone.now() - datetime.timedelta(days=730))
    return [guide] if which == "due" else Career.objects.exclude(pk=guide.pk)


def _not_primary():
    CareerOccupation.objects.create(
        career=_guide("medical-biller-and-coder"), occupation=Occupation.objects.get(soc_code="29-9021")
    )
    return CareerOccupation.objects.filter(is_primary=False)


def _old_soc_code():
    factories.OccupationFactory(in_current_soc=False)
    return Occupation.objects.filter(in_current_soc=False)


def _job_zones():
    factories.OccupationFactory(job_zone=3)
    factories.OccupationFactory(job_zone=4)
    return Occupation.objects.filter(job_zone=3)


def _core_tasks():
    factories.OccupationTaskFactory(is_core=True)
    factories.OccupationTaskFactory(is_core=False)
    return OccupationTask.objects.filter(is_core=True)


def _state_wage():
    factories.WageEstimateFactory(area_type=WageEstimate.AreaType.STATE, area_code="01", area_name="Alabama")
    return WageEstimate.objects.filter(area_type="state")


def _wage_of_today():
    factories.WageEstimateFactory(period=timezone.localdate())
    return WageEstimate.objects.filter(period=timezone.localdate())


def _projection_years(field, value):
    factories.EmploymentProjectionFactory(base_year=2022, target_year=2032)
    return EmploymentProjection.objects.filter(**{field: value})


# (id, model, filter title, choice, a function that makes the rows and returns those the choice should list)
FILTER_CASES = [
    ("guide status", Career, "status", "Draft", _draft),
    ("guide changes", Career, "unpublished changes", "Published, with changes not yet published",
     _edited_since_published),
    ("guide reviewed", Career, "review", "Reviewed in the last 12 months", lambda: _reviewed("current")),
    ("guide review due", Career, "review", "Not reviewed in 12 months", lambda: _reviewed("due")),
    ("step career", CareerStep, "career", "Medical Assistant",
     lambda: CareerStep.objects.filter(career__slug="medical-assistant")),
    ("specialization career", Specialization, "career", "Health Information Technician",
     lambda: Specialization.objects.filter(career__slug="health-information-technician")),
    ("related career", RelatedCareer, "career", "Cancer Registrar",
     lambda: RelatedCareer.objects.filter(career__slug="cancer-registrar")),
    ("source kind", Source, "kind", "Association", lambda: Source.objects.filter(kind="association")),
    ("source career", Source, "career", "Medical Transcriptionist",
     lambda: Source.objects.filter(career__slug="medical-transcriptionist")),
    ("occupation link primary", CareerOccupation, "is primary", "No", _not_primary),
    ("occupation link career", CareerOccupation, "career", "Cancer Registrar",
     lambda: CareerOccupation.objects.filter(career__slug="cancer-registrar")),
    ("occupation in SOC", Occupation, "in current soc", "No", _old_soc_code),
    ("occupation job zone", Occupation, "job zone", "3", _job_zones),
    ("task core", OccupationTask, "is core", "Yes", _core_tasks),
    ("wage area type", WageEstimate, "area type", "State", _state_wage),
    ("wage period", WageEstimate, "period", "Today", _wage_of_today),
    ("projection base year", EmploymentProjection, "base year", "2022", lambda: _projection_years("base_year", 2022)),
    ("projection target year", EmploymentProjection, "target year", "2034",
     lambda: _projection_years("target_year", 2034)),
    ("certification link body", CareerCertification, "body", "AAPC (AAPC)",
     lambda: CareerCertification.objects.filter(certification__body__acronym="AAPC")),
    ("certification link career", CareerCertification, "career", "Cancer Registrar",
     lambda: CareerCertification.objects.filter(career__slug="cancer-registrar")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "title", "choice", "make"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES]
)
@pytest.mark.usefixtures("shipped_content")
def test_each_list_filter_lists_the_matching_rows(admin_client, model, title, choice, make):
    expected = list(make())
    assert_filter_lists(admin_client, model, title, choice, expected)


SOC_SEARCHES = [
    (Occupation, "29-2072", lambda: Occupation.objects.filter(soc_code="29-2072")),
    (WageEstimate, "29-2072", lambda: WageEstimate.objects.filter(occupation__soc_code="29-2072")),
    (EmploymentProjection, "29-2072", lambda: EmploymentProjection.objects.filter(occupation__soc_code="29-2072")),
    (CareerOccupation, "29-9021", lambda: CareerOccupation.objects.filter(occupation__soc_code="29-9021")),
    (Career, "29-9021", lambda: Career.objects.filter(slug__in=["cancer-registrar", "health-information-technician"])),
]


@pytest.mark.parametrize(("model", "code", "expected"), SOC_SEARCHES, ids=[m.__name__ for m, _, _ in SOC_SEARCHES])
@pytest.mark.usefixtures("shipped_content")
def test_search_by_soc_code_lists_that_occupations_rows(admin_client, model, code, expected):
    # A state row of the same occupation is found too; other occupations' rows are not.
    factories.WageEstimateFactory(
        occupation=Occupation.objects.get(soc_code=code), area_type="state", area_code="01", area_name="Alabama"
    )
    rows = set(expected())
    assert rows and rows != set(model.objects.all())
    assert listed(admin_client.get(admin_url(model, "changelist"), {"q": code})) == rows


@pytest.mark.usefixtures("shipped_content")
def test_search_by_soc_code_finds_its_tasks(admin_client):
    occupation = Occupation.objects.get(soc_code="29-2072")
    task = factories.OccupationTaskFactory(occupation=occupation, onet_soc_code="29-2072.00")
    factories.OccupationTaskFactory()
    assert listed(admin_client.get(admin_url(OccupationTask, "changelist"), {"q": "29-2072"})) == {task}


@pytest.mark.usefixtures("shipped_content")
def test_view_on_site_shows_a_draft_guide_as_a_preview(admin_client):
    draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None, short_name="Unpublished Guide")
    location = follow_view_on_site(admin_client, admin_url(Career, "change", draft.pk))
    assert location.endswith(draft.get_absolute_url())
    html = admin_client.get(location).content.decode()
    assert "Preview: not published." in html and "Unpublished Guide" in html
    assert follow_view_on_site(admin_client, admin_url(Career, "change", _guide("medical-assistant").pk)).endswith(
        "/careers/medical-assistant/"
    )


@pytest.mark.usefixtures("shipped_content")
def test_career_change_page_has_the_section_inlines_and_view_on_site(admin_client):
    career = Career.objects.get(slug="medical-biller-and-coder")
    html = admin_client.get(reverse("admin:careers_career_change", args=[career.pk])).content.decode()
    for prefix in INLINE_PREFIXES:
        assert f'id="id_{prefix}-TOTAL_FORMS"' in html, prefix
    assert "View on site" in html
    assert 'value="If you are still in high school' not in html  # steps are textareas, not inputs
    assert "If you are still in high school" in html


@pytest.mark.usefixtures("shipped_content")
def test_guide_search_finds_by_soc_code(admin_client):
    html = admin_client.get(reverse("admin:careers_career_changelist"), {"q": "31-9094"}).content.decode()
    assert "Medical Transcriptionist" in html and "Medical Assistant" not in html


@pytest.mark.usefixtures("shipped_content")
def test_occupation_autocomplete(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "careers", "model_name": "careeroccupation", "field_name": "occupation", "term": "29-2072"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["29-2072 Medical Records Specialists"]


def test_publish_and_unpublish_actions(admin_client):
    draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
    changelist = reverse("admin:careers_career_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Career.Status.PUBLISHED
    assert draft.published_at is not None and draft.published_by.username == "admin"
    assert admin_client.get(draft.get_absolute_url()).status_code == 200

    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Career.Status.DRAFT


def test_status_is_not_edited_in_the_form(admin_client):
    # Publication goes through the workflow actions, which record who and when.
    career = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None, slug="form-edit")
    html = admin_client.get(reverse("admin:careers_career_change", args=[career.pk])).content.decode()
    assert 'name="status"' not in html
    assert 'name="title"' in html


@pytest.mark.usefixtures("shipped_content")
def test_imported_figures_are_read_only(admin_client):
    from reference_data.models import WageEstimate

    wage = WageEstimate.objects.filter(occupation__soc_code="29-2072").first()
    url = reverse("admin:reference_data_wageestimate_change", args=[wage.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="annual_median"' not in html and "51,140" in html.replace("51140", "51,140")
    assert admin_client.post(url, {"annual_median": 1}).status_code == 403
    wage.refresh_from_db()
    assert wage.annual_median == 51140


def test_a_guide_starts_from_an_occupation_profile(admin_client):
    occupation = factories.OccupationFactory(
        soc_code="29-9801", title="Made-up Therapists", description="Treat made-up ills."
    )
    factories.WageEstimateFactory(occupation=occupation)
    factories.EmploymentProjectionFactory(
        occupation=occupation, typical_entry_education="Associate's degree", change_percent="8.0"
    )
    listing = admin_client.get(admin_url(Occupation, "changelist")).content.decode()
    start = admin_url(Career, "add") + "?occupation=29-9801"
    assert f'href="{start}"' in listing
    html = admin_client.get(start).content.decode()
    assert 'value="Made-up Therapists Careers"' in html and 'value="made-up-therapists"' in html
    assert "Treat made-up ills." in html and "typical education for entry: Associate&#x27;s degree" in html
    assert re.search(rf'<option value="{occupation.pk}" selected>', html)  # the primary occupation row
    # An unknown or malformed code starts an empty guide.
    for code in ("29-9999", "%3Cx%3E", "98-0001"):
        empty = admin_client.get(admin_url(Career, "add") + f"?occupation={code}")
        assert empty.status_code == 200 and "Made-up Therapists Careers" not in empty.content.decode()
