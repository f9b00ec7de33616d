"""Pay near you against the real files (../shared/data; skipped where absent): the shipped Medical Biller and Coder
guide (29-2072) near 35801 shows the OEWS May 2025 Huntsville metro median beside Alabama's and the nation's."""

import re
from html import unescape

import pytest

from imports.services import run_import

from .conftest import MBC

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.django_db]

FILES = [
    ("ipeds-hd", "ipeds/hd2024.csv"),
    ("oews", "bls/national_M2025_dl.xlsx"),
    ("oews", "bls/state_M2025_dl_healthcare.csv"),
    ("oews", "bls/MSA_M2025_dl_healthcare.csv"),
]


def pay_text(client, near):
    response = client.get(MBC, {"near": near})
    assert response.status_code == 200
    html = response.content.decode()
    section = re.search(r'<section class="pay-near-you".*?</section>', html, flags=re.S).group(0)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", section)).split())


@pytest.mark.usefixtures("shipped_content")
def test_pay_near_35801_and_a_place_without_a_metro(client, shared_data_dir):
    for dataset, name in FILES:
        run = run_import(dataset, shared_data_dir / name)
        assert run.outcome == "succeeded", run.report

    # MSA file: 26620 Huntsville, AL, 29-2072, A_MEDIAN 38150, A_PCT10 33000, A_PCT90 63690; state file: Alabama
    # 43810; national file: 51140.
    text = pay_text(client, "35801")
    assert "Huntsville, AL metro area $38,150 $33,000 to $63,690" in text
    assert "Alabama $43,810" in text and "United States $51,140" in text
    assert "May 2025" in text

    # 35807 is a Huntsville PO-box ZIP code the Census file lacks: the same metro area.
    assert "Huntsville, AL metro area $38,150" in pay_text(client, "35807")

    # Marshall County (Guntersville) is in a micropolitan area in HD2024 (CBSATYPE 2): no metro, the state instead.
    text = pay_text(client, "Guntersville, AL")
    assert "Marshall County is not in a metropolitan area. The state's figure is shown instead." in text
    assert "Alabama $43,810" in text and "metro area $" not in text
