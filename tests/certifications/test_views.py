import re

import pytest
from django.urls import reverse

from careers.models import Career
from tests.factories import CareerCertificationFactory, CareerFactory, CertificationFactory
from tests.html import tags

pytestmark = pytest.mark.django_db


def test_index_groups_credentials_by_body(client):
    html = client.get(reverse("certifications:index")).content.decode()
    assert len(tags(html, "h1")) == 1
    assert '<span aria-current="page">Certifications</span>' in html
    sections = dict(re.findall(r'<section id="([a-z0-9-]+)" class="body-group".*?>(.*?)</section>', html, flags=re.S))
    assert 'href="/certifications/rhit/"' in sections["ahima"]
    assert 'href="/certifications/ccs-p/"' in sections["ahima"]
    assert 'href="/certifications/cpc/"' in sections["aapc"]
    assert 'href="/certifications/ctr/"' in sections["ncra"]
    assert 'href="/certifications/cpc/"' not in sections["ahima"]


def test_index_runs_two_queries(client, django_assert_num_queries):
    for _ in range(5):
        CertificationFactory()
    # Plus one for the content version that keys the page cache (core/page_cache.py).
    with django_assert_num_queries(1 + 2):
        client.get(reverse("certifications:index"))


def test_detail_shows_every_fact_with_source_and_date(client):
    html = client.get("/certifications/cpc/").content.decode()
    assert len(tags(html, "h1")) == 1
    assert "<h1>Certified Professional Coder (CPC)</h1>" in html
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, flags=re.S).group(0)
    assert 'href="/certifications/"' in trail and '<span aria-current="page">CPC</span>' in trail
    for fact in ("100", "4 hours in person", "$499 in person", "36 CEUs every 2 years", "Every 2 years", "CPC-A"):
        assert fact in html, fact
    assert 'href="https://www.aapc.com/certifications/cpc"' in html
    assert "Facts checked on" in html and "28 November 2026" in html
    # URLs in the notes become links.
    assert 'href="https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship"' in html
    assert "style=" not in html


def test_rhit_links_to_a_search_for_qualifying_programs(client):
    html = client.get("/certifications/rhit/").content.decode()
    assert 'href="/schools/?program=51.0707&amp;award=associate"' in html
    assert "Health Information/Medical Records Technology/Technician (CIP 51.0707)" in html
    assert 'href="/schools/?program=51.0706&amp;award=bachelor"' in client.get("/certifications/rhia/").content.decode()


def test_missing_exam_facts_say_where_to_look(client):
    html = client.get("/certifications/coc/").content.decode()
    assert "Not listed here; see the source below" in html
    assert 'href="https://www.aapc.com/certifications/coc"' in html


def test_detail_lists_only_published_careers_it_serves(client):
    certification = CertificationFactory()
    CareerCertificationFactory(certification=certification, career=CareerFactory(short_name="Open Guide"))
    CareerCertificationFactory(
        certification=certification, career=CareerFactory(short_name="Draft Guide", status=Career.Status.DRAFT)
    )
    html = client.get(certification.get_absolute_url()).content.decode()
    careers = re.search(r'aria-labelledby="careers-heading">.*?</section>', html, flags=re.S).group(0)
    assert "Open Guide" in careers and "Draft Guide" not in careers


def test_ctr_page_names_the_careers_it_serves(client):
    html = client.get("/certifications/ctr/").content.decode()
    assert 'href="/careers/cancer-registrar/"' in html
    assert "Oncology Data Specialist" in html


def test_detail_runs_three_queries(client, django_assert_num_queries):
    certification = CertificationFactory()
    for _ in range(5):
        CareerCertificationFactory(certification=certification)
    # Plus one for the content version that keys the page cache (core/page_cache.py).
    with django_assert_num_queries(1 + 3):
        assert client.get(certification.get_absolute_url()).status_code == 200


def test_unknown_certification_is_404(client):
    assert client.get("/certifications/nope/").status_code == 404
