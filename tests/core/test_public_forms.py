"""The public forms' fields (core/forms.py): a list or tick box is rendered once per state and then kept, and must
still show the value, the options and the error of the form at hand; text boxes keep Django's markup."""

from html import unescape

import pytest
from django import forms

from careers.forms import OccupationFilterForm
from core import forms as public_forms
from core.forms import FIELD_GROUPS_KEPT_BYTES, PrintableTextInput, PublicFormRenderer
from schools.forms import SchoolSearchForm
from schools.search_data import SearchOptions
from schools.states import STATE_CHOICES
from tests.html import tags


@pytest.fixture(autouse=True)
def no_kept_field_groups():
    public_forms.forget_field_groups()
    yield
    public_forms.forget_field_groups()


def search_form(data, careers=("coder", "nurse")):
    objects = {slug: slug.title() for slug in careers}
    options = SearchOptions(
        careers=objects,
        programs={"51.0713": "Medical Coding"},
        career_choices=tuple((slug, slug.title()) for slug in careers),
        program_choices=(("51.0713", "Medical Coding (51.0713)"),),
    )
    form = SchoolSearchForm(data, options=options)
    form.is_valid()
    return form


def selected(markup):
    return [attrs.get("value") for _, attrs in tags(markup, "option") if "selected" in attrs]


def test_each_state_shows_its_own_choice_when_kept():
    # Twice over every state: the second time every field group comes from memory.
    for _ in range(2):
        for code, _name in STATE_CHOICES:
            markup = str(search_form({"state": code})["state"].as_field_group())
            assert selected(markup) == [code]
    assert str(search_form({})["state"].as_field_group()).count("selected") == 1  # "Any state"


def test_a_tick_box_shows_its_own_state_when_kept():
    for _ in range(2):
        ticked = str(search_form({"online": "on"})["online"].as_field_group())
        unticked = str(search_form({})["online"].as_field_group())
        assert [attrs.get("name") for _, attrs in tags(ticked, "input") if "checked" in attrs] == ["online"]
        assert not [attrs for _, attrs in tags(unticked, "input") if "checked" in attrs]


def test_an_error_is_never_kept_nor_hidden():
    valid = str(search_form({"career": "coder"})["career"].as_field_group())
    invalid = str(search_form({"career": "astronaut"})["career"].as_field_group())
    assert "We have no career by that name" in invalid and 'aria-invalid="true"' in invalid
    assert "We have no career by that name" not in valid
    assert str(search_form({"career": "astronaut"})["career"].as_field_group()) == invalid
    assert str(search_form({"career": "coder"})["career"].as_field_group()) == valid


def test_new_options_show_at_once():
    before = str(search_form({}, careers=("coder",))["career"].as_field_group())
    after = str(search_form({}, careers=("coder", "dental-assistant"))["career"].as_field_group())
    assert "dental-assistant" not in before
    assert "dental-assistant" in after


def test_two_forms_with_a_field_of_the_same_name_keep_their_own_options():
    school_sort = str(search_form({})["sort"].as_field_group())
    guide_sort = str(OccupationFilterForm({})["sort"].as_field_group())
    assert "Net price, lowest first" in school_sort and "Net price, lowest first" not in guide_sort
    assert "Projected growth, fastest first" in guide_sort and "Projected growth" not in school_sort


def test_what_is_kept_is_bounded():
    for _ in range(3):
        for code, _name in STATE_CHOICES:
            for sort in ("", "name", "completions", "net_price", "earnings"):
                form = search_form({"state": code, "sort": sort})
                str(form["state"].as_field_group())
                str(form["sort"].as_field_group())
    assert 0 < public_forms._field_groups.used <= FIELD_GROUPS_KEPT_BYTES


@pytest.mark.parametrize("value", [None, "", "35801", 'Huntsville, "AL" <b>&', 12])
@pytest.mark.parametrize("attrs", [{}, {"autocomplete": "postal-code"}, {"inputmode": "numeric"}])
def test_a_text_box_is_djangos_markup(value, attrs):
    extra = {"id": "id_zip", "aria-describedby": "id_zip_helptext", "required": True, "disabled": False}
    for more in (None, extra):
        ours = PrintableTextInput(attrs=attrs).render("zip", value, more, PublicFormRenderer())
        django = forms.TextInput(attrs=attrs).render("zip", value, more, PublicFormRenderer())
        # The same tag and attributes in the same order; Jinja2 writes a quote as &#34;, Django as &quot;.
        assert unescape(ours) == unescape(django)


def test_a_text_box_drops_control_characters():
    markup = PrintableTextInput().render("q", "nurse\x00\x1b[31m", None)
    assert 'value="nurse[31m"' in markup


def test_a_text_box_shows_what_was_typed_and_an_empty_one_is_kept():
    for _ in range(2):
        for typed in ("", "35801", "", "Houston, TX", None):
            form = search_form({"q": typed} if typed is not None else {})
            [(_, attrs)] = tags(str(form["q"].as_field_group()), "input")
            assert attrs.get("value") == (typed or None)
    assert any(key[4] == "q" for key in public_forms._field_groups._entries)
    assert not any(key[4] == "q" and key[-1] not in (None, "") for key in public_forms._field_groups._entries)
