"""Assertions for browser tests: accessibility (axe-core), layout, keyboard focus, CSP and errors.

Each helper fails with a message that says what is wrong and where, so a red CI run can be fixed
without re-running it locally.
"""

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = ROOT / "test-artifacts"

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core's tags; WCAG 2.2 added no level A rules).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe-core as bundled by the pinned axe-playwright-python (see AXE_CORE_VERSION in the tests).
_axe = Axe()


def artifact_name(text: str) -> str:
    """A file-name-safe version of a test id or step name (without a file extension)."""
    text = text.removeprefix("tests/browser/").replace("::", "--")
    return re.sub(r"[^A-Za-z0-9_.\[\]-]+", "-", text).strip("-")[:150]


# --- axe-core ------------------------------------------------------------------------------------


def axe_results(page, context=None) -> dict:
    """Run axe-core on the page as it is now. The page's context must have bypass_csp=True."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations", "incomplete"]}
    page.wait_for_load_state("load")  # after a click, the new page's stylesheets (contrast, layout) are in
    return _axe.run(page, context=context, options=options).response


def format_axe_violations(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe-core violation(s) of {', '.join(AXE_TAGS)}:"]
    for violation in violations:
        lines.append("")
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    - at {' '.join(str(t) for t in node['target'])}")
            lines.append(f"      html: {node['html'][:300]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary_line.strip()}")
    return "\n".join(lines)


def assert_no_axe_violations(page, context=None, report_name: str | None = None):
    """Zero axe-core violations for the WCAG 2.x A and AA tags; the full report is saved on failure."""
    results = axe_results(page, context)
    violations = results["violations"]
    if violations:
        if report_name:
            ARTIFACTS_DIR.mkdir(exist_ok=True)
            report = ARTIFACTS_DIR / f"axe-{artifact_name(report_name)}.json"
            report.write_text(json.dumps({"url": page.url, **results}, indent=2))
        raise AssertionError(f"{page.url}\n{format_axe_violations(violations)}")
    return results


# --- Layout --------------------------------------------------------------------------------------

_OVERFLOW_SCRIPT = """
() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + [...el.classList].join('.') : '');
  // Elements reaching past the right edge that are not inside their own scrolling box
  // (a wide table in an overflow-x: auto wrapper is fine: the page itself does not scroll).
  const insideScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const offenders = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !insideScroller(el))
    .slice(0, 10)
    .map((el) => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
  return {scrollWidth: root.scrollWidth, clientWidth: width, offenders};
}
"""


def assert_no_horizontal_overflow(page, width: int = 375):
    """At ``width`` CSS pixels wide, the page does not scroll sideways (WCAG 1.4.10 Reflow)."""
    # After a click the DOM can be read before the stylesheets have loaded; an unstyled page rarely overflows.
    page.wait_for_load_state("load")
    viewport = page.viewport_size or {"height": 800}
    page.set_viewport_size({"width": width, "height": viewport["height"]})
    result = page.evaluate(_OVERFLOW_SCRIPT)
    assert result["scrollWidth"] <= result["clientWidth"], (
        f"{page.url} scrolls sideways at {width}px: the page is {result['scrollWidth']}px wide "
        f"in a {result['clientWidth']}px viewport. Widest elements: {result['offenders']}"
    )


# WCAG 1.4.12 Text Spacing: a reader's own style sheet may set these; nothing may be cut off or overflow.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# Added as a constructed style sheet (CSSOM), which the page's CSP allows; a <style> element would be blocked.
_ADD_SHEET_SCRIPT = """
(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return document.adoptedStyleSheets.length - 1;
}
"""
_REMOVE_SHEET_SCRIPT = (
    "(index) => { document.adoptedStyleSheets = document.adoptedStyleSheets.filter((_, i) => i !== index); }"
)
# Boxes that hide their overflow and now hide text (1px visually-hidden boxes are meant to).
_CLIPPED_SCRIPT = """
() => [...document.body.querySelectorAll('*')].filter((el) => {
  const style = getComputedStyle(el);
  const hides = (value) => value === 'hidden' || value === 'clip';
  if (!hides(style.overflowX) && !hides(style.overflowY)) return false;
  if (el.clientWidth <= 1 || el.clientHeight <= 1) return false;
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}).slice(0, 10).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + [...el.classList].join('.') : ''))
"""


def assert_text_spacing_breaks_nothing(page, width: int = 375):
    """With WCAG 1.4.12's text spacing applied, the page still does not scroll sideways and no box cuts text off."""
    index = page.evaluate(_ADD_SHEET_SCRIPT, TEXT_SPACING_CSS)
    try:
        assert_no_horizontal_overflow(page, width=width)
        clipped = page.evaluate(_CLIPPED_SCRIPT)
        assert not clipped, f"{page.url}: with wider text spacing these boxes cut text off: {clipped}"
    finally:
        page.evaluate(_REMOVE_SHEET_SCRIPT, index)


# --- Keyboard ------------------------------------------------------------------------------------

_FOCUSED_SCRIPT = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text, href: el.getAttribute('href'),
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, boxShadow: style.boxShadow,
    visible: outline || shadow,
    inViewport: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 &&
      rect.top < window.innerHeight && rect.left < window.innerWidth,
  };
}
"""


@dataclass
class FocusStop:
    tag: str
    id: str
    text: str
    href: str | None
    outline: str
    boxShadow: str  # noqa: N815 - the CSS property's name, as the browser reports it
    visible: bool
    inViewport: bool  # noqa: N815

    @property
    def key(self):
        return (self.tag, self.id, self.text, self.href)

    def __str__(self):
        target = f" href={self.href}" if self.href else ""
        return f"<{self.tag}{'#' + self.id if self.id else ''}{target}> {self.text!r}"


# Blurring is not enough: Chromium's next Tab starts from where focus was (an autofocused error summary,
# say). Focusing a throwaway element at the start of <body> moves that starting point to the top.
_START_AT_THE_TOP_SCRIPT = """
() => {
  const marker = document.createElement('span');
  marker.tabIndex = -1;
  document.body.prepend(marker);
  marker.focus({preventScroll: true});
  marker.remove();
  window.scrollTo(0, 0);
}
"""


def focused_element(page) -> FocusStop | None:
    info = page.evaluate(_FOCUSED_SCRIPT)
    return FocusStop(**info) if info else None


def tab_through(page, max_stops: int = 80) -> list[FocusStop]:
    """Press Tab from the top of the page until focus leaves the page or comes back round.

    Every stop must show a visible focus indicator (a computed outline or box-shadow) and be on
    screen (WCAG 2.4.7 Focus Visible, 2.4.11 Focus Not Obscured). Returns the stops in order, so a
    journey can also assert the order.
    """
    page.wait_for_load_state("load")
    page.evaluate(_START_AT_THE_TOP_SCRIPT)
    stops: list[FocusStop] = []
    problems = []
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        stop = focused_element(page)
        if stop is None or (stops and stop.key == stops[0].key):
            break
        stops.append(stop)
        if not stop.visible:
            problems.append(f"no visible focus indicator on {stop} (outline: {stop.outline}; box-shadow: none)")
        elif not stop.inViewport:
            problems.append(f"focused element is off screen: {stop}")
    assert stops, f"{page.url}: Tab never moved focus to anything on the page"
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
    return stops


def assert_focus_visible(page) -> FocusStop:
    """Something has keyboard focus, shows a focus indicator and is on screen; returns it."""
    page.wait_for_load_state("load")  # the site's focus style is in its stylesheet
    stop = focused_element(page)
    assert stop is not None, f"{page.url}: nothing has focus"
    assert stop.visible, f"{page.url}: no visible focus indicator on {stop} (outline: {stop.outline})"
    assert stop.inViewport, f"{page.url}: focused element is off screen: {stop}"
    return stop


def tab_until(page, matches, what: str, max_stops: int = 80, backwards: bool = False) -> FocusStop:
    """Press Tab (or Shift+Tab) until the focused element ``matches`` (a FocusStop -> bool), as a keyboard user
    would; every stop on the way must show a visible focus indicator and be on screen."""
    passed = []
    for _ in range(max_stops):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stop = assert_focus_visible(page)
        if matches(stop):
            return stop
        passed.append(str(stop))
    raise AssertionError(f"{page.url}: {max_stops} Tabs never reached {what}; passed: {passed}")


# --- Console, CSP and failed requests ------------------------------------------------------------


@dataclass
class BrowserProblems:
    """Everything the browser complained about while a page was open.

    Collects CSP violations and other console errors, uncaught script errors and failed
    sub-resources (a 404 for the page itself is the page's business: tests
    check the status they expect). The fixtures fail the test when any are left at the end.
    """

    messages: list[str] = field(default_factory=list)

    def attach(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught script error: {error}"))
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_request_failed)

    def _on_console(self, message):
        text = message.text
        if text.startswith("Failed to load resource"):
            return  # reported with its address by _on_response / _on_request_failed
        # Not warnings: Chromium warns about Permissions-Policy features it does not implement on
        # this platform (bluetooth, web-share); django-permissions-policy already rejects typos.
        if message.type == "error" or "Content Security Policy" in text:
            self.messages.append(f"console {message.type}: {text} ({message.location.get('url', '')})")

    def _on_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.messages.append(f"{response.status} for {response.request.resource_type} {response.url}")

    def _on_request_failed(self, request):
        # ERR_ABORTED: the browser cancelled the load because the page navigated away (a click
        # while an icon was still loading). Blocked loads (CSP, ...) have their own errors.
        if request.failure != "net::ERR_ABORTED":
            self.messages.append(f"request failed: {request.url} ({request.failure})")

    @property
    def csp_violations(self):
        return [m for m in self.messages if "Content Security Policy" in m]

    def __str__(self):
        return "\n".join(self.messages)


def visit(page, path: str, status: int = 200):
    """Open ``path`` on the live server (the context's base URL) and check the HTTP status."""
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    return response


# --- Several checks in one test ------------------------------------------------------------------


class Checks:
    """Run several independent checks on one page and report every failure, not just the first.

    checks = Checks(url)
    with checks("axe-core"):
        ...
    checks.raise_failures()
    """

    def __init__(self, where: str):
        self.where = where
        self.failures: list[str] = []

    @contextmanager
    def __call__(self, name: str):
        try:
            yield
        except (AssertionError, PlaywrightError) as error:
            self.failures.append(f"--- {name} failed:\n{error}")

    def raise_failures(self):
        if self.failures:
            raise AssertionError(f"{self.where}: {len(self.failures)} check(s) failed\n" + "\n".join(self.failures))


# --- Journeys ------------------------------------------------------------------------------------


class Journey:
    """Numbered steps of a user journey; a failing step saves a screenshot named after it.

    with journey.step("search by ZIP"):
        ...
    """

    def __init__(self, page, test_name: str):
        self.page = page
        self.test_name = test_name
        self.count = 0
        self.failed_step_screenshot: Path | None = None

    @contextmanager
    def step(self, description: str):
        self.count += 1
        try:
            yield self.page
        except BaseException:
            ARTIFACTS_DIR.mkdir(exist_ok=True)
            name = artifact_name(f"{self.test_name}--step-{self.count:02d}-{description}")
            path = ARTIFACTS_DIR / f"{name}.png"
            try:
                save_screenshot(self.page, path)
                self.failed_step_screenshot = path
            except Exception as error:  # noqa: BLE001 - a failed screenshot must not hide the real failure
                print(f"could not save a screenshot of step {description!r}: {error}")
            raise


def save_screenshot(page, path) -> None:
    """Save a full-page screenshot, trying again once and then the viewport alone.

    Headless Chromium sometimes answers "Unable to capture screenshot" when no frame has been
    composited yet; CI saw it once in about 1,100 tests with two workers busy. One wait for the
    next animation frame and a second try is enough for the artifact a failing test leaves.
    """
    try:
        page.screenshot(path=path, full_page=True)
        return
    except Exception:  # noqa: BLE001 - retried below; the second failure is raised
        page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => resolve()))")
        page.wait_for_timeout(200)
    try:
        page.screenshot(path=path, full_page=True)
    except Exception:  # noqa: BLE001 - the viewport alone is still worth saving
        page.screenshot(path=path)
