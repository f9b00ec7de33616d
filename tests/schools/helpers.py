"""Read the search page the way a visitor does: which schools are listed, in what order."""

import re
from html import unescape

from django.urls import reverse

CARD_NAME = re.compile(r'<h3 class="school-card__name"><a href="[^"]+">([^<]+)</a></h3>')


def search(client, **params):
    return client.get(reverse("schools:search"), params)


def listed_names(response):
    """School names on the results page, in page order."""
    assert response.status_code == 200, response.status_code
    return [unescape(name) for name in CARD_NAME.findall(response.content.decode())]


def result_count(response):
    match = re.search(r'<h2 id="results-heading">([\d,]+) schools?</h2>', response.content.decode())
    return int(match.group(1).replace(",", "")) if match else None


def results_html(response):
    """The results section only (the form above lists every program and career by name)."""
    html = response.content.decode()
    start = html.find('<section class="results"')
    assert start != -1, "no results section"
    return html[start:]
