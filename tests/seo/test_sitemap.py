"""/robots.txt and /sitemap.xml: the sitemap lists exactly the public pages the database has."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from careers.models import Career
from certifications.models import Certification, CertificationSource, CertifyingBody
from schools.models import Institution, InstitutionOverride
from tests.factories import CareerFactory, CompletionFactory, ImportRunFactory, InstitutionFactory, ProgramFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://testserver"

pytestmark = pytest.mark.django_db


def sitemap_entries(client):
    """{address: lastmod text or None} over every section the index names."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    entries = {}
    for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", NS):  # noqa: S314 (our own XML)
        section = client.get(loc.text.removeprefix(HOST))
        assert section.status_code == 200, loc.text
        for url in ET.fromstring(section.content).findall("s:url", NS):  # noqa: S314
            lastmod = url.find("s:lastmod", NS)
            entries[url.find("s:loc", NS).text.removeprefix(HOST)] = None if lastmod is None else lastmod.text
    return entries


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_the_sitemap_lists_the_published_guides_every_certification_and_every_listed_school(client, world):
    draft = CareerFactory(status=Career.Status.DRAFT, published_at=None)
    hidden, renamed = world.schools[2], world.schools[3]
    InstitutionOverride.objects.create(institution=hidden, hidden_from_search=True, note="A duplicate campus.")
    InstitutionOverride.objects.create(institution=renamed, display_name="Renamed College", note="Its new name.")
    closed = world.schools[4]
    Institution.objects.filter(pk=closed.pk).update(is_active=False)
    # A school with no health program is not in Find a School, so it has no place in the sitemap either.
    InstitutionFactory(name="Barber School")

    listed = set(sitemap_entries(client))

    guides = {career.get_absolute_url() for career in Career.objects.published()}
    certifications = {certification.get_absolute_url() for certification in Certification.objects.all()}
    searchable = Institution.objects.filter(is_active=True, programs__completions__year=2024).exclude(pk=hidden.pk)
    schools = {school.get_absolute_url() for school in searchable.distinct()}
    assert guides and certifications and len(schools) == len(world.schools) - 2
    assert listed == guides | certifications | schools
    assert draft.get_absolute_url() not in listed


def test_every_address_in_the_sitemap_answers_200(client, world):
    for address in sitemap_entries(client):
        assert client.get(address).status_code == 200, address


def test_lastmod_follows_publication_imports_and_staff_edits(client, world):
    published = timezone.make_aware(dt.datetime(2026, 3, 1, 12, 0))
    guide = Career.objects.published().first()
    Career.objects.filter(pk=guide.pk).update(published_at=published)
    school = world.schools[0]
    entries = sitemap_entries(client)
    assert entries[guide.get_absolute_url()].startswith("2026-03-01")
    # No import has run: a school page has no date to give.
    assert entries[school.get_absolute_url()] is None

    imported = timezone.make_aware(dt.datetime(2026, 5, 2, 9, 30))
    ImportRunFactory(finished_at=imported)
    entries = sitemap_entries(client)
    assert entries[guide.get_absolute_url()].startswith("2026-05-02")
    assert entries[school.get_absolute_url()].startswith("2026-05-02")

    InstitutionOverride.objects.create(institution=school, display_name="Corrected Name", note="Its sign says so.")
    today = timezone.localdate().isoformat()
    assert sitemap_entries(client)[school.get_absolute_url()].startswith(today)


def test_a_certification_edit_moves_its_lastmod(client, world):
    certification = Certification.objects.order_by("slug").first()
    # As if everything had been written in 2025.
    for model in (Certification, CertifyingBody, CertificationSource):
        model.history.update(history_date=timezone.make_aware(dt.datetime(2025, 1, 15, 8, 0)))
    assert sitemap_entries(client)[certification.get_absolute_url()] == "2025-01-15"
    certification.name += " (renamed)"
    certification.save()
    today = timezone.localdate().isoformat()
    assert sitemap_entries(client)[certification.get_absolute_url()] == today


def test_the_sitemap_runs_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/sitemap-schools.xml")
    for _ in range(20):
        CompletionFactory(program=ProgramFactory(cip=world.schools[0].programs.first().cip), year=2024)
    # Schools arrive by import, which renews the cached sitemap (core.sitemaps.cached_per_content_version).
    ImportRunFactory(finished_at=timezone.now())
    with django_assert_max_num_queries(12):
        response = client.get("/sitemap-schools.xml")
    assert response.content.count(b"<url>") == len(world.schools) + 20


def test_a_sitemap_is_built_once_per_content_version(client, world, django_assert_max_num_queries):
    first = client.get("/sitemap-schools.xml")
    with django_assert_max_num_queries(1):  # the content version, then the cache
        again = client.get("/sitemap-schools.xml?utm_source=x")
    assert again.content == first.content
    InstitutionOverride.objects.create(institution=world.schools[0], hidden_from_search=True, note="Closed campus.")
    assert world.schools[0].get_absolute_url().encode() not in client.get("/sitemap-schools.xml").content


def test_the_occupation_section_lists_the_occupation_pages_that_do_not_redirect_to_a_guide(client, world):
    from careers.sitemaps import occupation_pages_exist
    from reference_data.models import Occupation

    listed = {address for address in sitemap_entries(client) if "/occupations/" in address}
    if not occupation_pages_exist():
        assert listed == set()  # this release has no occupation pages
        return
    with_guides = Career.objects.published().filter(career_occupations__is_primary=True)
    guided = set(with_guides.values_list("career_occupations__occupation__soc_code", flat=True))
    pages = {occupation.get_absolute_url() for occupation in Occupation.objects.healthcare()}
    assert listed == pages - {Occupation(soc_code=code).get_absolute_url() for code in guided}


def test_each_host_gets_its_own_addresses(client, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.testserver"]
    client.get("/sitemap-guides.xml")
    other = client.get("/sitemap-guides.xml", HTTP_HOST="www.testserver")
    assert b"http://www.testserver/careers/" in other.content and b"http://testserver/" not in other.content
