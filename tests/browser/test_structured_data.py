"""JSON-LD in a real Chromium under the site's CSP: the data blocks are there, parse, and raise no CSP violation (the
``page`` fixture fails the test at teardown on any violation or console error)."""

import pytest

from tests.browser.helpers import visit

pytestmark = pytest.mark.browser

# JSON-LD in each page's DOM: its types, read by the browser's own JSON parser.
READ_JSON_LD = """() => [...document.querySelectorAll('script[type="application/ld+json"]')].map(
    (script) => ({nonce: script.nonce, data: JSON.parse(script.textContent)}))"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", {"BreadcrumbList"}),
        ("/careers/medical-biller-and-coder/", {"Occupation", "BreadcrumbList"}),
        ("/certifications/rhit/", {"EducationalOccupationalCredential", "BreadcrumbList"}),
        ("/schools/{world.nearest.unitid}-{world.nearest.slug}/", {"CollegeOrUniversity", "BreadcrumbList"}),
    ],
)
def test_json_ld_parses_in_the_browser_without_a_csp_violation(page, site_data, path, expected):
    visit(page, path.format_map(vars(site_data)))
    blocks = page.evaluate(READ_JSON_LD)
    types = set()
    for block in blocks:
        data = block["data"]
        types |= {node["@type"] for node in data.get("@graph", [data])}
        assert block["nonce"], "the block has no nonce"
    assert expected <= types
