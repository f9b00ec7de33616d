"""How the public site's forms render: each field group (label, hint, error, control) and each widget through Jinja2.

The search form of Find a School has 14 fields and renders on every search nobody has run before. Through Django's
template engine its field groups and widgets were a quarter of such a search's time in the worker; the same markup
through Jinja2 (Django ships Jinja2 copies of its widget templates) takes about a third of that. The field group is
templates/jinja2/includes/form_field.html (GOV.UK pattern: label, hint, error, control), or a field's own
``template_name`` (includes/checkbox_field.html for a tick box). Pages write a field as ``{{ form.name.as_field_group
}}``. The admin keeps Django's renderer.

A field group with a list of options or a tick box, or an empty text box, and no error, is kept once rendered
(``field_group_key`` says what it depends on): such a field has only as many states as it has options. Even in
Jinja2 the search form's eight lists and three tick boxes were 0.9 ms of a new search's 4.6 ms in the worker
(cProfile over 1,500 varied searches of `make bench`); kept, they cost a dictionary look-up each. A text box holding
what was typed (a ZIP code, a school name) is rendered every time, its control written out in Python
(PrintableTextInput).
"""

import re
import threading

from django.forms import BoundField, CheckboxInput, TextInput
from django.forms.renderers import BaseRenderer
from django.forms.widgets import ChoiceWidget
from django.template import engines
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .near_cache import NearCache

# Bytes of markup kept. The search form's lists in every state take about 5 MB (the program list's 270 options are
# 24 KB each way); this keeps the common ones, least recently used out first.
FIELD_GROUPS_KEPT_BYTES = 2 * 1024 * 1024

_field_groups = NearCache(FIELD_GROUPS_KEPT_BYTES)
_field_groups_lock = threading.Lock()


# C0 and C1 control characters and DEL. None belongs in a search: a NUL byte fails on PostgreSQL, and ESC or BEL
# written back into the page would reach a visitor's terminal or screen reader.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def without_control_characters(value):
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


class PrintableTextInput(TextInput):
    """A text box that writes back what was typed, minus any control character, written out in Python: Django's
    input and attrs templates were two template renderings per box, 0.1 ms of a search each. The same markup as
    Django's input.html: type, name, the value when there is one, then the attributes."""

    def format_value(self, value):
        return super().format_value(without_control_characters(value))

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        value_attribute = format_html(' value="{}"', value) if value is not None else ""
        final_attrs = html_attributes(self.build_attrs(self.attrs, attrs))
        return format_html('<input type="{}" name="{}"{}{}>', self.input_type, name, value_attribute, final_attrs)


def html_attributes(attrs):
    """A widget's attributes as Django's attrs.html writes them: in order, True as a bare name, False left out."""
    return mark_safe(  # noqa: S308 - every name and value is escaped here
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


def field_group_key(template_name, field: BoundField):
    """Everything a field group's markup is made of, for a field with options, a tick box or an empty text box, and no
    error; None for any other field. Two fields with equal keys render the same markup: the field group template
    reads the label, hint, id and errors, and BoundField.as_widget the widget's class, attributes and options, the
    name, the value, and whether the field is required (in a form that may be left empty, it is not) or disabled."""
    widget = field.field.widget
    value = field.value()
    has_few_states = isinstance(widget, ChoiceWidget | CheckboxInput) or value in (None, "")
    if not has_few_states or field.errors:
        return None
    key = (
        template_name,
        type(widget),
        tuple(sorted(widget.attrs.items())),
        _frozen(getattr(widget, "choices", None)),
        field.html_name,
        field.auto_id,
        field.label,
        field.help_text,
        field.field.required,
        field.field.disabled,
        field.form.use_required_attribute,
        field.form.empty_permitted,
        _frozen(value),
    )
    try:
        hash(key)
    except TypeError:  # an attribute or option that is not hashable: render it every time
        return None
    return key


def forget_field_groups():
    with _field_groups_lock:
        _field_groups.clear()


class PublicFormRenderer(BaseRenderer):
    field_template_name = "includes/form_field.html"

    def get_template(self, template_name):
        return engines["jinja2"].get_template(template_name)

    def render(self, template_name, context, request=None):
        field = context.get("field")
        key = field_group_key(template_name, field) if isinstance(field, BoundField) and len(context) == 1 else None
        if key is None:
            return super().render(template_name, context, request)
        with _field_groups_lock:
            markup = _field_groups.get(key)
        if markup is None:
            markup = super().render(template_name, context, request)
            with _field_groups_lock:
                _field_groups.set(key, markup)
        return markup
