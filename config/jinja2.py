"""The Jinja2 environment for the templates Django's engine was too slow for: Find a School's results page content
(templates/jinja2/schools/search_content.html, with its result cards and the pay figures the career pages share) and
the public forms' fields (core/forms.py).

Twenty cards took 2.9 ms in Django's engine, a third of a new search's time in the worker, however flat the template
(one include, every value worked out by the presenter); the same template in Jinja2, which compiles to Python, takes
0.5 ms (measured on the national data). The rest of the results page around them (form, filters, compare form, page
buttons) was another 1.0 ms in Django's engine. Every other template is Django's. Autoescaping is forced on
(Django's backend turns it on), so every value is escaped as in a Django template.

What the templates get besides Jinja2's own: ``url`` (Django's reverse), ``querystring`` (Django's {% querystring
%}, given its query first, below), the ``intcomma`` and ``pluralize`` filters, and ``django_include``: a partial every
public form shares (the error summary) stays one Django template, included with only the values given, as {% include
... with ... only %} does. The other way round, {% jinja_include %} (core/templatetags/site_tags.py) puts a Jinja2
partial in a Django page.
"""

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from jinja2 import Environment


def pluralize(count):
    """Django's ``pluralize`` filter with no argument: "s" unless the count is 1."""
    return "" if count == 1 else "s"


def querystring(*mappings, **changes):
    """Django's {% querystring %} with its mappings given (the tag reads request.GET only when there are none): the
    same rules, in the same order, as a plain dictionary of lists. Django's builds a mutable QueryDict and encodes it
    through it, 0.04 ms a link; a results page has six to twenty of them (tests/core/test_jinja2.py holds the two to
    the same answers)."""
    if not mappings:
        raise TypeError("querystring() needs the query to start from: these templates are rendered without a request")
    params = {}
    for mapping in (*mappings, changes):
        if not isinstance(mapping, Mapping):
            raise TypeError(f"querystring() takes mappings, not {mapping!r}")
        for key, value in mapping.lists() if isinstance(mapping, QueryDict) else mapping.items():
            if value is None:
                params.pop(key, None)
            elif isinstance(value, Iterable) and not isinstance(value, str):
                params[key] = [item for item in value if item is not None]
            else:
                params[key] = [value]
    return "?" + urlencode([(key, str(item)) for key, values in params.items() for item in values])


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
