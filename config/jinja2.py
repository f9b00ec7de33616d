"""The Jinja2 environment for the templates Django's engine was too slow for: Find a School's results page content
(templates/jinja2/schools/search_content.html, with its result cards) and the public forms' fields (core/forms.py).

Twenty cards took 2.9 ms in Django's engine, a third of a new search's time in the worker, however flat the template
(one include, every value worked out by the presenter); the same template in Jinja2, which compiles to Python, takes
0.5 ms (measured on the national data). The rest of the results page around them (form, filters, compare form, page
buttons) was another 1.0 ms in Django's engine. Every other template is Django's. Autoescaping is forced on
(Django's backend turns it on), so every value is escaped as in a Django template.

What the templates get besides Jinja2's own: ``url`` (Django's reverse), ``querystring`` (Django's {% querystring
%}, given its query first), the ``intcomma`` and ``pluralize`` filters, and ``django_include``: a partial the guides
share stays one Django template, included with only the values given, as {% include ... with ... only %} does.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaulttags import querystring as django_querystring
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from jinja2 import Environment


def pluralize(count):
    """Django's ``pluralize`` filter with no argument: "s" unless the count is 1."""
    return "" if count == 1 else "s"


def querystring(*mappings, **changes):
    """Django's {% querystring %} with its mappings given (the tag reads request.GET only when there are none)."""
    if not mappings:
        raise TypeError("querystring() needs the query to start from: these templates are rendered without a request")
    return django_querystring(None, *mappings, **changes)


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def django_include(template_name, **context):
    """A Django template rendered with only ``context``; Django escaped its values, so it is kept as it is."""
    return mark_safe(render_to_string(template_name, context, using="django"))  # noqa: S308 - escaped by Django


def environment(**options):
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    env.filters["pluralize"] = pluralize
    env.filters["intcomma"] = intcomma
    env.globals.update(url=url, querystring=querystring, django_include=django_include)
    return env
