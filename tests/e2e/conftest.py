"""Browser fixtures for the end-to-end tests: Debian's Chromium, driven by Playwright, against
pytest-django's live server.

Chromium is Debian's (`apt-get install chromium`, which `.ci/run` does), handed to Playwright as
`executable_path`: `playwright install` downloads browser builds from hosts this network cannot
reach. `NORTE_CHROMIUM` names the binary (default /usr/bin/chromium). Without it the tests skip on
a developer's machine and fail under CI=true, so a CI run cannot turn green by skipping them.
Screenshots go to `NORTE_TEST_ARTEFACTS` (default `test-artefacts/` in the project).
"""

import os

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

from marketplace.services.requests import request_publish
from marketplace.services.vendors import vendor_suspend
from tests.factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    sector,
    skill,
)

from .browser import artefacts_dir

# Playwright adds the headless switches itself.
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium calls home (updates, safe browsing, sync); on a closed network the
    # refused connections slow every page down.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A page that has not shown what a test waits for in this long is broken, not slow.
TIMEOUT_MS = 10_000


def chromium_path() -> str:
    return os.environ.get("NORTE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="package")
def browser(django_db_setup):
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        reason = (
            f"no Chromium at {path} (NORTE_CHROMIUM): `apt-get install chromium`, "
            "or point NORTE_CHROMIUM at a Chromium binary"
        )
        if settings.CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    # While Playwright's sync API is started, an asyncio loop counts as running on the main
    # thread (Playwright pumps its messages in a greenlet). Django then takes the thread for
    # async code: it refuses queries as unsafe, and hands out new database connections, without
    # the test database's serialised reference data that `serialized_rollback` restores. Nothing
    # async touches the database here, so allow the queries and keep the test's connections.
    # Both last only while the browser runs, not into the rest of the suite.
    test_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in test_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Tell `open_page` whether the test failed, so that it keeps its pages' last state."""
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def open_page(request, browser, live_server, csp_violations):
    """`open_page(user=None, locale="en-US")` → a page in a fresh browser context (own cookies),
    its Accept-Language from `locale`, signed in as `user` if given. Relative URLs go to the live
    server. When the test fails, each page's last state is saved as a screenshot. Whatever the
    Content-Security-Policy blocks on any of its pages is collected in `csp_violations`."""
    contexts = []

    def open_(user=None, locale="en-US"):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", lambda message: record_csp_violation(message, csp_violations))
        contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        return context.new_page()

    yield open_
    failed = getattr(request.node, "e2e_failed", False)
    for number, context in enumerate(contexts):
        for page in context.pages if failed else ():
            name = f"{request.node.name}-{number}.png".replace("/", "_")
            page.screenshot(path=artefacts_dir() / "failures" / name, full_page=True)
        context.close()


@pytest.fixture
def csp_violations():
    """What the Content-Security-Policy blocked in the test's pages. Every browser test fails
    on any: the journeys walk through the pages, their htmx swaps and their polling."""
    violations = []
    yield violations
    assert violations == [], "the Content-Security-Policy blocked:\n" + "\n".join(violations)


def record_csp_violation(message, violations: list) -> None:
    # Chromium reports each blocked script, style, image or connection on the console.
    if "Content Security Policy" in message.text:
        violations.append(f"{message.page.url if message.page else '?'}: {message.text}")


@pytest.fixture
def page(open_page):
    """An anonymous visitor's page in English."""
    return open_page()


def session_cookie(user, url: str) -> dict:
    """The cookie of a fresh session signed in as `user`: skips the login form where it is not
    what the test is about."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": url}


@pytest.fixture
def published_request(alice, vera, pablo, staff):
    """Alice's company has a published request ranked against Maple Odds (Vera's) and another
    vendor; Pablo's vendor waits for approval and one more is suspended, so the moderation queue
    has both lists."""
    vera.membership.vendor.skills.set([skill("sportsbook")])
    VendorExpertiseFactory(vendor=vera.membership.vendor, level=5, years=9)
    VendorExpertiseFactory(vendor=pablo.membership.vendor, sector=sector("igaming"), level=3)
    VendorExpertiseFactory(
        vendor=VendorFactory(name="Boreal Bets", slug="boreal-bets", speaks_es=True), level=3
    )
    vendor_suspend(
        vendor=VendorFactory(name="Tundra Labs", slug="tundra-labs"),
        actor=staff,
        reason="The business number does not match the company.",
    )
    request = OutsourcingRequestFactory(
        company=alice.membership.company, title="Casa de apuestas", speaks_en=True
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    published, _run = request_publish(request=request, actor=alice)
    return published
