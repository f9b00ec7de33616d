from django import template

from careers.presenters import format_wage

register = template.Library()


@register.simple_tag
def wage_text(estimate, field_name):
    """A BLS wage as text: ``{% wage_text wage "annual_median" %}`` gives "$51,140" (or "... or more")."""
    return format_wage(estimate, field_name)
