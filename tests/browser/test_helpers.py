"""The browser-test helpers catch what they claim to catch (a check that cannot fail is no check)."""

import pytest

from tests.browser.helpers import (
    AXE_TAGS,
    BrowserProblems,
    Checks,
    Journey,
    assert_no_axe_violations,
    assert_no_horizontal_overflow,
    assert_text_spacing_breaks_nothing,
    axe_results,
    save_screenshot,
    tab_through,
)

pytestmark = pytest.mark.browser

# The axe-core bundled by the pinned axe-playwright-python; a bump is a deliberate change.
AXE_CORE_VERSION = "4.12.1"

GOOD_PAGE = """<!doctype html><html lang="en"><head><title>Fine</title></head><body>
<header><a href="#main">Skip</a></header><main id="main"><h1>Fine</h1><p>Text.</p>
<button type="button">Go</button></main></body></html>"""


@pytest.fixture
def blank(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_bundled_axe_core_version(blank):
    blank.set_content(GOOD_PAGE)
    axe_results(blank)
    assert blank.evaluate("() => axe.version") == AXE_CORE_VERSION


def test_axe_reports_violations_with_rule_and_element(blank):
    blank.set_content(
        '<!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>'
        '<img src="/nothing.png"><p style="color:#aaa;background:#fff">faint text</p>'
        '<label>Unlabelled<input id="a"></label><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(blank)
    message = str(failure.value)
    assert "image-alt" in message
    assert "color-contrast" in message
    assert '<img src="/nothing.png">' in message


def test_axe_passes_a_clean_page_and_uses_only_wcag_a_and_aa_tags(blank):
    blank.set_content(GOOD_PAGE)
    assert assert_no_axe_violations(blank)["violations"] == []
    assert AXE_TAGS == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_overflow_check_finds_the_element_that_is_too_wide(blank):
    blank.set_content('<body><div class="wide-thing">x</div><div class="scroll-box"></div></body>')
    blank.add_style_tag(content=".wide-thing { width: 600px; }")
    with pytest.raises(AssertionError, match=r"scrolls sideways at 375px.*div\.wide-thing"):
        assert_no_horizontal_overflow(blank, width=375)


def test_overflow_check_allows_a_wide_table_in_its_own_scroll_box(blank):
    blank.set_content('<body><div class="scroll-box"><table class="wide"><tr><td>x</td></tr></table></div></body>')
    blank.add_style_tag(content=".scroll-box { overflow-x: auto; } .wide { width: 900px; }")
    assert_no_horizontal_overflow(blank, width=375)


def test_text_spacing_check_finds_a_box_that_cuts_text_off(blank):
    blank.set_content('<body><p class="tight">A line of text that fits until the letters spread out.</p></body>')
    blank.add_style_tag(content=".tight { width: 300px; height: 1.6em; overflow: hidden; }")
    assert_no_horizontal_overflow(blank, width=375)  # fine as it is
    with pytest.raises(AssertionError, match=r"cut text off: \['p.tight'\]"):
        assert_text_spacing_breaks_nothing(blank)
    # The reader's spacing is taken away again afterwards.
    assert blank.evaluate("() => document.adoptedStyleSheets.length") == 0


def test_focus_walk_flags_a_control_without_a_focus_indicator(blank):
    blank.set_content(GOOD_PAGE.replace('<button type="button">', '<button type="button" class="bare">'))
    blank.add_style_tag(content=".bare:focus, .bare:focus-visible { outline: none; box-shadow: none; }")
    with pytest.raises(AssertionError, match=r"no visible focus indicator on <button> 'Go'"):
        tab_through(blank)


def test_focus_walk_returns_every_stop_in_order(blank):
    blank.set_content(GOOD_PAGE)
    stops = tab_through(blank)
    assert [(stop.tag, stop.text) for stop in stops] == [("a", "Skip"), ("button", "Go")]


def test_focus_walk_starts_at_the_top_even_when_something_else_has_focus(blank):
    # An autofocused error summary further down must not make the walk skip the skip link.
    blank.set_content(
        GOOD_PAGE.replace("<p>Text.</p>", '<div tabindex="-1" id="summary"><a href="#x">Fix this</a></div>')
    )
    blank.focus("#summary")
    stops = tab_through(blank)
    assert [stop.text for stop in stops] == ["Skip", "Fix this", "Go"]


def test_checks_report_every_failure_not_just_the_first():
    checks = Checks("/some/page/")
    with checks("axe-core"):
        raise AssertionError("2 violations")
    with checks("one <h1>"):
        pass
    with checks("reflow"):
        raise AssertionError("481px wide")
    with pytest.raises(AssertionError) as failure:
        checks.raise_failures()
    message = str(failure.value)
    assert message.startswith("/some/page/: 2 check(s) failed")
    assert "--- axe-core failed:\n2 violations" in message
    assert "--- reflow failed:\n481px wide" in message
    assert "<h1>" not in message
    Checks("/fine/").raise_failures()  # nothing failed: no error


def test_problem_collector_catches_csp_violations_and_script_errors(browser):
    context = browser.new_context()
    page = context.new_page()
    problems = BrowserProblems()
    problems.attach(page)
    page.route(
        "http://selftest.invalid/",
        lambda route: route.fulfill(
            body='<h1 style="color:red">x</h1><script>undefinedFunction()</script><img src="/missing.png">',
            headers={"Content-Type": "text/html", "Content-Security-Policy": "default-src 'none'"},
        ),
    )
    page.goto("http://selftest.invalid/")
    context.close()
    assert any("script-src" in message or "inline script" in message for message in problems.csp_violations)
    assert any("inline style" in message for message in problems.csp_violations)
    assert any("missing.png" in message for message in problems.messages)


def test_failing_journey_step_saves_a_screenshot(blank, request):
    journey = Journey(blank, request.node.nodeid)
    blank.set_content(GOOD_PAGE)
    with journey.step("open the page"):
        pass
    with pytest.raises(AssertionError), journey.step("find something that is not there"):
        raise AssertionError("not found")
    path = journey.failed_step_screenshot
    assert path is not None and path.name.endswith("--step-02-find-something-that-is-not-there.png")
    assert path.stat().st_size > 1000
    path.unlink()


def test_a_screenshot_that_fails_once_is_taken_again(blank, tmp_path):
    """Chromium's occasional "Unable to capture screenshot" must not cost a failing test its artifact."""

    class FailsOnce:
        def __init__(self, page):
            self.page, self.failed = page, False

        def screenshot(self, **options):
            if not self.failed:
                self.failed = True
                raise RuntimeError("Protocol error (Page.captureScreenshot): Unable to capture screenshot")
            return self.page.screenshot(**options)

        def __getattr__(self, name):
            return getattr(self.page, name)

    blank.set_content(GOOD_PAGE)
    path = tmp_path / "shot.png"
    save_screenshot(FailsOnce(blank), path)
    assert path.stat().st_size > 1000
