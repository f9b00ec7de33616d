"""How a figure becomes words, shared by the school page, the comparison, the result cards and the API: an amount
("$10,024"), a share ("31%"), or why there is none. A missing figure is never shown as $0 or 0%, so every caller
passes the words for its own kind of missing."""

NOT_REPORTED = "Not reported to IPEDS"
SUPPRESSED = "Not published: too few graduates"  # Scorecard blanks are privacy suppressions (SOURCES.md)
NOT_PUBLISHED = "Not published"


def money(value, missing):
    if value is None:
        return missing
    sign = "−" if value < 0 else ""
    # Python's own thousands separator: the site is in US English, and humanize's intcomma (a regular expression
    # and Django's locale machinery) was a tenth of a result card's time.
    return f"{sign}${abs(value):,}"


def percent(share, missing):
    return missing if share is None else f"{round(share * 100)}%"
