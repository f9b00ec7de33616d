"""The site shows what was imported: a newer OEWS release replaces the figures a guide shows, on its page and in
the guide list, with the period they are for. sync_content ships the May 2025 figures; the test imports a made-up
release for May 2026 over them, as a real install would."""

import re

import pytest
from django.urls import reverse

from imports.services import run_import

from .conftest import OEWS_HEADER, oews_row, write_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shipped_content")]

GUIDE = "/careers/medical-biller-and-coder/"  # its occupation is SOC 29-2072


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def national_figures(html):
    pay = re.search(r'<section id="pay".*?</section>', html, flags=re.S).group(0)
    return text_of(re.search(r'<dl class="figures">.*?</dl>', pay, flags=re.S).group(0)), text_of(pay)


def test_a_newer_oews_release_is_what_the_guide_shows(client, tmp_path):
    before, _ = national_figures(client.get(GUIDE).content.decode())
    assert "$51,140" in before  # the seeded May 2025 median

    workbook = write_xlsx(
        tmp_path / "national_M2026_dl.xlsx",
        {
            "national_M2026_dl": [
                OEWS_HEADER,
                oews_row("00-0000", "All made-up occupations", "total", 160000000,
                         [34.10, 70930, 15.20, 18.30, 25.00, 39.40, 62.90, 31620, 38060, 52000, 81950, 130830]),
                oews_row("29-2072", "Made-up Records Specialists", "detailed", 201350,
                         [28.05, 58340, 18.25, 21.40, 25.42, 31.90, 40.10, 37960, 44510, 52870, 66350, 83410]),
            ],
        },
    )  # fmt: skip
    run = run_import("oews", workbook)
    assert run.outcome == "succeeded" and run.vintage == "May 2026", run.report

    figures, pay = national_figures(client.get(GUIDE).content.decode())
    for figure in ("$52,870", "$37,960", "$83,410", "$25.42", "201,350"):
        assert figure in figures
    assert "$51,140" not in figures
    assert "BLS OEWS, May 2026" in pay and "BLS OEWS, May 2025, national" not in pay

    index = client.get(reverse("careers:index")).content.decode()
    card = re.search(r'<li class="card">(?:(?!</li>\s*<li).)*?medical-biller-and-coder.*?</li>', index, flags=re.S)
    assert "$52,870 a year (BLS OEWS, May 2026)" in text_of(card.group(0))
