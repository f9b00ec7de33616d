"""schema.org Occupation (JSON-LD, as a dict) for the guide pages, and for any page about one SOC occupation.

``occupation_data`` takes what a page shows (its name, summary, national wage estimate, typical education and the
credentials it lists), so the guide and an occupation page with its own profile describe an occupation the same way.
Only figures the page shows go in, and a value BLS top-codes ("$239,200 or more") or did not publish is left out
rather than given as a number it is not. Addresses are paths; core.page_meta makes them absolute.
"""

from certifications.structured_data import SCHEMA, credential_data

from .presenters import is_top_coded

# schema.org's percentile properties of a MonetaryAmountDistribution and the BLS fields that fill them.
ANNUAL_PERCENTILES = {
    "percentile10": "annual_p10",
    "percentile25": "annual_p25",
    "median": "annual_median",
    "percentile75": "annual_p75",
    "percentile90": "annual_p90",
}


def salary_distribution(wage) -> dict | None:
    """The national annual wage percentiles as a MonetaryAmountDistribution (duration P1Y: a year's pay), naming
    the release they come from; None when BLS published none of them."""
    figures = {
        prop: int(getattr(wage, field))
        for prop, field in ANNUAL_PERCENTILES.items()
        if getattr(wage, field) is not None and not is_top_coded(wage, field)
    }
    if not figures:
        return None
    source = f"{wage.source}, {wage.period_label}, {wage.area_name or 'United States'}"
    data = {
        "@type": "MonetaryAmountDistribution",
        "name": f"Annual wages ({source})",
        "currency": "USD",
        "duration": "P1Y",
        **figures,
    }
    if wage.source_url:
        data["url"] = wage.source_url
    return data


def occupation_data(*, occupation, name, description, url, wage=None, education="", credentials=()) -> dict:
    """schema.org Occupation: ``occupation`` the SOC occupation (occupationalCategory), ``wage`` its national
    WageEstimate, ``education`` the typical education for entry, ``credentials`` Certification rows (with their
    body) the page lists as qualifications."""
    data = {
        "@context": SCHEMA,
        "@type": "Occupation",
        "@id": f"{url}#occupation",
        "name": name,
        "description": description,
        "url": url,
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": occupation.soc_code,
            "name": occupation.title,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "Standard Occupational Classification (SOC) 2018"},
        },
        "occupationLocation": {"@type": "Country", "name": "United States"},
    }
    salary = salary_distribution(wage) if wage is not None else None
    if salary:
        data["estimatedSalary"] = [salary]
    if education:
        data["educationRequirements"] = education
    if credentials:
        data["qualifications"] = [credential_data(credential, context=False) for credential in credentials]
    return data


def guide_data(career, page) -> list:
    """A guide page's JSON-LD: the Occupation it is about (when it has a primary SOC occupation)."""
    profile = page.profile
    if profile is None:
        return []
    occupation = occupation_data(
        occupation=page.occupation,
        name=career.short_name,
        description=career.summary,
        url=career.get_absolute_url(),
        wage=profile.national_wage,
        education=_entry_education(profile),
        credentials=[link.certification for link in page.certifications],
    )
    return [occupation]


def profile_data(profile) -> list:
    """An occupation page's JSON-LD: the Occupation, from its official data alone (no credentials: no guide names
    them)."""
    occupation = profile.occupation
    return [
        occupation_data(
            occupation=occupation,
            name=occupation.title,
            description=occupation.description,
            url=occupation.get_absolute_url(),
            wage=profile.national_wage,
            education=_entry_education(profile),
        )
    ]


def _entry_education(profile):
    outlook = profile.outlook
    return (outlook.projection.typical_entry_education if outlook else "") or profile.occupation.typical_education
