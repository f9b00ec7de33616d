"""Every page type and state the browser tests visit. Adding a page is one line.

``path`` may name records from the ``site_data`` fixture (tests/browser/conftest.py) in braces,
e.g. "/careers/{career.slug}/". ``status`` is the HTTP status the page must answer with.
The accessibility scan (axe-core), the 375 px reflow check and the keyboard-focus walk all run on
PUBLIC_PAGES; ADMIN_PAGES get the axe scan only (the rest of the admin's look is Django's own).
"""

from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    status: int = 200

    def url(self, data) -> str:
        return self.path.format_map(vars(data))

    def param(self):
        return pytest.param(self, id=self.name)


PUBLIC_PAGES = [
    Page("home", "/"),
    Page("about the data", "/about-the-data/"),
    Page("guide index", "/careers/"),
    Page("a guide (test data)", "/careers/{career.slug}/"),
    # The real content, installed by the data migrations.
    Page("Medical Biller and Coder guide", "/careers/medical-biller-and-coder/"),
    Page("Cancer Registrar guide", "/careers/cancer-registrar/"),
    Page("certifications index", "/certifications/"),
    Page("a certification (test data)", "/certifications/{certification.slug}/"),
    Page("CPC certification", "/certifications/cpc/"),
    Page("RHIT certification", "/certifications/rhit/"),
    Page("search, empty", "/schools/"),
    Page("a school", "/schools/{school.unitid}-{school.slug}/"),
    Page("compare", "/schools/compare/"),
    Page("404", "/no-such-page/", status=404),
]

ADMIN_PAGES = [
    Page("admin login", "/admin/login/"),
]
