"""The education needed to start an occupation, in the five steps the guide index filters by, mapped from BLS
Employment Projections' "typical education needed for entry" (table 1.2, which uses eight categories).

The mapping, documented in README ("Choosing between careers"):

- none: "No formal educational credential", "High school diploma or equivalent" (no college needed);
- certificate: "Postsecondary nondegree award" (a certificate or award short of a degree) and "Some college, no
  degree" (college study short of a degree, the nearest step);
- associate: "Associate's degree";
- bachelor: "Bachelor's degree";
- graduate: "Master's degree", "Doctoral or professional degree".

An occupation whose projection gives no category (or one not listed) has no step and is left out of a filtered
list, never guessed.
"""

from django.db import models


class EntryEducation(models.TextChoices):
    NONE = "none", "No college needed"
    CERTIFICATE = "certificate", "Postsecondary certificate"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    GRADUATE = "graduate", "Graduate degree"


# In the order of the steps: "a certificate or less" is every step up to and including CERTIFICATE.
ORDER = list(EntryEducation)

BLS_CATEGORIES = {
    "no formal educational credential": EntryEducation.NONE,
    "high school diploma or equivalent": EntryEducation.NONE,
    "postsecondary nondegree award": EntryEducation.CERTIFICATE,
    "some college, no degree": EntryEducation.CERTIFICATE,
    "associate's degree": EntryEducation.ASSOCIATE,
    "bachelor's degree": EntryEducation.BACHELOR,
    "master's degree": EntryEducation.GRADUATE,
    "doctoral or professional degree": EntryEducation.GRADUATE,
}


def entry_education(bls_category: str) -> EntryEducation | None:
    """The step for a BLS category ("Postsecondary nondegree award" -> CERTIFICATE), or None."""
    return BLS_CATEGORIES.get((bls_category or "").strip().lower().replace("\u2019", "'"))


def at_most(step: EntryEducation | None, limit: EntryEducation) -> bool:
    return step is not None and ORDER.index(step) <= ORDER.index(limit)
