"""Every page type and state the browser tests visit. Adding a page is one line.

``path`` may name records from the ``site_data`` fixture (tests/browser/conftest.py) in braces,
e.g. "/careers/{career.slug}/". ``status`` is the HTTP status the page must answer with.
The accessibility scan (axe-core), the 375 px reflow check and the keyboard-focus walk all run on
PUBLIC_PAGES; ADMIN_PAGES get the axe scan only (the rest of the admin's look is Django's own).
"""

from dataclasses import dataclass

import pytest

# The site's URLs plus views that fail on purpose, for the 400, 403 and 500 pages.
ERROR_URLS = "tests.core.raising_urls"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    status: int = 200
    urlconf: str | None = None  # another URLconf for this page (the live server follows it too)

    def url(self, data) -> str:
        return self.path.format_map(vars(data))

    def param(self):
        marks = [pytest.mark.urls(self.urlconf)] if self.urlconf else []
        return pytest.param(self, id=self.name, marks=marks)


PUBLIC_PAGES = [
    Page("home", "/"),
    Page("about the data", "/about-the-data/"),
    Page("guide index", "/careers/"),
    Page("guide index, filtered", "/careers/?education=certificate&min_pay=45000&growth=faster&sort=pay"),
    Page("guide index, form error", "/careers/?min_pay=lots&education=phd"),
    Page("an occupation profile (test data)", "/careers/occupations/{occupation.soc_code}/"),
    Page("an occupation's pay by area (test data)", "/careers/occupations/{occupation.soc_code}/areas/"),
    Page("a guide (test data)", "/careers/{career.slug}/"),
    Page("a guide with the pay map and industries (test data)", "/careers/{mapped_career.slug}/"),
    # The real content (content/), loaded by sync_content in the site_data fixture.
    Page("Medical Biller and Coder guide", "/careers/medical-biller-and-coder/"),  # with pay by state (school_world)
    Page("Cancer Registrar guide", "/careers/cancer-registrar/"),
    Page("a guide, pay near a ZIP code", "/careers/medical-biller-and-coder/?near=35801#pay-near-you"),
    Page("a guide, pay near an unknown place", "/careers/medical-biller-and-coder/?near=Springfeld%2C+IL"),
    Page("certifications index", "/certifications/"),
    Page("a certification (test data)", "/certifications/{certification.slug}/"),
    Page("CPC certification", "/certifications/cpc/"),
    Page("RHIT certification", "/certifications/rhit/"),
    # Find a School, in every state a visitor meets (schools around ZIP 35801: tests/school_world.py).
    Page("search, empty", "/schools/"),
    Page("search, with results", "/schools/?zip=35801&radius=25"),
    Page("search, from a guide", "/schools/?career=medical-biller-and-coder"),  # with a related program
    Page(
        "search, a career near a city, with the pay line",
        "/schools/?career=medical-biller-and-coder&zip=Huntsville%2C+AL",
    ),
    Page("search, page 2", "/schools/?zip=35801&radius=25&award=certificate-short&page=2"),
    Page("search, no results", "/schools/?zip=35801&radius=10&award=graduate"),
    Page("search, form error", "/schools/?zip=3580&radius=25&q=Cedar"),
    Page("a school without programs", "/schools/{school.unitid}-{school.slug}/"),
    Page("a school", "/schools/{world.nearest.unitid}-{world.nearest.slug}/"),
    Page("compare, nothing chosen", "/schools/compare/"),
    Page(
        "compare, two schools", "/schools/compare/?unitid={world.nearest.unitid}&unitid={world.second_nearest.unitid}"
    ),
    Page("compare, an error", "/schools/compare/?unitid=990100&unitid=not-a-unitid"),
    Page(
        "compare, three schools from a career search near 35801",
        "/schools/compare/?career=medical-biller-and-coder&zip=35801&award=certificate-short"
        "&unitid={world.schools[0].unitid}&unitid={world.schools[1].unitid}&unitid={world.schools[2].unitid}",
    ),
    Page(
        "compare, a fifth school",
        "/schools/compare/?zip=35801&radius=25&unitid=990100&unitid=990101&unitid=990102&unitid=990103&unitid=990104",
    ),
    Page("search, page 2 with ticks from page 1", "/schools/?zip=35801&radius=25&unitid=990100&unitid=990101&page=2"),
    Page(
        "search, five ticked",
        "/schools/?zip=35801&radius=25&unitid=990100&unitid=990101&unitid=990102&unitid=990103&unitid=990104",
    ),
    # The public API's documentation and the data downloads (api/).
    Page("API documentation", "/api/"),
    Page("data downloads", "/data/"),
    Page("404", "/no-such-page/", status=404),
    Page("400", "/test-errors/400/", status=400, urlconf=ERROR_URLS),
    Page("403", "/test-errors/403/", status=403, urlconf=ERROR_URLS),
    Page("500", "/test-errors/500/", status=500, urlconf=ERROR_URLS),
]

ADMIN_PAGES = [
    Page("admin login", "/admin/login/"),
]
