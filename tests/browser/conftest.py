"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Run them alone with ``scripts/test -m browser``; they also run in the whole suite and in CI. A
failing test leaves a full-page screenshot (and the page's HTML) in test-artifacts/.

The database, and why every browser test uses ``live_site``
-----------------------------------------------------------
``live_server`` runs the site in a thread of this process, with its own database connection (on
SQLite's in-memory test database the connection is shared). It can only see committed rows, so
pytest-django makes every test that uses it *transactional* (``transactional_db``): data made by
the test with factories is committed and visible to the server, and the test ends by flushing
every table. That flush also deletes the rows the data migrations installed (content types,
permissions, the staff groups), for this test and for every later test.

``live_site`` therefore also requests ``django_db_serialized_rollback``. With it, pytest-django
serializes the test database once, right after migrating (only when some selected test asks for
it), and reloads that snapshot at the start of each of these tests. So every browser test starts
from exactly what ``migrate`` produces (plus the ``site_data`` it asks for, which loads the shipped
guides with sync_content), whatever ran before. The price is a reload per test, which is small: the
migrations install only content types, permissions and groups. Do not
use ``transactional_db`` with a plain ``db`` fixture instead: data made inside a transaction the
server cannot see does not appear in the browser.

pytest-django runs transactional tests after the ordinary ones, so the ordinary tests never see
the flushed tables. Any other transactional test that needs the migrated rows (groups, permissions)
must request ``django_db_serialized_rollback`` too: a browser test leaves every table empty.

Playwright's sync API runs an asyncio event loop in the main thread, which matters twice:

- Django refuses ORM calls (factories, the flush) from a thread with a running loop. The
  ``browser`` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE while Playwright is running: that is safe
  here because the test code and the loop never run at the same time (Playwright's sync API
  blocks until each call is done).
- Django's connection handler keeps *separate* connections for a thread with a running loop (its
  storage is a context variable there, a thread-local otherwise). Those fresh connection objects
  lack the serialized snapshot, so serialized rollback silently restored nothing, and they are
  second connections to the test database. The ``browser`` fixture therefore puts this thread's
  own connection objects into that storage once Playwright has started, so the test, pytest-django
  and (on SQLite) the live server all use one connection per database.

The fixture is package-scoped, so Playwright stops (and the variable goes) whenever the run leaves
tests/browser, and no other test runs with the loop or the variable around. (pytest-django
reorders tests, so the package may be entered twice; Chromium then starts twice, in under a second.)
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from tests.browser.helpers import ARTIFACTS_DIR, BrowserProblems, Journey, artifact_name, save_screenshot

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a loaded two-core machine; tests wait on conditions, never on the clock.
ACTION_TIMEOUT_MS = 15_000
NAVIGATION_TIMEOUT_MS = 30_000
DESKTOP = {"width": 1280, "height": 800}

_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item, so fixtures can tell whether the test failed.
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _test_failed(request) -> bool:
    reports = request.node.stash.get(_REPORTS, {})
    return any(report.failed for report in reports.values())


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the browser tests only (package scope: see the module docstring)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package when run as root")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see the module docstring
    # Django keeps a separate set of connections for a thread with a running event loop; keep
    # using this thread's own (see the module docstring).
    thread_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, connection in thread_connections.items():
        connections[alias] = connection
    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback):
    """The live server's address, with migration data restored (see the module docstring)."""
    return live_server.url


@pytest.fixture
def new_page(request, browser, live_site):
    """Open a page in a fresh browser context: ``new_page()`` or ``new_page(bypass_csp=True)``.

    Relative addresses go to the live server. When the test fails, every page it opened is saved
    to test-artifacts/ as a screenshot and HTML. When it passes, any CSP violation, console error,
    uncaught script error or failed sub-resource on a CSP-enforcing page fails it at teardown.
    """
    opened = []

    def open_page(*, bypass_csp=False, viewport=DESKTOP, **context_options):
        context = browser.new_context(
            base_url=live_site, viewport=viewport, bypass_csp=bypass_csp, locale="en-US", **context_options
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        page = context.new_page()
        problems = BrowserProblems()
        problems.attach(page)
        opened.append((context, page, problems, bypass_csp))
        return page

    yield open_page

    failed = _test_failed(request)
    leftover = []
    for number, (context, page, problems, bypass_csp) in enumerate(opened, start=1):
        complained = bool(problems.messages) and not bypass_csp
        if complained and not failed:
            leftover.append(f"{page.url}:\n{problems}")
        if failed or complained:
            _save_artifacts(page, f"{request.node.nodeid}-page{number}", problems)
        context.close()
    if leftover:
        pytest.fail("the browser reported problems:\n" + "\n".join(leftover), pytrace=False)


def _save_artifacts(page, name, problems):
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    base = str(ARTIFACTS_DIR / artifact_name(name))  # names contain dots: no with_suffix()
    try:
        save_screenshot(page, f"{base}.png")
        Path(f"{base}.html").write_text(page.content())
        if problems.messages:
            Path(f"{base}.log").write_text(str(problems))
    except Exception as error:  # noqa: BLE001 - never hide the test's own failure
        print(f"could not save browser artifacts for {name}: {error}")


@pytest.fixture
def page(new_page):
    """A desktop-sized page that enforces the site's CSP like a visitor's browser does."""
    return new_page()


@pytest.fixture
def axe_page(new_page):
    """A page whose context bypasses CSP, so axe-core can be injected into it."""
    return new_page(bypass_csp=True)


@pytest.fixture
def journey(page, request):
    """Numbered steps, each saving its own screenshot when it fails: ``with journey.step("..."):``."""
    return Journey(page, request.node.nodeid)


def _guide_with_pay_map_and_industries():
    """A guide whose occupation has a median in every state but Vermont (hatched on the map), Puerto Rico off the
    map, and industries with figures BLS did not publish: the pay map and the industries table at their fullest."""
    from careers.pay_map import state_shapes
    from reference_data.models import WageEstimate
    from tests.factories import (
        CareerFactory,
        CareerOccupationFactory,
        IndustryWageFactory,
        OccupationFactory,
        WageEstimateFactory,
    )

    career = CareerFactory(short_name="Browser Map Career", slug="browser-map-career")
    occupation = OccupationFactory(soc_code="29-9998", title="Made-up Map Specialists")
    CareerOccupationFactory(career=career, occupation=occupation)
    WageEstimateFactory(occupation=occupation)
    state = {"occupation": occupation, "area_type": WageEstimate.AreaType.STATE}
    for number, (fips, shape) in enumerate(state_shapes()["states"].items()):
        median = None if shape["postal"] == "VT" else 40_000 + 500 * number
        WageEstimateFactory(**state, area_code=fips, area_name=shape["name"], state=shape["postal"],
                            annual_median=median)  # fmt: skip
    WageEstimateFactory(**state, area_code="72", area_name="Puerto Rico", state="PR", annual_median=28_000)
    for number in range(12):
        IndustryWageFactory(occupation=occupation, employment=None if number == 3 else 1000 * (number + 1),
                            annual_median=None if number == 5 else 45_000 + 1000 * number)  # fmt: skip
    return career


@pytest.fixture
def site_data(live_site, shipped_content):
    """A small, fixed set of records for pages that need data (see tests/browser/pages.py), beside the shipped
    guides and certifications (content/, loaded by sync_content as on a new site).

    Add what a new page needs here; paths in pages.py refer to these by attribute, e.g.
    "/schools/{world.nearest.unitid}-{world.nearest.slug}/".
    """
    from tests.factories import CareerFactory, CertificationFactory, InstitutionFactory
    from tests.occupation_world import make_occupation
    from tests.school_world import build_school_world

    return SimpleNamespace(
        career=CareerFactory(short_name="Browser Test Career", slug="browser-test-career"),
        mapped_career=_guide_with_pay_map_and_industries(),
        certification=CertificationFactory(acronym="BTC", slug="btc", name="Browser Test Certificate"),
        school=InstitutionFactory(unitid="990001", name="Browser Test College", slug="browser-test-college"),
        # Schools around ZIP 35801 for the Find a School pages and journeys (tests/school_world.py).
        world=build_school_world(),
        # A healthcare occupation without a guide: its data profile page.
        occupation=make_occupation("29-9801", states=3, metros=3, programs=2, related=2),
    )
