import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from certifications.models import Certification, CertificationSource, CertifyingBody
from tests import factories
from tests.careers.test_admin import (
    admin_url,
    assert_admin_pages_load,
    assert_filter_lists,
    column_headers,
    follow_view_on_site,
    listed,
    prepopulated,
)

pytestmark = pytest.mark.django_db

CERTIFICATION_MODELS = [
    m for m in apps.get_app_config("certifications").get_models() if not m.__name__.startswith("Historical")
]


def test_every_certifications_model_is_registered():
    for model in CERTIFICATION_MODELS:
        assert model in admin.site._registry, model.__name__


@pytest.mark.parametrize("model", CERTIFICATION_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(admin_client, model):
    assert_admin_pages_load(admin_client, model)


@pytest.mark.usefixtures("shipped_content")
def test_certification_form_offers_award_groups_and_six_digit_programs(admin_client):
    rhit = Certification.objects.get(slug="rhit")
    html = admin_client.get(reverse("admin:certifications_certification_change", args=[rhit.pk])).content.decode()
    assert '<option value="associate" selected>Associate degree</option>' in html
    assert "51.0707 Health Information/Medical Records Technology/Technician." in html
    assert "View on site" in html
    assert 'id="id_career_links-TOTAL_FORMS"' in html


@pytest.mark.usefixtures("shipped_content")
def test_search_by_acronym(admin_client):
    response = admin_client.get(reverse("admin:certifications_certification_changelist"), {"q": "CCS"})
    assert {c.acronym for c in listed(response)} == {"CCS", "CCS-P"}


@pytest.mark.parametrize("model", [Certification, CertifyingBody], ids=lambda m: m.__name__)
def test_add_forms_fill_the_slug_from_the_acronym(admin_client, model):
    assert prepopulated(admin_client.get(admin_url(model, "add")).content.decode()) == {"slug": ["acronym"]}


COLUMNS = {
    Certification: ["Acronym", "Name", "Body", "Renewal cycle years", "Qualifying award", "Facts gathered on"],
    CertificationSource: ["Title", "Publisher", "Certification", "Kind", "Page date", "May be out of date"],
    CertifyingBody: ["Acronym", "Name", "Url"],
}


@pytest.mark.parametrize("model", list(COLUMNS), ids=lambda m: m.__name__)
@pytest.mark.usefixtures("shipped_content")
def test_list_columns(admin_client, model):
    html = admin_client.get(admin_url(model, "changelist")).content.decode()
    assert column_headers(html) == COLUMNS[model]


def _gathered_today():
    factories.CertificationFactory(facts_gathered_on=timezone.localdate())
    factories.CertificationFactory(facts_gathered_on=datetime.date(2020, 1, 1))
    return Certification.objects.filter(facts_gathered_on=timezone.localdate())


FILTER_CASES = [
    ("certification body", Certification, "body", "National Cancer Registrars Association (NCRA)",
     lambda: Certification.objects.filter(body__acronym="NCRA")),
    ("certification award", Certification, "qualifying award", "associate",
     lambda: Certification.objects.filter(qualifying_award="associate")),
    ("certification gathered", Certification, "facts gathered on", "Today", _gathered_today),
    ("source kind", CertificationSource, "kind", "Secondary: another organization's account",
     lambda: CertificationSource.objects.filter(kind="secondary")),
    ("source out of date", CertificationSource, "may be out of date", "Yes",
     lambda: CertificationSource.objects.filter(may_be_out_of_date=True)),
    ("source body", CertificationSource, "body", "AAPC (AAPC)",
     lambda: CertificationSource.objects.filter(certification__body__acronym="AAPC")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "title", "choice", "make"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES]
)
@pytest.mark.usefixtures("shipped_content")
def test_each_list_filter_lists_the_matching_rows(admin_client, model, title, choice, make):
    assert_filter_lists(admin_client, model, title, choice, list(make()))


def test_date_hierarchy_lists_the_certifications_gathered_that_year(admin_client):
    old = factories.CertificationFactory(facts_gathered_on=datetime.date(2020, 3, 1))
    url = admin_url(Certification, "changelist")
    assert 'href="?facts_gathered_on__year=2020"' in admin_client.get(url).content.decode()
    assert listed(admin_client.get(url, {"facts_gathered_on__year": 2020})) == {old}


@pytest.mark.usefixtures("shipped_content")
def test_view_on_site_opens_the_certification_page(admin_client):
    rhit = Certification.objects.get(slug="rhit")
    location = follow_view_on_site(admin_client, admin_url(Certification, "change", rhit.pk))
    assert location.endswith("/certifications/rhit/")
    assert "<h1>Registered Health Information Technician (RHIT)</h1>" in admin_client.get(location).content.decode()


@pytest.mark.usefixtures("shipped_content")
def test_sources_are_edited_on_the_certification_page_and_shown_on_it(admin_client, client):
    cpc = Certification.objects.get(slug="cpc")
    assert "dated 2027" not in client.get(cpc.get_absolute_url()).content.decode()  # now in the page cache
    change = admin_url(Certification, "change", cpc.pk)
    html = admin_client.get(change).content.decode()
    assert 'id="id_sources-TOTAL_FORMS"' in html
    # Each source says which facts it supplies, as checkboxes named after the page's labels.
    assert 'name="sources-0-covers" value="exam_fee"' in html and "Fee</label>" in html

    source = cpc.sources.get(kind="secondary")
    response = admin_client.post(
        admin_url(CertificationSource, "change", source.pk),
        {
            "certification": cpc.pk, "order": 1, "kind": "official", "title": "CPC exam", "publisher": "AAPC",
            "url": "https://www.aapc.com/certifications/cpc", "page_date": "2027", "facts": "the exam fee",
            "covers": ["exam_fee"],
        },
    )  # fmt: skip
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.covers == ["exam_fee"] and source.kind == "official"
    # The public page shows the change at once: the edit is a new version of the certification, which the page
    # cache's version includes.
    assert cpc.history.first().history_change_reason == "Source changed on its own page"
    page = client.get(cpc.get_absolute_url()).content.decode()
    assert "CPC exam</a> (AAPC's own page; dated 2027)" in page
