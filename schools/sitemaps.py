"""The school pages in /sitemap.xml (config/urls.py collects every app's sitemaps).

A school is listed when Find a School lists it: the search with no filters (an active school, not hidden by staff,
with a health program that reported completions in the newest year). <lastmod> is the newer of the last import
(everything on the page is imported) and the school's staff correction, if it has one.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max

from core.sitemaps import data_updated_at, newest

from .selectors import ProgramCriteria, SchoolSearchCriteria, school_search


def listed_schools():
    """The schools Find a School lists with no filters, by UNITID (one query, plus one for the CIP codes)."""
    criteria = SchoolSearchCriteria(programs=ProgramCriteria.build())
    return school_search(criteria=criteria).annotate(corrected_at=F("override__updated_at")).order_by("unitid")


class SchoolSitemap(Sitemap):
    def items(self):
        self._data_date = data_updated_at()
        return listed_schools()

    def lastmod(self, school):
        return newest(school.corrected_at, self._data_date)

    def get_latest_lastmod(self):
        """For the index: one aggregate, where Django's default would read every school."""
        corrected = listed_schools().order_by().aggregate(newest=Max("corrected_at"))["newest"]
        return newest(corrected, data_updated_at())
