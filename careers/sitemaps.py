"""The guide pages in /sitemap.xml (config/urls.py collects every app's sitemaps).

<lastmod> is the newer of the guide's publication (the public sees the version published last; a later, unpublished
edit changes nothing public) and the last import (the pay and outlook figures on the page come from imports).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse

from core.sitemaps import data_updated_at, newest
from reference_data.models import Occupation

from .models import Career, CareerOccupation


class GuideSitemap(Sitemap):
    """Every published guide, at its own address."""

    def items(self):
        self._data_date = data_updated_at()
        return Career.objects.published().only("slug", "published_at").order_by("slug")

    def lastmod(self, career):
        return newest(career.published_at, self._data_date)


def occupation_pages_exist():
    """Whether this release has occupation pages (``careers:occupation``, /careers/occupations/<soc_code>/)."""
    try:
        reverse("careers:occupation", kwargs={"soc_code": "29-1141"})
    except NoReverseMatch:
        return False
    return hasattr(Occupation, "get_absolute_url")


class OccupationSitemap(Sitemap):
    """Every occupation page: the healthcare occupations the site has a page for, less those whose page redirects to
    their published guide (a sitemap lists final addresses only; the guide is listed by GuideSitemap).

    Lists nothing until the occupation pages exist (``occupation_pages_exist``), so it can be registered now.
    """

    def items(self):
        if not occupation_pages_exist():
            return []
        self._data_date = data_updated_at()
        guides = CareerOccupation.objects.filter(
            occupation=OuterRef("pk"), is_primary=True, career__in=Career.objects.published()
        )
        occupations = Occupation.objects.all()
        # The occupation pages' own selection of occupations (reference_data's OccupationQuerySet.healthcare).
        if hasattr(occupations, "healthcare"):
            occupations = occupations.healthcare()
        return occupations.exclude(Exists(guides)).order_by("soc_code")

    def lastmod(self, occupation):
        # Everything on an occupation page is imported.
        return self._data_date
