"""A crawl of the fixture world (the shipped guides and certifications, the made-up schools around Huntsville):
every HTML page names one canonical address and carries one BreadcrumbList, search addresses canonicalise to their
clean parameters, and no two indexable pages share a title or a description."""

import json
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.school_world import CAREER_MATCHES, CAREER_SLUG

HOST = "http://testserver"
MAX_PAGES = 400

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <title>, canonical links, meta tags and links of a page, and the text of its JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.title, self.canonicals, self.meta, self.links, self._in_title = "", [], {}, [], False
        self.json_ld, self._in_json_ld = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs["href"])
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._in_json_ld:
            self.json_ld[-1] += data


def page_head(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    head = Head()
    head.feed(response.content.decode())
    return head


def is_indexable(head):
    return "noindex" not in head.meta.get("robots", "")


def crawl(client, seeds):
    """Every page reachable from ``seeds`` by links on this site (the admin and CSV downloads left out)."""
    seen, queue, pages = set(seeds), deque(seeds), {}
    while queue and len(pages) < MAX_PAGES:
        address = queue.popleft()
        response = client.get(address)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        head = Head()
        head.feed(response.content.decode())
        pages[address] = head
        for href in head.links:
            absolute = urljoin(HOST + address, href)
            parts = urlsplit(absolute)
            if parts.netloc != "testserver" or parts.path.startswith("/admin/") or "format=csv" in parts.query:
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def test_the_crawled_pages(client, world):
    """One crawl (about 100 pages), every check on it."""
    # Result pages after the first are reached by the compare form's page buttons, which a crawler does not press
    # (every school is in the sitemap instead); the last two seeds are the addresses other sites link to: a later
    # page, and a shuffled search with a tracking parameter.
    seeds = [
        "/",
        f"/schools/?career={CAREER_SLUG}",
        f"/schools/?career={CAREER_SLUG}&state=AL",
        "/about-the-data/",
        f"/schools/?career={CAREER_SLUG}&state=AL&page=2",
        f"/schools/?utm_source=newsletter&state=AL&career={CAREER_SLUG}&page=1",
    ]
    pages = crawl(client, seeds)
    check_the_crawl_reaches_every_kind_of_page(pages)
    check_every_page_has_exactly_one_canonical_link_to_this_site(pages)
    check_no_two_indexable_pages_share_a_title_or_a_description(pages)
    check_a_page_reached_at_another_address_has_its_canonical_pages_title(pages)
    check_only_career_and_career_by_state_searches_are_indexable(pages)
    check_every_page_names_the_sites_link_preview_picture(pages)
    check_every_page_has_one_breadcrumb_list_that_starts_at_home(pages)


def check_the_crawl_reaches_every_kind_of_page(pages):
    paths = {urlsplit(address).path for address in pages}
    assert {"/", "/careers/", "/certifications/", "/schools/", "/about-the-data/"} <= paths
    assert any(path.startswith("/careers/") and path != "/careers/" for path in paths)
    assert any(path.startswith("/certifications/") and path != "/certifications/" for path in paths)
    assert sum(1 for path in paths if path.startswith("/schools/99")) >= 20
    assert len(pages) > 60


def check_every_page_has_exactly_one_canonical_link_to_this_site(pages):
    for address, head in pages.items():
        assert len(head.canonicals) == 1, address
        assert head.canonicals[0].startswith(HOST + "/"), address
        assert head.meta["og:url"] == head.canonicals[0], address


def check_no_two_indexable_pages_share_a_title_or_a_description(pages):
    # An address whose canonical is another (?page=1 of a search) is that page again, not a page of its own.
    indexable = {
        address: head for address, head in pages.items() if is_indexable(head) and head.canonicals[0] == HOST + address
    }
    assert len(indexable) > 40
    titles = [head.title for head in indexable.values()]
    descriptions = [head.meta["description"] for head in indexable.values()]
    assert len(set(titles)) == len(titles), sorted(t for t in titles if titles.count(t) > 1)
    assert len(set(descriptions)) == len(descriptions), sorted(d for d in descriptions if descriptions.count(d) > 1)
    for head in indexable.values():
        assert head.meta["og:title"] and head.title.startswith(head.meta["og:title"])


def check_a_page_reached_at_another_address_has_its_canonical_pages_title(pages):
    aliases = 0
    for address, head in pages.items():
        canonical = head.canonicals[0].removeprefix(HOST)
        if canonical != address and canonical in pages:
            aliases += 1
            assert head.title == pages[canonical].title, address
            assert is_indexable(head) == is_indexable(pages[canonical]), address
    assert aliases


def check_only_career_and_career_by_state_searches_are_indexable(pages):
    searches = {address: head for address, head in pages.items() if urlsplit(address).path == "/schools/"}
    assert len(searches) > 10
    for address, head in searches.items():
        canonical = urlsplit(head.canonicals[0])
        names = {pair.split("=")[0] for pair in canonical.query.split("&") if pair} - {"page"}
        # A search that finds nothing is not worth an entry in a search engine either.
        found = not head.meta["description"].startswith("No school")
        expected = names in ({"career"}, {"career", "state"}, set()) and found
        assert is_indexable(head) == expected, address
        if not expected:
            assert head.meta["robots"] == "noindex, follow"


def check_every_page_has_one_breadcrumb_list_that_starts_at_home(pages):
    """Issue 15: a BreadcrumbList on every page, the home page's being Home alone."""
    for address, head in pages.items():
        nodes = []
        for text in head.json_ld:
            data = json.loads(text)
            nodes += data.get("@graph", [data])
        trails = [node for node in nodes if node["@type"] == "BreadcrumbList"]
        assert len(trails) == 1, f"{address}: {len(trails)} BreadcrumbLists"
        elements = trails[0]["itemListElement"]
        assert [element["position"] for element in elements] == list(range(1, len(elements) + 1)), address
        assert (elements[0]["name"], elements[0]["item"]) == ("Home", HOST + "/"), address
        assert (len(elements) == 1) == (urlsplit(address).path == "/"), address


def test_a_shuffled_search_with_unknown_parameters_canonicalises_to_the_clean_address(client, world):
    clean = page_head(client, f"/schools/?career={CAREER_SLUG}&state=AL")
    messy = page_head(client, f"/schools/?utm_source=mail&state=%20AL%20&page=1&junk=&career={CAREER_SLUG}&x=1")
    assert messy.canonicals == clean.canonicals == [f"{HOST}/schools/?career={CAREER_SLUG}&state=AL"]
    assert messy.title == clean.title
    assert is_indexable(clean)

    filtered = page_head(client, f"/schools/?sort=name&zip=35801&career={CAREER_SLUG}&radius=25&page=2&fbclid=x")
    expected = f"{HOST}/schools/?career={CAREER_SLUG}&zip=35801&radius=25&sort=name&page=2"
    assert filtered.canonicals == [expected]
    assert filtered.meta["robots"] == "noindex, follow"


def test_titles_and_descriptions_name_the_page_number_place_and_count(client, world):
    first = page_head(client, f"/schools/?career={CAREER_SLUG}")
    second = page_head(client, f"/schools/?career={CAREER_SLUG}&page=2")
    assert first.title.startswith("Medical Biller and Coder schools in the US |")
    assert second.title.startswith("Medical Biller and Coder schools in the US, page 2 |")
    assert first.meta["description"].startswith(
        f"{CAREER_MATCHES} schools with Medical Biller and Coder programs in the US"
    )
    assert "Page 2 of 3." in second.meta["description"]  # 54 at 20 a page
    in_alabama = page_head(client, f"/schools/?career={CAREER_SLUG}&state=AL")
    assert in_alabama.title.startswith("Medical Biller and Coder schools in Alabama |")
    assert in_alabama.meta["description"].startswith("31 schools with Medical Biller and Coder programs in Alabama")
    school = world.schools[0]
    assert page_head(client, school.get_absolute_url()).title.startswith(f"{school.name}, Huntsville, AL |")


def test_error_pages_are_not_indexed(client, world):
    response = client.get("/schools/no-such-page/")
    assert response.status_code == 404
    head = Head()
    head.feed(response.content.decode())
    assert head.meta["robots"] == "noindex, follow"
    error = page_head(client, "/schools/?zip=abc")
    assert error.meta["robots"] == "noindex, follow" and error.title.startswith("Error:")


def check_every_page_names_the_sites_link_preview_picture(pages):
    """Open Graph asks every page for og:image (ogp.me): the site's card, a 1200 x 630 PNG that exists."""
    import struct
    from pathlib import Path

    for address, head in pages.items():
        assert head.meta["og:image"] == f"{HOST}/static/og-card.png", address
        assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630"), address
        assert head.meta["og:image:alt"], address
        assert head.meta["twitter:card"] == "summary_large_image", address
    png = (Path(__file__).resolve().parents[2] / "static" / "og-card.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)  # the IHDR chunk's width and height
