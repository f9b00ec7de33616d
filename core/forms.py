"""How the public site's forms render: each field group (label, hint, error, control) and each widget through Jinja2.

The search form of Find a School has 14 fields and renders on every search nobody has run before. Through Django's
template engine its field groups and widgets were a quarter of such a search's time in the worker; the same markup
through Jinja2 (Django ships Jinja2 copies of its widget templates) takes about a third of that. The field group is
templates/jinja2/includes/form_field.html (GOV.UK pattern: label, hint, error, control), or a field's own
``template_name`` (includes/checkbox_field.html for a tick box). Pages write a field as ``{{ form.name.as_field_group
}}``. The admin keeps Django's renderer.
"""

from django.forms.renderers import BaseRenderer
from django.template import engines


class PublicFormRenderer(BaseRenderer):
    field_template_name = "includes/form_field.html"

    def get_template(self, template_name):
        return engines["jinja2"].get_template(template_name)
