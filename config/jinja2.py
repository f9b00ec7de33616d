"""The Jinja2 environment for the templates Django's engine was too slow for: Find a School's result cards
(templates/jinja2/schools/includes/school_cards.html) and the public forms' fields (core/forms.py).

Twenty cards took 2.9 ms in Django's engine, a third of a new search's time in the worker, however flat the template
(one include, every value worked out by the presenter); the same template in Jinja2, which compiles to Python, takes
0.5 ms (measured on the national data). Every other template is Django's. Autoescaping is forced on (Django's
backend turns it on), so every value is escaped as in a Django template.
"""

from jinja2 import Environment


def pluralize(count):
    """Django's ``pluralize`` filter with no argument: "s" unless the count is 1."""
    return "" if count == 1 else "s"


def environment(**options):
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    env.filters["pluralize"] = pluralize
    return env
