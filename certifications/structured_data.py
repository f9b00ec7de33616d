"""schema.org descriptions (JSON-LD, as dicts) of the credentials, for their pages and for the guides that list them.

Addresses are paths; core.page_meta makes them absolute when the page is rendered (the dicts are cached with the
page, which is rendered without the request).
"""

SCHEMA = "https://schema.org"


def body_data(body) -> dict:
    data = {"@type": "Organization", "name": body.name}
    if body.acronym and body.acronym != body.name:
        data["alternateName"] = body.acronym
    if body.url:
        data["url"] = body.url
    return data


def credential_data(certification, *, context=True) -> dict:
    """An EducationalOccupationalCredential, recognised by the body that awards it. ``certification.body`` must be
    loaded (select_related)."""
    data = {
        "@type": "EducationalOccupationalCredential",
        "@id": f"{certification.get_absolute_url()}#credential",
        "name": certification.name,
        "alternateName": certification.acronym,
        "credentialCategory": "certification",
        "url": certification.get_absolute_url(),
        "recognizedBy": body_data(certification.body),
    }
    return {"@context": SCHEMA, **data} if context else data
