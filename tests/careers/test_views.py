"""The guide pages as a visitor sees them. The Medical Biller and Coder checks run against the migrated
content (what a fresh site shows); the rest build what they need with factories."""

import datetime
import re

import pytest
from django.urls import reverse

from careers.models import Career
from reference_data.models import WageEstimate
from tests.factories import (
    CareerCertificationFactory,
    CareerFactory,
    CareerOccupationFactory,
    CareerStepFactory,
    EmploymentProjectionFactory,
    IndustryWageFactory,
    OccupationFactory,
    OccupationTaskFactory,
    RelatedCareerFactory,
    SourceFactory,
    SpecializationFactory,
    WageEstimateFactory,
)
from tests.html import tags, without_nonce

from .conftest import MBC

pytestmark = pytest.mark.django_db

# One query for the guide, six prefetches for its sections, and the primary occupation's profile
# (careers/profile_selectors.py): alternate titles, O*NET tasks, wages (national and state in one), metro and
# nonmetro wages, the projections (with the all-occupations row), crosswalk programs, related occupations and the
# industries. The pay map needs none of its own.
CAREER_PAGE_QUERIES = 15
# Public pages are cached (core/page_cache.py): every public request first reads the content version (one query);
# a page not yet cached then runs the queries above, a cached one nothing more. Staff pages are never cached.
CONTENT_VERSION_QUERIES = 1


def text_of(html):
    """The page's visible text, with tags removed and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").replace("&amp;", "&")


def section(html, section_id):
    match = re.search(rf'<section id="{section_id}".*?</section>', html, flags=re.S)
    assert match, f"no section #{section_id}"
    return match.group(0)


@pytest.fixture
def mbc_html(client):
    response = client.get(MBC)
    assert response.status_code == 200
    return response.content.decode()


class TestMedicalBillerAndCoderGuide:
    @pytest.mark.usefixtures("shipped_content")
    def test_breadcrumbs_and_one_heading(self, mbc_html):
        trail = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">.*?</nav>', mbc_html, flags=re.S).group(0)
        items = [text_of(item).strip() for item in re.findall(r"<li>(.*?)</li>", trail, flags=re.S)]
        assert items == ["Home", "Healthcare Careers Guide", "Medical Biller and Coder"]
        assert 'href="/"' in trail and 'href="/careers/"' in trail
        assert '<span aria-current="page">Medical Biller and Coder</span>' in trail
        assert len(tags(mbc_html, "h1")) == 1
        assert "<h1>Medical Biller and Coder Careers</h1>" in mbc_html

    @pytest.mark.usefixtures("shipped_content")
    def test_every_section_is_an_h2(self, mbc_html):
        headings = re.findall(r"<h2[^>]*>(.*?)</h2>", mbc_html)
        for expected in (
            "What they do",
            "Where they work",
            "How to get started",
            "Certifications after your training",
            "Specializations",
            "Pay",
            "Job outlook",
            "Related careers",
            "Sources and associations",
            "Find a school",
        ):
            assert expected in headings

    @pytest.mark.usefixtures("shipped_content")
    def test_at_least_six_steps_in_an_ordered_list(self, mbc_html):
        steps = re.search(r'<ol class="steps">(.*?)</ol>', section(mbc_html, "how-to-start"), flags=re.S).group(1)
        assert len(re.findall(r"<li>", steps)) >= 6

    @pytest.mark.usefixtures("shipped_content")
    def test_certifications_link_to_their_pages(self, mbc_html):
        certifications = section(mbc_html, "certifications")
        for slug in ("rhit", "cca", "ccs", "ccs-p"):
            assert f'href="/certifications/{slug}/"' in certifications
        assert "renewed" in text_of(certifications)

    @pytest.mark.usefixtures("shipped_content")
    def test_cancer_registry_specialization_names_the_ctr(self, mbc_html):
        specializations = section(mbc_html, "specializations")
        assert "Cancer registry" in specializations
        assert 'href="/certifications/ctr/"' in specializations
        assert "Certified Tumor Registrar" in specializations
        assert 'href="/careers/cancer-registrar/"' in specializations

    @pytest.mark.usefixtures("shipped_content")
    def test_pay_shows_may_2025_figures_with_their_source(self, mbc_html):
        pay = text_of(section(mbc_html, "pay"))
        for figure in ("$51,140", "$37,000", "$81,150", "$24.59", "194,720"):
            assert figure in pay
        assert "BLS OEWS, May 2025" in pay
        assert 'href="https://www.bls.gov/oes/2025/may/oes292072.htm"' in section(mbc_html, "pay")
        assert "2012" not in pay and "$34,160" not in mbc_html

    @pytest.mark.usefixtures("shipped_content")
    def test_wage_chart_is_inline_svg_with_the_numbers_as_text(self, mbc_html):
        pay = section(mbc_html, "pay")
        svg = re.search(r"<svg\b.*?</svg>", pay, flags=re.S).group(0)
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
        assert len(tags(svg, "rect")) == 5
        # The percentiles in order, as text in the chart and again in a table.
        for label, value in (("10th", "$37,000"), ("25th", "$43,490"), ("Median", "$51,140"), ("90th", "$81,150")):
            assert label in svg and value in svg
        assert "$64,820" in text_of(re.search(r"<table.*?</table>", pay, flags=re.S).group(0))
        # Bars grow with the wage.
        widths = [int(attrs["width"]) for _, attrs in tags(svg, "rect")]
        assert widths == sorted(widths) and widths[0] < widths[-1]

    @pytest.mark.usefixtures("shipped_content")
    def test_outlook_compares_with_all_occupations(self, mbc_html):
        outlook = text_of(section(mbc_html, "outlook"))
        assert "7.1%" in outlook
        assert "2024 to 2034" in outlook and "2024-34" in outlook
        assert "3.1%" in outlook and "all occupations" in outlook
        assert "14,200" in outlook  # openings a year
        assert "BLS Employment Projections" in outlook

    @pytest.mark.usefixtures("shipped_content")
    def test_related_careers_link_to_our_guides(self, mbc_html):
        related = section(mbc_html, "related-careers")
        assert 'href="/careers/medical-transcriptionist/"' in related
        assert 'href="/careers/medical-assistant/"' in related

    @pytest.mark.usefixtures("shipped_content")
    def test_sources_and_associations_are_links(self, mbc_html):
        sources = section(mbc_html, "sources")
        for url in (
            "https://www.aapc.com/",
            "https://www.ahima.org/",
            "https://www.who.int/standards/classifications/classification-of-diseases",
            "https://www.bls.gov/oes/current/oes292072.htm",
            "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm",
            "https://www.ncra-usa.org/",
        ):
            assert f'href="{url}"' in sources

    @pytest.mark.usefixtures("shipped_content")
    def test_find_a_school_link(self, mbc_html):
        assert 'href="/schools/?career=medical-biller-and-coder"' in section(mbc_html, "find-a-school")

    @pytest.mark.usefixtures("shipped_content")
    def test_no_inline_script_or_style(self, mbc_html):
        assert "style=" not in mbc_html
        assert "<style" not in mbc_html
        # The only inline scripts are JSON-LD data blocks, which browsers never run (templates/includes/json_ld.html).
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", mbc_html)
        assert inline and all('type="application/ld+json"' in tag for tag in inline)
        assert not re.search(r"\son[a-z]+=", mbc_html)


@pytest.mark.parametrize(
    "slug", ["medical-transcriptionist", "medical-assistant", "cancer-registrar", "health-information-technician"]
)
@pytest.mark.usefixtures("shipped_content")
def test_every_shipped_guide_renders_with_figures(client, slug):
    html = client.get(f"/careers/{slug}/").content.decode()
    assert len(tags(html, "h1")) == 1
    assert "BLS OEWS, May 2025" in html
    assert "2024-34" in html
    assert f'href="/schools/?career={slug}"' in html


@pytest.mark.usefixtures("shipped_content")
def test_a_shrinking_occupation_says_so(client):
    outlook = text_of(section(client.get("/careers/medical-transcriptionist/").content.decode(), "outlook"))
    assert "to shrink 4.9% from 2024 to 2034" in outlook


def test_unknown_guide_is_404(client):
    assert client.get("/careers/no-such-career/").status_code == 404


@pytest.mark.parametrize("status", [Career.Status.DRAFT, Career.Status.IN_REVIEW])
def test_unpublished_guide_is_404_to_the_public(client, status):
    career = CareerFactory(status=status)
    assert client.get(career.get_absolute_url()).status_code == 404


def test_a_logged_in_non_staff_user_cannot_preview(client, django_user_model):
    career = CareerFactory(status=Career.Status.DRAFT)
    client.force_login(django_user_model.objects.create_user(username="reader", password="a-long-test-password"))
    assert client.get(career.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_a_banner(staff_client):
    career = CareerFactory(status=Career.Status.DRAFT, title="Phlebotomist Careers")
    response = staff_client.get(career.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: not published" in html
    assert "<h1>Phlebotomist Careers</h1>" in html


def test_staff_see_published_guides_without_a_banner(staff_client):
    assert "Preview: not published" not in staff_client.get(MBC).content.decode()


def test_related_and_specialization_links_only_to_guides_the_reader_can_see(client, django_user_model):
    career = CareerFactory()
    hidden = CareerFactory(status=Career.Status.DRAFT, slug="hidden-guide")
    RelatedCareerFactory(career=career, title="Hidden career", target=hidden)
    SpecializationFactory(career=career, name="Hidden specialty", related_career=hidden)
    public_html = client.get(career.get_absolute_url()).content.decode()
    assert "Hidden career" in public_html and "Hidden specialty" in public_html
    assert 'href="/careers/hidden-guide/"' not in public_html

    client.force_login(django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True))
    assert 'href="/careers/hidden-guide/"' in client.get(career.get_absolute_url()).content.decode()


def _guide_with_figures(**wage):
    occupation = OccupationFactory()
    career = CareerFactory()
    CareerOccupationFactory(career=career, occupation=occupation)
    WageEstimateFactory(occupation=occupation, **wage)
    EmploymentProjectionFactory(occupation=occupation)
    return career, occupation


def test_figures_come_from_the_newest_period(client):
    career, occupation = _guide_with_figures(annual_median=50_000)
    WageEstimateFactory(occupation=occupation, period=datetime.date(2026, 5, 1), annual_median=53_210)
    EmploymentProjectionFactory(occupation=occupation, base_year=2025, target_year=2035, change_percent="6.4")
    pay = text_of(section(client.get(career.get_absolute_url()).content.decode(), "pay"))
    assert "$53,210" in pay and "BLS OEWS, May 2026" in pay
    assert "$50,000" not in pay
    outlook = text_of(section(client.get(career.get_absolute_url()).content.decode(), "outlook"))
    assert "6.4%" in outlook and "2025 to 2035" in outlook


def test_pay_by_state_table_uses_the_newest_state_period(client):
    career, occupation = _guide_with_figures()
    state = {"occupation": occupation, "area_type": WageEstimate.AreaType.STATE}
    WageEstimateFactory(**state, area_code="01", area_name="Alabama", state="AL", annual_median=43_810)
    WageEstimateFactory(**state, area_code="02", area_name="Alaska", state="AK", annual_median=None, employment=None)
    WageEstimateFactory(
        **state, area_code="01", area_name="Alabama", state="AL", period=datetime.date(2024, 5, 1), annual_median=1
    )
    html = client.get(career.get_absolute_url()).content.decode()
    table = re.search(r'<table class="state-wages[^"]*">.*?</table>', html, flags=re.S).group(0)
    rows = re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], flags=re.S)
    assert [text_of(row).split()[0] for row in rows] == ["Alabama", "Alaska"]
    assert "$43,810" in table and "not available" in table
    assert "$1<" not in table
    assert "BLS OEWS May 2025" in text_of(table)


def test_no_state_table_without_state_figures(client):
    career, _ = _guide_with_figures()
    assert "Pay by state" not in client.get(career.get_absolute_url()).content.decode()


def test_top_coded_wages_say_or_more(client):
    career, _ = _guide_with_figures(annual_p90=239_200, top_coded=["annual_p90"])
    assert "$239,200 or more" in client.get(career.get_absolute_url()).content.decode()


def test_a_guide_without_figures_says_so(client):
    career = CareerFactory()
    html = client.get(career.get_absolute_url()).content.decode()
    assert "We do not have national pay figures" in html
    assert "We do not have employment projections" in html
    assert "<svg" not in html


def test_onet_description_and_tasks_carry_the_attribution(client):
    career, occupation = _guide_with_figures()
    occupation.description = "Compile and maintain made-up records."
    occupation.description_source = (
        "O*NET 27.0 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0"
    )
    occupation.save()
    OccupationTaskFactory(occupation=occupation, text="Review made-up records for completeness.")
    OccupationTaskFactory(occupation=occupation, text="A supplemental task.", is_core=False)
    what = text_of(section(client.get(career.get_absolute_url()).content.decode(), "what-they-do"))
    assert "Compile and maintain made-up records." in what
    assert "Review made-up records for completeness." in what
    assert "A supplemental task." not in what
    assert "O*NET 27.0 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0" in what


def test_no_onet_attribution_without_onet_text(client):
    career, _ = _guide_with_figures()
    assert "O*NET" not in section(client.get(career.get_absolute_url()).content.decode(), "what-they-do")


def test_imported_text_is_escaped(client):
    career, occupation = _guide_with_figures()
    occupation.description = '<script>alert("x")</script>'
    occupation.save()
    html = client.get(career.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


class TestQueryCounts:
    @pytest.mark.usefixtures("shipped_content")
    def test_the_shipped_guide_page_runs_a_fixed_number_of_queries(self, client, django_assert_num_queries):
        with django_assert_num_queries(CONTENT_VERSION_QUERIES + CAREER_PAGE_QUERIES):
            assert client.get(MBC).status_code == 200

    @pytest.mark.usefixtures("shipped_content")
    def test_a_cached_guide_page_reads_only_the_content_version(self, client, django_assert_num_queries):
        first = client.get(MBC).content
        with django_assert_num_queries(CONTENT_VERSION_QUERIES):
            assert without_nonce(client.get(MBC).content) == without_nonce(first)

    @pytest.mark.usefixtures("shipped_content")
    def test_queries_do_not_grow_with_content(self, client, django_assert_num_queries):
        career = Career.objects.get(slug="medical-biller-and-coder")
        occupation = career.career_occupations.get(is_primary=True).occupation
        for order in range(20):
            CareerStepFactory(career=career, order=100 + order)
            SourceFactory(career=career)
            RelatedCareerFactory(career=career, target=Career.objects.get(slug="cancer-registrar"))
            SpecializationFactory(career=career, related_career=career)
            CareerCertificationFactory(career=career)
            OccupationTaskFactory(occupation=occupation)
        for code in range(1, 57):
            WageEstimateFactory(
                occupation=occupation, area_type="state", area_code=f"{code:02d}", area_name=f"State {code:02d}"
            )
            IndustryWageFactory(occupation=occupation)
        with django_assert_num_queries(CONTENT_VERSION_QUERIES + CAREER_PAGE_QUERIES):
            html = client.get(MBC).content.decode()
        state_table = re.search(r'<table class="state-wages[^"]*">.*?</table>', html, flags=re.S).group(0)
        assert state_table.count('<th scope="row">State ') == 56
        assert html.count('class="pay-map__state ') == 51
        assert len(re.findall(r"<tr><th scope=\"row\">Made-up industry", html)) == 10

    @pytest.mark.usefixtures("shipped_content")
    def test_staff_preview_adds_only_the_session_and_user(self, staff_client, django_assert_num_queries):
        with django_assert_num_queries(CAREER_PAGE_QUERIES + 2):
            assert staff_client.get(MBC).status_code == 200


class TestGuideIndex:
    """The index lists every healthcare occupation; tests/careers/test_occupation_index.py has its filters."""

    @pytest.mark.usefixtures("shipped_content")
    def test_lists_every_published_guide_with_median_and_growth(self, client):
        html = client.get(reverse("careers:index")).content.decode()
        assert len(tags(html, "h1")) == 1
        for slug in (
            "medical-biller-and-coder", "medical-transcriptionist", "medical-assistant", "cancer-registrar",
            "health-information-technician",
        ):  # fmt: skip
            assert f'href="/careers/{slug}/"' in html
        card = re.search(r'<li class="card">(?:(?!</li>\s*<li).)*?medical-biller-and-coder.*?</li>', html, flags=re.S)
        card_text = text_of(card.group(0))
        assert "$51,140 a year" in card_text
        assert "+7.1%, 2024-34" in card_text
        assert "BLS OEWS national estimates, May 2025" in text_of(html)
        assert "-4.9%" in html  # transcriptionists, shrinking

    def test_a_guide_without_an_occupation_page_is_listed_under_more_guides(self, client):
        guide = CareerFactory(short_name="Made-up Guide Without Figures")
        html = client.get(reverse("careers:index")).content.decode()
        more = html.split('id="other-guides-heading"', 1)[1]
        assert f'<a href="{guide.get_absolute_url()}">Made-up Guide Without Figures</a>' in more

    def test_drafts_are_not_listed(self, client):
        draft = CareerFactory(status=Career.Status.DRAFT, short_name="Secret Draft")
        occupation = OccupationFactory(soc_code="29-9801")
        CareerOccupationFactory(career=draft, occupation=occupation)
        WageEstimateFactory(occupation=occupation)
        html = client.get(reverse("careers:index")).content.decode()
        assert draft.get_absolute_url() not in html and "Secret Draft" not in html
        assert occupation.get_absolute_url() in html  # the occupation is listed, as a data profile


def test_the_pay_map_shades_states_by_median_and_hatches_a_state_without_one(client):
    career, occupation = _guide_with_figures()
    state = {"occupation": occupation, "area_type": WageEstimate.AreaType.STATE}
    WageEstimateFactory(**state, area_code="01", area_name="Alabama", state="AL", annual_median=43_810)
    WageEstimateFactory(**state, area_code="02", area_name="Alaska", state="AK", annual_median=61_090)
    WageEstimateFactory(**state, area_code="06", area_name="California", state="CA", annual_median=61_090)
    WageEstimateFactory(**state, area_code="50", area_name="Vermont", state="VT", annual_median=None)
    WageEstimateFactory(**state, area_code="72", area_name="Puerto Rico", state="PR", annual_median=27_990)
    html = client.get(career.get_absolute_url()).content.decode()
    pay = section(html, "pay")
    shapes = re.findall(r'<path class="pay-map__state ([\w-]+)" d="[^"]+"><title>([^<]+)</title>', pay)
    classes = {title.split(":")[0]: css for css, title in shapes}
    assert len(classes) == 51
    assert classes["Alaska"] == classes["California"] != classes["Alabama"]
    assert classes["Vermont"] == "pay-map__none"
    assert "<title>Vermont: not published by BLS</title>" in pay
    assert "<title>Alabama: $43,810</title>" in pay
    table = text_of(re.search(r'<table class="pay-map__table">.*?</table>', pay, flags=re.S).group(0))
    assert "Vermont not published by BLS no figure (hatched)" in table
    assert "Puerto Rico $27,990 not on the map" in table
    assert 'id="pay-map"' in pay and 'style="' not in pay


def test_the_industries_that_employ_them_largest_first_with_suppressed_figures_in_words(client):
    career, occupation = _guide_with_figures()
    IndustryWageFactory(occupation=occupation, naics="622000", naics_title="Hospitals", employment=55_530,
                        annual_median=59_120)  # fmt: skip
    IndustryWageFactory(occupation=occupation, naics="621000", naics_title="Ambulatory Health Care Services",
                        employment=55_630, annual_median=47_730)  # fmt: skip
    IndustryWageFactory(occupation=occupation, naics="623000", naics_title="Nursing Care", employment=None)
    IndustryWageFactory(occupation=occupation, naics="624000", naics_title="Social Assistance", annual_median=None)
    IndustryWageFactory(occupation=occupation, naics="622100", naics_title="General Hospitals", level="4-digit")
    IndustryWageFactory(
        occupation=occupation, naics="622000", naics_title="Older Hospitals", period=datetime.date(2024, 5, 1)
    )
    where = text_of(section(client.get(career.get_absolute_url()).content.decode(), "where-they-work"))
    assert "Industries that employ them" in where
    assert (
        "Ambulatory Health Care Services 55,630 $47,730 Hospitals 55,530 $59,120 Social Assistance 1,000 not "
        "published by BLS Nursing Care not published by BLS $50,000" in where
    )
    assert "General Hospitals" not in where and "Older Hospitals" not in where
    assert "BLS OEWS, May 2025 , national industry-specific estimates" in where


def test_a_guide_without_industry_figures_says_so(client):
    career, _ = _guide_with_figures()
    where = text_of(section(client.get(career.get_absolute_url()).content.decode(), "where-they-work"))
    assert "We do not have figures by industry for this occupation yet." in where
