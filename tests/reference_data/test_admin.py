"""The reference data in the admin: every table is listed and readable, and nobody (a superuser included) can add,
change or delete a row by hand: the importers own them (core/admin_readonly.py)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from core.admin_readonly import ImportedDataAdmin
from reference_data.models import Occupation, OccupationTask
from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = {
    "occupation": factories.OccupationFactory,
    "occupationtask": factories.OccupationTaskFactory,
    "occupationalternatetitle": factories.OccupationAlternateTitleFactory,
    "wageestimate": factories.WageEstimateFactory,
    "industrywage": factories.IndustryWageFactory,
    "employmentprojection": factories.EmploymentProjectionFactory,
    "cipcode": factories.CipCodeFactory,
    "cipsoclink": factories.CipSocLinkFactory,
    "zipcentroid": factories.ZipCentroidFactory,
    "countyarea": factories.CountyAreaFactory,
}


def url(row, view):
    meta, args = row._meta, [row.pk] if view in ("change", "delete") else []
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def test_every_reference_model_has_the_read_only_admin():
    models = set(apps.get_app_config("reference_data").get_models())
    assert {model._meta.model_name for model in models} == set(FACTORIES)
    assert all(isinstance(admin.site._registry[model], ImportedDataAdmin) for model in models)


@pytest.mark.parametrize("model_name", FACTORIES)
def test_a_row_is_shown_but_cannot_be_added_changed_or_deleted(admin_client, model_name):
    row = FACTORIES[model_name]()
    listing = admin_client.get(url(row, "changelist"))
    assert listing.status_code == 200 and url(row, "change") in listing.content.decode()
    page = admin_client.get(url(row, "change"))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.get(url(row, "add")).status_code == 403
    assert admin_client.post(url(row, "delete"), {"post": "yes"}).status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()


def test_an_occupation_page_lists_its_tasks_read_only(admin_client):
    task = factories.OccupationTaskFactory(text="Review records for completeness")
    html = admin_client.get(url(task.occupation, "change")).content.decode()
    assert "Review records for completeness" in html
    assert 'name="tasks-0-text"' not in html  # shown, not an input
    admin_client.post(url(task.occupation, "change"), {"title": "Changed", "tasks-0-text": "Changed"})
    assert Occupation.objects.get(pk=task.occupation.pk).title != "Changed"
    assert OccupationTask.objects.get(pk=task.pk).text == "Review records for completeness"
