"""config/jinja2.py: what the Jinja2 templates get besides Jinja2's own."""

import random

import pytest
from django import forms
from django.http import QueryDict
from django.template import TemplateSyntaxError, engines
from django.template.defaulttags import querystring as django_querystring
from django.template.loader import render_to_string

from config.jinja2 import querystring


def test_querystring_gives_djangos_answers():
    """Against Django's own tag over random queries and changes: keys set, replaced, removed (None), given lists
    with and without None, repeated keys, and values that need quoting."""
    chosen = random.Random(13)
    keys = ["career", "zip", "page", "unitid", "q", "a b", "é"]
    values = ["", "35801", "Houston, TX", "a&b=c", "ñandú", "x y", "1", 7, None, ["1", "2"], ["3", None], [None]]
    for _ in range(2000):
        query = QueryDict(mutable=True)
        for _ in range(chosen.randint(0, 5)):
            query.appendlist(chosen.choice(keys), str(chosen.choice(values[:7])))
        extra = {chosen.choice(keys): chosen.choice(values) for _ in range(chosen.randint(0, 2))}
        changes = {key.replace(" ", "_").replace("é", "e"): chosen.choice(values) for key in chosen.sample(keys, 2)}
        assert querystring(query, extra, **changes) == django_querystring(None, query, extra, **changes)


def test_querystring_needs_a_query_to_start_from():
    with pytest.raises(TypeError, match="needs the query to start from"):
        querystring(page=2)
    with pytest.raises(TypeError, match="takes mappings"):
        querystring(QueryDict(), ["page", 2])
    with pytest.raises(TemplateSyntaxError):  # Django's tag refuses the same
        django_querystring(None, QueryDict(), ["page", 2])


def test_autoescaping_is_on():
    html = render_to_string(
        "careers/includes/pay_near_figures.html",
        {"pay": {"occupation_title": "<script>alert(1)</script>", "place": {"label": "A & B"}}, "rows": []},
        using="jinja2",
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html


def test_a_django_partial_in_a_jinja2_template_keeps_its_markup_and_escapes_its_values():
    class Form(forms.Form):
        zip = forms.CharField(label="ZIP code")

    form = Form({"zip": ""})
    form.is_valid()
    form.add_error(None, "<b>Too many</b> schools")
    html = (
        engines["jinja2"]
        .from_string('{{ django_include("includes/error_summary.html", form=form) }}')
        .render({"form": form})
    )
    assert '<div class="error-summary" role="alert"' in html
    assert "&lt;b&gt;Too many&lt;/b&gt; schools" in html
    assert '<a href="#id_zip">This field is required.</a>' in html
