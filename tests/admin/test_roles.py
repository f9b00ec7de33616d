"""What each role may do, checked through the admin as the user meets it (pages answer or refuse)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from careers.models import Career, CareerStep
from core.roles import CONTENT_EDITORS, DATA_STEWARDS, role_permissions, view_apps
from reference_data.models import WageEstimate
from schools.models import Institution
from tests import factories

from .conftest import MBC_SLUG

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class TestContentEditors:
    @pytest.mark.usefixtures("shipped_content")
    def test_edits_a_guide_and_its_steps(self, editor_client):
        career = Career.objects.get(slug=MBC_SLUG)
        response = editor_client.get(admin_url(Career, "change", career.pk))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="summary"' in html and 'name="steps-0-text"' in html
        assert 'name="_save"' in html

    def test_can_add_guides_and_certifications(self, editor_client):
        from certifications.models import Certification

        assert editor_client.get(admin_url(Career, "add")).status_code == 200
        assert editor_client.get(admin_url(Certification, "add")).status_code == 200

    @pytest.mark.usefixtures("shipped_content")
    def test_cannot_delete_a_guide(self, editor_client):
        career = Career.objects.get(slug=MBC_SLUG)
        assert editor_client.get(admin_url(Career, "delete", career.pk)).status_code == 403
        draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
        assert editor_client.post(admin_url(Career, "delete", draft.pk), {"post": "yes"}).status_code == 403
        assert Career.objects.filter(pk=draft.pk).exists()

    @pytest.mark.usefixtures("shipped_content")
    def test_can_remove_a_step_which_the_history_keeps(self, editor_client):
        step = CareerStep.objects.filter(career__slug=MBC_SLUG).first()
        assert editor_client.post(admin_url(CareerStep, "delete", step.pk), {"post": "yes"}).status_code == 302
        assert not CareerStep.objects.filter(pk=step.pk).exists()
        assert CareerStep.history.filter(id=step.pk, history_type="-").exists()

    @pytest.mark.usefixtures("shipped_content")
    def test_cannot_change_an_imported_wage(self, editor_client):
        wage = WageEstimate.objects.filter(occupation__soc_code="29-2072").first()
        url = admin_url(WageEstimate, "change", wage.pk)
        response = editor_client.get(url)
        assert response.status_code == 200  # they may look it up
        assert 'name="annual_median"' not in response.content.decode()
        assert editor_client.post(url, {"annual_median": 1, "area_name": "Nowhere"}).status_code == 403
        wage.refresh_from_db()
        assert wage.annual_median == 51140
        assert editor_client.get(admin_url(WageEstimate, "add")).status_code == 403

    def test_cannot_change_a_school(self, editor_client):
        school = factories.InstitutionFactory(name="Imported College")
        url = admin_url(Institution, "change", school.pk)
        response = editor_client.get(url)
        assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
        assert editor_client.post(url, {"name": "Renamed"}).status_code == 403
        school.refresh_from_db()
        assert school.name == "Imported College"

    def test_cannot_see_users(self, editor_client):
        assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
        assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403

    def test_cannot_run_imports(self, editor_client):
        assert editor_client.get(reverse("admin:imports_importrun_import")).status_code == 403

    def test_may_publish(self, editor):
        assert editor.has_perm("careers.publish_career")


class TestDataStewards:
    @pytest.mark.usefixtures("shipped_content")
    def test_views_everything_but_changes_no_guide(self, steward_client):
        career = Career.objects.get(slug=MBC_SLUG)
        response = steward_client.get(admin_url(Career, "change", career.pk))
        assert response.status_code == 200
        assert 'name="_save"' not in response.content.decode()
        assert steward_client.post(admin_url(Career, "change", career.pk), {"title": "Hijacked"}).status_code == 403
        assert Career.objects.get(pk=career.pk).title == "Medical Biller and Coder Careers"

    def test_sees_the_import_history_and_may_import(self, steward_client):
        assert steward_client.get(reverse("admin:imports_importrun_changelist")).status_code == 200
        user = steward_client.get(reverse("admin:index")).context["user"]
        assert user.has_perm("imports.run_import")

    def test_cannot_edit_users(self, steward_client, editor):
        assert steward_client.get(reverse("admin:auth_user_changelist")).status_code == 403
        url = reverse("admin:auth_user_change", args=[editor.pk])
        assert steward_client.post(url, {"username": "hijacked", "is_superuser": "on"}).status_code == 403
        editor.refresh_from_db()
        assert editor.username == "edna" and not editor.is_superuser

    def test_can_view_every_model_of_the_data_apps(self):
        group = Group.objects.get(name=DATA_STEWARDS)
        held = set(group.permissions.values_list("content_type__app_label", "codename"))
        assert set(view_apps(DATA_STEWARDS)) >= {"careers", "certifications", "schools", "imports"}
        for app_label in view_apps(DATA_STEWARDS):
            for model in apps.get_app_config(app_label).get_models():
                assert (app_label, f"view_{model._meta.model_name}") in held, model.__name__


def test_neither_role_holds_any_user_or_group_permission():
    for name in (CONTENT_EDITORS, DATA_STEWARDS):
        group = Group.objects.get(name=name)
        assert not group.permissions.filter(content_type__app_label="auth").exists(), name


def test_editors_hold_no_write_permission_on_imported_data():
    group = Group.objects.get(name=CONTENT_EDITORS)
    imported = ["occupation", "occupationtask", "wageestimate", "employmentprojection", "institution", "program"]
    for model_name in imported:
        for action in ("add", "change", "delete"):
            assert not group.permissions.filter(codename=f"{action}_{model_name}").exists()
    assert Permission.objects.filter(codename="publish_career").exists()


def test_the_groups_hold_exactly_what_the_rules_give():
    # Fails when a model joins an app the rules cover without a migration that runs core.roles.sync_roles again.
    for name, wanted in role_permissions(apps).items():
        held = set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))
        assert held == set(wanted), name
