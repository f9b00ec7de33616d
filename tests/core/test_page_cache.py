"""Public content pages come from the cache until something on them changes, and answer conditional GETs.

core/page_cache.py keys every cached page and ETag by a content version read from the database, so each test here
changes something the way staff or an import would, and checks that the next visitor sees it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from careers import services
from careers.models import Career
from certifications.models import Certification
from core import page_cache
from imports.models import ImportRun
from tests.factories import (
    CareerFactory,
    CareerOccupationFactory,
    ImportRunFactory,
    OccupationFactory,
    RelatedCareerFactory,
    WageEstimateFactory,
)
from tests.html import without_nonce

pytestmark = pytest.mark.django_db

MBC = "/careers/medical-biller-and-coder/"
CONTENT_PAGES = [
    "/",
    "/careers/",
    MBC,
    "/certifications/",
    "/certifications/rhit/",
]


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(username="editor", password="a-long-test-password", is_staff=True)


def html_of(client, url):
    """The page's HTML, less its CSP nonce (new on every response, cached page or not)."""
    response = client.get(url)
    assert response.status_code == 200
    return without_nonce(response.content).decode()


class TestCachedPages:
    @pytest.mark.parametrize("url", CONTENT_PAGES)
    @pytest.mark.usefixtures("shipped_content")
    def test_a_second_visit_reads_only_the_content_version(self, client, url, django_assert_num_queries):
        first = html_of(client, url)
        with django_assert_num_queries(1):
            assert html_of(client, url) == first

    @pytest.mark.usefixtures("shipped_content")
    def test_an_edited_guide_shows_the_edit_once_published(self, client, editor):
        assert "Coders turn care into codes" not in html_of(client, MBC)
        career = Career.objects.get(slug="medical-biller-and-coder")
        career.summary = "Coders turn care into codes."
        # What the admin's change form does, also when only a step or source changed.
        services.record_guide_edit(career, user=editor, reason="Changed summary")
        assert "Coders turn care into codes" not in html_of(client, MBC)  # the public keeps the published version

        services.publish(Career.objects.get(pk=career.pk), user=editor)

        assert "Coders turn care into codes" in html_of(client, MBC)
        assert "Coders turn care into codes" in html_of(client, "/careers/")
        assert "Coders turn care into codes" in html_of(client, "/")

    def test_publishing_a_guide_puts_it_on_the_index_and_home_page(self, client, editor):
        draft = CareerFactory(status=Career.Status.DRAFT, short_name="Surgical Coder", slug="surgical-coder")
        assert "Surgical Coder" not in html_of(client, "/careers/")
        assert "Surgical Coder" not in html_of(client, "/")
        assert client.get(draft.get_absolute_url()).status_code == 404

        services.publish(draft, user=editor)

        assert "Surgical Coder" in html_of(client, "/careers/")
        assert "Surgical Coder" in html_of(client, "/")
        assert client.get(draft.get_absolute_url()).status_code == 200

    @pytest.mark.usefixtures("shipped_content")
    def test_unpublishing_takes_a_cached_guide_down(self, client, editor):
        assert client.get(MBC).status_code == 200
        assert 'href="/careers/medical-biller-and-coder/"' in html_of(client, "/careers/")

        services.move_to_draft(Career.objects.get(slug="medical-biller-and-coder"), user=editor)

        assert client.get(MBC).status_code == 404
        assert 'href="/careers/medical-biller-and-coder/"' not in html_of(client, "/careers/")

    @pytest.mark.usefixtures("shipped_content")
    def test_deleting_a_guide_removes_links_to_it(self, client):
        target = CareerFactory(short_name="Coding Auditor", slug="coding-auditor")
        RelatedCareerFactory(career=Career.objects.get(slug="medical-biller-and-coder"), target=target)
        assert 'href="/careers/coding-auditor/"' in html_of(client, MBC)
        target.delete()  # the link's target is set to NULL without saving the guide that links to it
        assert 'href="/careers/coding-auditor/"' not in html_of(client, MBC)

    @pytest.mark.usefixtures("shipped_content")
    def test_an_edited_certification_shows_the_edit_at_once(self, client):
        assert "Exam fee checked today" not in html_of(client, "/certifications/rhit/")
        rhit = Certification.objects.get(slug="rhit")
        rhit.exam_fee = "Exam fee checked today"
        rhit.save()
        assert "Exam fee checked today" in html_of(client, "/certifications/rhit/")

    @pytest.mark.usefixtures("shipped_content")
    def test_an_edited_certification_source_shows_at_once(self, client):
        # Saved on its own (a script, the source's own admin list), not through its certification's page.
        assert "Registry Handbook of Made-up Facts" not in html_of(client, "/certifications/rhit/")
        source = Certification.objects.get(slug="rhit").sources.first()
        source.title = "Registry Handbook of Made-up Facts"
        source.save()
        assert "Registry Handbook of Made-up Facts" in html_of(client, "/certifications/rhit/")

    @pytest.mark.usefixtures("shipped_content")
    def test_a_deleted_certification_leaves_the_index(self, client):
        assert 'href="/certifications/coc/"' in html_of(client, "/certifications/")
        Certification.objects.get(slug="coc").delete()
        assert 'href="/certifications/coc/"' not in html_of(client, "/certifications/")
        assert client.get("/certifications/coc/").status_code == 404

    @pytest.mark.usefixtures("shipped_content")
    def test_a_renamed_certifying_body_shows_on_its_credentials(self, client):
        assert "Health Records Guild" not in html_of(client, "/certifications/")
        body = Certification.objects.get(slug="rhit").body
        body.name = "Health Records Guild"
        body.save()
        assert "Health Records Guild" in html_of(client, "/certifications/")
        assert "Health Records Guild" in html_of(client, "/certifications/rhit/")

    def test_a_new_import_refreshes_the_figures(self, client):
        occupation = OccupationFactory()
        career = CareerFactory()
        CareerOccupationFactory(career=career, occupation=occupation)
        wage = WageEstimateFactory(occupation=occupation, annual_median=50_000)
        assert "$50,000" in html_of(client, career.get_absolute_url())

        wage.annual_median = 52_340  # an import writes rows, then records its run
        wage.save()
        ImportRunFactory(dataset="oews", outcome=ImportRun.Outcome.SUCCEEDED)

        html = html_of(client, career.get_absolute_url())
        assert "$52,340" in html and "$50,000" not in html

    def test_a_figure_corrected_by_hand_shows_within_the_cache_period(self, client, monkeypatch):
        occupation = OccupationFactory()
        career = CareerFactory()
        CareerOccupationFactory(career=career, occupation=occupation)
        wage = WageEstimateFactory(occupation=occupation, annual_median=50_000)
        now = 1_800_000_000.0
        monkeypatch.setattr(page_cache.time, "time", lambda: now)
        assert "$50,000" in html_of(client, career.get_absolute_url())

        wage.annual_median = 52_340  # changed in the admin: nothing in the content version moves
        wage.save()
        assert "$50,000" in html_of(client, career.get_absolute_url())

        now += page_cache.CONTENT_CACHE_SECONDS
        assert "$52,340" in html_of(client, career.get_absolute_url())

    def test_staff_previews_are_never_cached(self, client, editor):
        draft = CareerFactory(status=Career.Status.DRAFT, short_name="Secret Draft")
        client.force_login(editor)
        assert "Preview: not published" in html_of(client, draft.get_absolute_url())
        assert "Secret Draft" not in html_of(client, "/careers/")
        client.logout()
        assert client.get(draft.get_absolute_url()).status_code == 404


class TestVersionReuse:
    """Outside tests each process reuses the content version it read for a second (CONTENT_VERSION_SECONDS)."""

    @pytest.fixture
    def clock(self, settings, monkeypatch):
        settings.CONTENT_VERSION_SECONDS = 1
        now = [1000.0]
        monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
        monkeypatch.setitem(page_cache._last_read, "version", None)
        return now

    @pytest.mark.usefixtures("shipped_content")
    def test_a_cached_page_then_reads_nothing(self, client, clock, django_assert_num_queries):
        first = html_of(client, MBC)
        with django_assert_num_queries(0):
            assert html_of(client, MBC) == first

    def test_a_change_shows_once_the_second_is_over(self, client, editor, clock):
        assert "Surgical Coder" not in html_of(client, "/careers/")
        services.publish(CareerFactory(status=Career.Status.DRAFT, short_name="Surgical Coder"), user=editor)
        clock[0] += 0.5
        assert "Surgical Coder" not in html_of(client, "/careers/")
        clock[0] += 0.5
        assert "Surgical Coder" in html_of(client, "/careers/")


class TestConditionalGet:
    @pytest.mark.parametrize("url", CONTENT_PAGES)
    @pytest.mark.usefixtures("shipped_content")
    def test_unchanged_page_answers_304(self, client, url):
        first = client.get(url)
        etag = first.headers["ETag"]
        assert etag.startswith('"') and etag.endswith('"')

        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["ETag"] == etag

    @pytest.mark.usefixtures("shipped_content")
    def test_each_page_has_its_own_etag(self, client):
        etags = {client.get(url).headers["ETag"] for url in CONTENT_PAGES}
        assert len(etags) == len(CONTENT_PAGES)

    @pytest.mark.usefixtures("shipped_content")
    def test_a_changed_guide_is_sent_again_with_a_new_etag(self, client, editor):
        etag = client.get(MBC).headers["ETag"]
        career = Career.objects.get(slug="medical-biller-and-coder")
        career.summary = "Coders turn care into codes."
        services.record_guide_edit(career, user=editor, reason="Changed summary")
        services.publish(Career.objects.get(pk=career.pk), user=editor)

        response = client.get(MBC, headers={"If-None-Match": etag})
        assert response.status_code == 200
        assert response.headers["ETag"] != etag
        assert "Coders turn care into codes" in response.content.decode()

    @pytest.mark.usefixtures("shipped_content")
    def test_an_unpublished_guide_is_404_not_304(self, client, editor):
        etag = client.get(MBC).headers["ETag"]
        services.move_to_draft(Career.objects.get(slug="medical-biller-and-coder"), user=editor)
        assert client.get(MBC, headers={"If-None-Match": etag}).status_code == 404

    def test_a_page_that_never_existed_is_404_whatever_the_validator(self, client):
        assert client.get("/careers/no-such-guide/", headers={"If-None-Match": "*"}).status_code == 404

    @pytest.mark.usefixtures("shipped_content")
    def test_staff_get_no_etag(self, client, editor):
        client.force_login(editor)
        response = client.get(MBC)
        assert response.status_code == 200
        assert "ETag" not in response.headers
        assert client.get(MBC, headers={"If-None-Match": "*"}).status_code == 200

    @pytest.mark.usefixtures("shipped_content")
    def test_the_etag_covers_the_release(self, client, monkeypatch):
        etag = client.get(MBC).headers["ETag"]
        # A deploy changes the templates or code, so a browser's copy of the old page must not be confirmed.
        monkeypatch.setattr(page_cache, "release", lambda: "next-release")
        assert client.get(MBC, headers={"If-None-Match": etag}).status_code == 200


def test_the_release_fingerprint_follows_the_templates(settings, tmp_path):
    (tmp_path / "page.html").write_text("one")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    page_cache.release.cache_clear()
    try:
        first = page_cache.release()
        (tmp_path / "page.html").write_text("two")
        page_cache.release.cache_clear()
        assert page_cache.release() != first
    finally:
        page_cache.release.cache_clear()


class TestVersionSources:
    """core names no app's model: each app registers what its pages show, and core reads it all in one query."""

    @pytest.fixture
    def sources(self, monkeypatch):
        # A copy, so what a test registers leaves the site's own sources as they were.
        registered = dict(page_cache._version_sources)
        monkeypatch.setattr(page_cache, "_version_sources", registered)
        return registered

    def test_a_registered_source_moves_the_version(self, sources):
        before = page_cache.content_version()
        Group.objects.create(name="Not on any page")
        assert page_cache.content_version() == before  # nothing registered reads groups

        page_cache.register_version_source(page_cache.row_count(Group))
        registered = page_cache.content_version()
        Group.objects.create(name="Counted now")
        assert page_cache.content_version() != registered

    def test_registering_again_changes_nothing(self, sources):
        page_cache.register_version_source(page_cache.row_count(Group))
        count = len(sources)
        page_cache.register_version_source(page_cache.row_count(Group))
        assert len(sources) == count

    def test_every_app_registers_what_its_pages_show_and_one_query_reads_it(self, django_assert_num_queries):
        tables = {source.table for source in page_cache._version_sources}
        assert {
            "careers_career",
            "certifications_historicalcertification",
            "certifications_historicalcertifyingbody",
            "certifications_historicalcareercertification",
            "certifications_historicalcertificationsource",
            "schools_historicalcareerprogram",
            "schools_historicalinstitutionoverride",
            "imports_importrun",
        } <= tables
        with django_assert_num_queries(1):
            page_cache.content_version()

    def test_a_failed_import_does_not_move_the_version(self):
        before = page_cache.content_version()
        ImportRunFactory(dataset="oews", outcome=ImportRun.Outcome.FAILED)
        assert page_cache.content_version() == before
        ImportRunFactory(dataset="oews", outcome=ImportRun.Outcome.SUCCEEDED)
        assert page_cache.content_version() != before


@pytest.fixture
def version_of_the_moment(monkeypatch):
    """The content version memoized_for_content sees, set by the test; the memory starts empty."""
    current = {"version": "v1"}
    monkeypatch.setattr(page_cache, "content_version", lambda request=None: current["version"])
    page_cache.forget_memoized()
    yield current
    page_cache.forget_memoized()


def test_memoized_values_are_built_once_per_content_version(version_of_the_moment):
    built = []

    def build():
        built.append(version_of_the_moment["version"])
        return object()

    first = page_cache.memoized_for_content("index", build=build)
    assert page_cache.memoized_for_content("index", build=build) is first
    version_of_the_moment["version"] = "v2"
    second = page_cache.memoized_for_content("index", build=build)
    assert second is not first
    assert built == ["v1", "v2"]


def test_a_new_content_version_lets_go_of_everything_kept_for_older_ones(version_of_the_moment):
    # Find a School's index is tens of megabytes: an edit must not leave the old one in every worker's memory.
    page_cache.memoized_for_content("index", build=object)
    page_cache.memoized_for_content("options", build=object)
    version_of_the_moment["version"] = "v2"
    page_cache.memoized_for_content("options", build=object)
    assert [key[0] for key in page_cache._memo] == ["options"]
    assert {key[2] for key in page_cache._memo} == {"v2"}


def test_threads_can_read_and_replace_memoized_values_at_once(version_of_the_moment, monkeypatch):
    """A threaded server (runserver, the browser tests' live server) reads and evicts from several threads."""
    import threading

    monkeypatch.setattr(page_cache, "MEMO_ENTRIES", 50)  # so that the threads evict all the time

    failures = []

    def busy(thread):
        try:
            for n in range(3000):
                page_cache.memoized_for_content("metro-pay", (thread, n % 7), build=object)
                page_cache.memoized_for_content("options", n % 300, build=object)
                if n % 500 == 0:
                    version_of_the_moment["version"] = f"v{thread}-{n}"
        except Exception as error:  # noqa: BLE001 - any error in a thread is the failure
            failures.append(error)

    threads = [threading.Thread(target=busy, args=(thread,)) for thread in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
