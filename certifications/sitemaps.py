"""The certification pages in /sitemap.xml (config/urls.py collects every app's sitemaps).

<lastmod> is the newest entry in the version history of the credential, its certifying body and its sources (the
history is written on every save and delete, so a staff edit of any of them moves it).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery

from core.sitemaps import newest

from .models import Certification, CertificationSource, CertifyingBody


def _newest_history(model, **match):
    history = model.history.model.objects.filter(**match).order_by("-history_date").values("history_date")[:1]
    return Subquery(history)


class CertificationSitemap(Sitemap):
    """Every certification (each has a page, whoever recognises it)."""

    def items(self):
        return (
            Certification.objects.only("slug")
            .annotate(
                # Three dates, compared in Python: SQLite's GREATEST is NULL when one is (a credential with no
                # sources yet), PostgreSQL's is not.
                certification_edited_at=_newest_history(Certification, id=OuterRef("pk")),
                body_edited_at=_newest_history(CertifyingBody, id=OuterRef("body_id")),
                sources_edited_at=_newest_history(CertificationSource, certification_id=OuterRef("pk")),
            )
            .order_by("slug")
        )

    def lastmod(self, certification):
        return newest(
            certification.certification_edited_at, certification.body_edited_at, certification.sources_edited_at
        )
