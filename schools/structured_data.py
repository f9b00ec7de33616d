"""schema.org description (JSON-LD, as dicts) of a school's page: the school, with its address and position, and its
health programs as EducationalOccupationalProgram, each with the credential it awards and the occupations (guides)
it leads to. Addresses of our pages are paths; core.page_meta makes them absolute."""

from certifications.structured_data import SCHEMA

from .models import Institution

# IPEDS levels of schools that award degrees (2- and 4-year); the others (under 2 years) are not colleges.
COLLEGE_LEVELS = {Institution.Level.FOUR_YEAR, Institution.Level.TWO_YEAR}


def school_data(institution, programs) -> list:
    """The school and its programs (selectors.school_health_programs: each with ``cip`` and ``careers``), in one
    @graph whose programs name the school as their provider."""
    school_id = f"{institution.get_absolute_url()}#school"
    school = {
        "@type": "CollegeOrUniversity" if institution.level in COLLEGE_LEVELS else "EducationalOrganization",
        "@id": school_id,
        "name": institution.display_name,
        "identifier": {"@type": "PropertyValue", "propertyID": "IPEDS UNITID", "value": institution.unitid},
        "address": {
            "@type": "PostalAddress",
            "streetAddress": institution.address,
            "addressLocality": institution.city,
            "addressRegion": institution.state,
            "postalCode": institution.zip_code,
            "addressCountry": "US",
        },
    }
    if institution.latitude is not None and institution.longitude is not None:
        school["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": institution.latitude,
            "longitude": institution.longitude,
        }
    if institution.website_url:
        school["sameAs"] = institution.website_url
    if institution.phone:
        school["telephone"] = institution.phone
    graph = [school]
    for program in programs:
        data = {
            "@type": "EducationalOccupationalProgram",
            "name": program.cip.plain_title,
            "identifier": {"@type": "PropertyValue", "propertyID": "CIP 2020", "value": program.cip.code},
            "provider": {"@id": school_id},
            "educationalCredentialAwarded": program.get_award_level_display(),
        }
        if program.careers:
            # The occupations it leads to, as this site's guides to them (occupationalCategory takes a CategoryCode).
            data["occupationalCategory"] = [
                {"@type": "CategoryCode", "name": career.short_name, "url": career.get_absolute_url()}
                for career in program.careers
            ]
        graph.append(data)
    return [{"@context": SCHEMA, "@graph": graph}]
