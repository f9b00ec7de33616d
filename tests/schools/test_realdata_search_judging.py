"""Find a School's closed schools against the real files (../shared/data; skipped where absent): Valley College of
Medical Careers (UNITID 449445) closed on 30 July 2024 (HD2024 CLOSEDAT 07/30/2024, CYACTIVE still 1) and reported
medical assisting completions for 2023-24, so only its closing date can keep it out of a search."""

import re
from html import unescape

import pytest

from imports.services import run_import

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.django_db]

FILES = [
    ("cip", "cip/CIPCode2020.csv"),
    ("ipeds-hd", "ipeds/hd2024.csv"),
    ("ipeds-completions", "ipeds/c2024_a_cip51_major1.csv"),
]
VALLEY = "Valley College of Medical Careers"


def card_names(response):
    assert response.status_code == 200
    return [
        unescape(name)
        for name in re.findall(r'class="school-card__name"><a [^>]+>([^<]+)</a>', response.content.decode())
    ]


def test_a_closed_school_is_left_out_of_a_default_search(client, shared_data_dir):
    for dataset, name in FILES:
        run = run_import(dataset, shared_data_dir / name)
        assert (run.outcome, run.rejected) == ("succeeded", 0), run.report

    near = {"program": "51.0801", "state": "CA", "q": "Valley College"}
    assert VALLEY not in card_names(client.get("/schools/", near))

    response = client.get("/schools/", {**near, "include_closed": "on"})
    assert VALLEY in card_names(response)
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    assert "This school closed on 30 July 2024." in text
