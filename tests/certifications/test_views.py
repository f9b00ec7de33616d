import re

import pytest
from django.urls import reverse

from careers.models import Career
from tests.factories import (
    CareerCertificationFactory,
    CareerFactory,
    CertificationFactory,
    CertificationSourceFactory,
)
from tests.html import tags

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("shipped_content")
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


def _section(html, heading_id):
    return re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', html, flags=re.S).group(0)


@pytest.mark.usefixtures("shipped_content")
def test_detail_shows_every_fact_with_its_source(client):
    html = client.get("/certifications/cpc/").content.decode()
    assert len(tags(html, "h1")) == 1
    assert "<h1>Certified Professional Coder (CPC)</h1>" in html
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, flags=re.S).group(0)
    assert 'href="/certifications/"' in trail and '<span aria-current="page">CPC</span>' in trail
    for fact in ("100", "4 hours in person", "$499 in person", "36 CEUs every 2 years", "Every 2 years", "CPC-A"):
        assert fact in html, fact
    # The fee names the third-party site it came from, as a secondary source.
    fee = re.search(r"<dt>Fee</dt><dd>(.*?)</dd>", html).group(1)
    assert '(<a href="#source-1">source 1</a>, secondary)' in fee
    sources = _section(html, "sources-heading")
    assert '<li id="source-1"><a href="https://medicalcodingwithconfidence.com/cpc-exam-info">' in sources
    assert "(a secondary source, not AAPC)" in sources
    assert 'href="https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship"' in sources
    assert "(AAPC's own page)" in sources
    # The date is when the facts were gathered; nothing claims a check against AAPC's own page.
    assert 'We gathered the facts on this page on <time datetime="2026-11-28">28 November 2026</time>' in sources
    assert "checked" not in html.lower()
    assert "Source: <a" not in html
    assert 'confirm them on <a href="https://www.aapc.com/certifications/cpc">AAPC\'s page for the CPC</a>' in sources
    # URLs in the notes become links.
    assert 'href="https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship" rel="nofollow"' in html
    assert "style=" not in html


@pytest.mark.parametrize("slug", ["rhit", "rhia", "cca", "ccs", "ccs-p", "cpc", "coc", "ctr"])
@pytest.mark.usefixtures("shipped_content")
def test_no_fact_on_a_certification_page_without_a_source(client, slug):
    """Each fact the page states cites a source in the page's own list; a fact we have no source for is not shown."""
    html = client.get(f"/certifications/{slug}/").content.decode()
    listed = set(re.findall(r'<li id="(source-\d+)">', _section(html, "sources-heading")))

    def cited(fragment):
        return set(re.findall(r'<a href="#(source-\d+)">', fragment))

    for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html):
        if value.startswith("Not gathered yet"):
            continue
        assert cited(value), (slug, label)
        assert cited(value) <= listed, (slug, label)
    eligibility = _section(html, "eligibility-heading")
    if "We have not gathered" not in eligibility:
        assert "Where this comes from:" in eligibility and cited(eligibility) <= listed and cited(eligibility)
    if "Good to know" in html:
        notes = _section(html, "exam-heading").split("<h3>Good to know</h3>")[1]
        assert "Where these notes come from:" in notes and cited(notes) <= listed and cited(notes)
    # Every listed source is cited by some fact.
    assert listed == cited(html.split('<section aria-labelledby="sources-heading">')[0])


@pytest.mark.usefixtures("shipped_content")
def test_old_and_copied_sources_say_so(client):
    html = client.get("/certifications/rhia/").content.decode()
    eligibility = _section(html, "eligibility-heading")
    assert '<a href="#source-1">source 1</a>, secondary, may be out of date' in eligibility
    sources = _section(html, "sources-heading")
    first = re.search(r'<li id="source-1">.*?</li>', sources).group(0)
    assert "medicalbillingcodingworld.com" in first and "<strong>may be out of date</strong>" in first
    assert "on healthcom.info (a copy of AHIMA's page, not AHIMA's public site)" in sources
    ctr = _section(client.get("/certifications/ctr/").content.decode(), "sources-heading")
    assert "(NCRA's own page; dated 2019-2020; <strong>may be out of date</strong>)" in ctr


@pytest.mark.usefixtures("shipped_content")
def test_rhit_links_to_a_search_for_qualifying_programs(client):
    html = client.get("/certifications/rhit/").content.decode()
    assert 'href="/schools/?program=51.0707&amp;award=associate"' in html
    assert "Health Information/Medical Records Technology/Technician (CIP 51.0707)" in html
    assert 'href="/schools/?program=51.0706&amp;award=bachelor"' in client.get("/certifications/rhia/").content.decode()


@pytest.mark.usefixtures("shipped_content")
def test_a_credential_without_gathered_facts_says_so_and_where_to_look(client):
    html = client.get("/certifications/coc/").content.decode()
    assert "Not gathered yet; ask AAPC" in html
    eligibility = _section(html, "eligibility-heading")
    assert "We have not gathered AAPC's rules for who can sit this exam" in eligibility
    assert 'href="https://www.aapc.com/certifications/coc"' in eligibility
    assert "membership" not in eligibility
    assert "We have not gathered facts about this credential from any source yet" in html
    assert '<ol class="source-list">' not in html


def test_without_an_official_page_the_body_website_is_linked(client):
    certification = CertificationFactory(official_url="")
    html = client.get(certification.get_absolute_url()).content.decode()
    assert f'confirm them on <a href="{certification.body.url}">{certification.body.acronym}' in html


def test_detail_lists_only_published_careers_it_serves(client):
    certification = CertificationFactory()
    CareerCertificationFactory(certification=certification, career=CareerFactory(short_name="Open Guide"))
    CareerCertificationFactory(
        certification=certification, career=CareerFactory(short_name="Draft Guide", status=Career.Status.DRAFT)
    )
    html = client.get(certification.get_absolute_url()).content.decode()
    careers = re.search(r'aria-labelledby="careers-heading">.*?</section>', html, flags=re.S).group(0)
    assert "Open Guide" in careers and "Draft Guide" not in careers


@pytest.mark.usefixtures("shipped_content")
def test_ctr_page_names_the_careers_it_serves(client):
    html = client.get("/certifications/ctr/").content.decode()
    assert "<h1>Oncology Data Specialist, formerly Certified Tumor Registrar (CTR)</h1>" in html
    assert 'href="/careers/cancer-registrar/"' in _section(html, "careers-heading")


def test_detail_runs_four_queries(client, django_assert_num_queries):
    certification = CertificationFactory()
    for _ in range(5):
        CareerCertificationFactory(certification=certification)
        CertificationSourceFactory(certification=certification)
    # The certification with its body, its sources, programs and guides; plus one for the content version that keys
    # the page cache (core/page_cache.py).
    with django_assert_num_queries(1 + 4):
        assert client.get(certification.get_absolute_url()).status_code == 200


def test_unknown_certification_is_404(client):
    assert client.get("/certifications/nope/").status_code == 404
