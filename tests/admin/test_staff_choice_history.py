"""History of the staff choices Find a School reads: the programs a career's search adds or removes, and the
corrections of imported schools. Each admin save is a version with who and when; staff compare and restore them,
and the public search follows at once."""

import pytest
from django.urls import reverse

from careers.models import Career
from reference_data.models import CipCode
from schools.models import CareerProgram, InstitutionOverride
from tests.factories import InstitutionFactory
from tests.schools.conftest import add_program
from tests.schools.helpers import listed_names, search

from .conftest import MBC_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def mbc():
    return Career.objects.get(slug=MBC_SLUG)


@pytest.fixture
def billing_school():
    """A school whose only program is 51.0714, which the biller and coder search has only through a staff include."""
    school = InstitutionFactory(name="Ledger Billing Institute", state="AL")
    add_program(school, CipCode.objects.get(code="51.0714"), "21", {2024: 9})
    return school


@pytest.mark.usefixtures("shipped_content")
def test_the_shipped_include_has_a_first_version(mbc):
    include = CareerProgram.objects.get(career=mbc, cip__code="51.0714")
    first = include.history.earliest("history_date")
    assert first.history_type == "+" and first.action == CareerProgram.Action.INCLUDE


@pytest.mark.usefixtures("shipped_content")
def test_an_editor_changes_a_career_program_and_restores_it(editor_client, editor, client, mbc, billing_school):
    include = CareerProgram.objects.get(career=mbc, cip__code="51.0714")
    shipped = include.history.latest("history_date")
    assert "Ledger Billing Institute" in listed_names(search(client, career=MBC_SLUG))

    change = reverse("admin:schools_careerprogram_change", args=[include.pk])
    data = {"career": mbc.pk, "cip": include.cip_id, "action": "exclude", "note": "Billing is not coding."}
    assert editor_client.post(change, data).status_code == 302
    latest = include.history.latest("history_date")
    assert latest.history_user == editor and latest.action == "exclude"
    # The search the public sees (cached until now) leaves the billing school out at once.
    assert "Ledger Billing Institute" not in listed_names(search(client.__class__(), career=MBC_SLUG))

    html = editor_client.get(reverse("admin:schools_careerprogram_history", args=[include.pk])).content.decode()
    assert "edna" in html.lower()
    compare = reverse("admin:schools_careerprogram_compare", args=[include.pk])
    html = editor_client.get(compare, {"old": shipped.history_id}).content.decode()
    assert "<del>Include</del><ins>Exclude</ins>" in html
    # The shipped note gives the CIP definition; the words both notes share ("is") are kept, the rest marked.
    assert "<ins>Billing</ins> is<del>" in html and "<ins> not coding.</ins>" in html

    restore = reverse("admin:schools_careerprogram_restore", args=[include.pk, shipped.history_id])
    assert editor_client.post(restore).status_code == 302
    include.refresh_from_db()
    assert include.action == CareerProgram.Action.INCLUDE and include.note == shipped.note
    assert include.history.latest("history_date").history_change_reason.startswith("Restored")
    assert "Ledger Billing Institute" in listed_names(search(client.__class__(), career=MBC_SLUG))


@pytest.mark.usefixtures("shipped_content")
def test_removing_a_career_program_is_kept_in_its_history(editor_client, client, mbc, billing_school):
    include = CareerProgram.objects.get(career=mbc, cip__code="51.0714")
    assert "Ledger Billing Institute" in listed_names(search(client, career=MBC_SLUG))
    delete = reverse("admin:schools_careerprogram_delete", args=[include.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not CareerProgram.objects.filter(pk=include.pk).exists()
    assert CareerProgram.history.filter(id=include.pk, history_type="-").exists()
    assert "Ledger Billing Institute" not in listed_names(search(client.__class__(), career=MBC_SLUG))


@pytest.mark.usefixtures("shipped_content")
def test_a_steward_restores_an_earlier_school_correction(steward_client, steward, client, billing_school):
    add = reverse("admin:schools_institutionoverride_add")
    data = {"institution": billing_school.pk, "display_name": "Ledger College", "web_address": "", "note": "Renamed."}
    assert steward_client.post(add, data).status_code == 302
    override = InstitutionOverride.objects.get(institution=billing_school)
    first = override.history.latest("history_date")
    change = reverse("admin:schools_institutionoverride_change", args=[override.pk])
    data = {**data, "display_name": "Ledger University", "note": "Renamed again."}
    assert steward_client.post(change, data).status_code == 302
    assert "Ledger University" in listed_names(search(client, program="51.0714"))

    restore = reverse("admin:schools_institutionoverride_restore", args=[override.pk, first.history_id])
    assert steward_client.post(restore).status_code == 302
    override.refresh_from_db()
    assert override.display_name == "Ledger College" and override.institution == billing_school
    assert override.updated_by == steward
    assert "Ledger College" in listed_names(search(client.__class__(), program="51.0714"))


@pytest.mark.usefixtures("shipped_content")
def test_an_editor_may_read_but_not_restore_a_school_correction(editor_client, steward, billing_school):
    override = InstitutionOverride(institution=billing_school, display_name="Ledger College", note="Renamed.")
    override._history_user = steward
    override.save()
    version = override.history.latest("history_date")
    history = reverse("admin:schools_institutionoverride_history", args=[override.pk])
    assert editor_client.get(history).status_code == 200
    restore = reverse("admin:schools_institutionoverride_restore", args=[override.pk, version.history_id])
    assert editor_client.post(restore).status_code == 403
