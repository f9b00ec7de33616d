"""The school page: facts, every health program with completions by year, careers, map, source."""

import pytest

from schools.models import CareerProgram
from tests.factories import CareerFactory, CareerProgramFactory, InstitutionFactory
from tests.html import tags

pytestmark = pytest.mark.django_db


def test_school_page_shows_facts_programs_and_sources(client, world):
    school = world.schools["huntsville"]
    response = client.get(school.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert len(tags(html, "h1")) == 1
    assert "<h1>Rocket City Community College</h1>" in html
    assert "1 College Road, Huntsville, AL 35801" in html
    assert '<a href="https://www.example.edu" rel="external noopener nofollow">www.example.edu</a>' in html
    assert "<dd>Public</dd>" in html and "<dd>2-year</dd>" in html
    # Completions by year: the associate has both years, the certificate only the newest.
    assert '<th scope="col" class="num">2023-24</th><th scope="col" class="num">2022-23</th>' in html
    assert (
        '<td class="num" data-label="Awards 2023-24">12</td><td class="num" data-label="Awards 2022-23">9</td>' in html
    )
    assert "Medical Insurance Specialist/Medical Biller (51.0714)" in html
    assert "Certificate of at least 12 weeks but less than 1 year" in html
    assert "Source: National Center for Education Statistics, IPEDS 2024-25 directory; completions 2023-24" in html
    assert "https://www.openstreetmap.org/?mlat=34.73040&amp;mlon=-86.58610#map=16/34.73040/-86.58610" in html


def test_school_page_links_programs_to_published_guides(client, world):
    draft = CareerFactory(short_name="Draft Guide", status="draft")
    CareerProgramFactory(career=draft, cip=world.cips["coding"], action=CareerProgram.Action.INCLUDE)
    other = CareerFactory(short_name="Excluded Guide")
    CareerProgramFactory(career=other, cip=world.cips["billing"], action=CareerProgram.Action.EXCLUDE)
    html = client.get(world.schools["huntsville"].get_absolute_url()).content.decode()
    guide_link = f'<a href="{world.career.get_absolute_url()}">Test Coder</a>'
    # Both programs lead to Test Coder: 51.0713 by the crosswalk, 51.0714 by the staff include.
    assert html.count(guide_link) == 2
    # Each links to the guide's pay map too.
    assert html.count(f'<a href="{world.career.get_absolute_url()}#pay-map">pay map') == 2
    assert "Draft Guide" not in html
    assert "Excluded Guide" not in html


def test_school_page_lists_only_health_programs(client, world):
    html = client.get(world.schools["business"].get_absolute_url()).content.decode()
    assert "Business Administration" not in html
    assert "reported no health program" in html


def test_wrong_slug_redirects_to_the_canonical_address(client, world):
    school = world.schools["huntsville"]
    response = client.get(f"/schools/{school.unitid}-old-name/")
    assert response.status_code == 301
    assert response["Location"] == school.get_absolute_url()


def test_unknown_unitid_is_not_found(client, world):
    assert client.get("/schools/123-nowhere/").status_code == 404


def test_closed_school_says_so(client, world):
    html = client.get(world.schools["closed"].get_absolute_url()).content.decode()
    assert "not listed as open in the newest IPEDS directory" in html


@pytest.mark.parametrize(
    ("web_address", "expected"),
    [
        ("www.example.edu/", "https://www.example.edu/"),
        ("http://example.edu", "http://example.edu"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt://example.edu/%0aalert(1)", ""),
        ("data:text/html,hi", ""),
        ('example.edu" onmouseover="x', ""),
        ("", ""),
    ],
)
def test_web_address_is_linked_only_over_http(db, web_address, expected):
    assert InstitutionFactory.build(web_address=web_address).website_url == expected


def test_unsafe_web_address_is_shown_as_text_not_linked(client, world):
    school = InstitutionFactory(web_address="javascript:alert(1)")
    html = client.get(school.get_absolute_url()).content.decode()
    assert 'href="javascript' not in html
    assert "Not reported" in html


def test_map_link_searches_the_address_without_coordinates(db):
    school = InstitutionFactory.build(latitude=None, longitude=None, address="1 Main St", city="Mobile", state="AL")
    assert school.map_url == ("https://www.openstreetmap.org/search?query=1+Main+St%2C+Mobile%2C+AL+35801")


def test_school_whose_name_has_no_latin_letters_still_has_a_page(client, db):
    school = InstitutionFactory(name="東京", slug="")
    assert school.get_absolute_url() == f"/schools/{school.unitid}-school/"
    assert client.get(school.get_absolute_url()).status_code == 200


def test_programs_without_a_guide_link_to_their_occupations_pages(client, world):
    """Every program leads somewhere: the crosswalk's healthcare occupations link to their pages (no "No guide yet")."""
    from reference_data.models import Occupation
    from tests.factories import CipSocLinkFactory, OccupationFactory, WageEstimateFactory

    nurses = Occupation.objects.get(soc_code="29-8141")
    WageEstimateFactory(occupation=nurses)
    aides = OccupationFactory(soc_code="31-8011", title="Test Aides")
    WageEstimateFactory(occupation=aides)
    CipSocLinkFactory(cip=world.cips["coding"], occupation=aides)
    school = world.schools["huntsville"]
    school_nursing = school.programs.filter(cip=world.cips["nursing"]).exists()
    html = client.get(school.get_absolute_url()).content.decode()
    assert "No guide yet" not in html
    assert '<a href="/careers/occupations/31-8011/">Test Aides</a>' in html
    assert ('<a href="/careers/occupations/29-8141/">Test Nurses</a>' in html) == school_nursing
    assert "/careers/occupations/29-8072/" not in html  # it has the Test Coder guide, linked instead
