"""The vendor directory in a browser: on a phone, the first vendor near the top with the filters
folded; comparing vendors side by side; the header on one line at desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.events.models import Event
from marketplace.notifications.models import Notification
from tests.factories import VendorExpertiseFactory, VendorFactory

from .browser import E2E, axe_violations, screenshot

pytestmark = E2E

PHONE = {"width": 390, "height": 844}
LOCALES = ["en-US", "es-MX", "fr-CA"]


def top(locator) -> float:
    return locator.bounding_box()["y"]


def test_on_a_phone_the_first_vendor_is_on_the_first_screen(open_page, published_request):
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto("/vendors/?sector=sports-betting&language=en")

    # 1,489 px down before the filters and the menu folded.
    first_vendor = top(page.locator(".vendor-card").first)
    print(f"first vendor card at {first_vendor} px")
    assert first_vendor < 700
    filters = page.locator("details.directory__more")
    expect(filters).not_to_have_attribute("open", "")
    expect(filters.locator("> summary")).to_have_text("Filters (2 active)")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    screenshot(page, "directory-phone")

    filters.locator("> summary").click()
    expect(page.get_by_label("Province")).to_be_visible()
    page.locator("summary", has_text="Menu").click()
    expect(page.get_by_role("link", name="Vendors", exact=True)).to_be_visible()
    screenshot(page, "directory-phone-open")


def test_on_a_wide_screen_the_filters_are_open(page, published_request):
    page.goto("/vendors/")

    expect(page.locator("details.directory__more")).to_have_attribute("open", "")
    expect(page.get_by_label("Province")).to_be_visible()


def test_vendors_ticked_in_the_directory_are_compared_side_by_side(page, published_request):
    page.goto("/vendors/?ordering=-experience")
    page.get_by_label("Compare Maple Odds").check()
    page.get_by_label("Compare Boreal Bets").check()
    page.get_by_role("button", name="Compare selected").first.click()

    expect(page).to_have_url(
        re.compile(r"/vendors/compare/\?directory=ordering%3D-experience&vendor=\d+&vendor=\d+$")
    )
    table = page.get_by_role("table", name="2 vendors side by side")
    expect(table.get_by_role("columnheader")).to_have_text(["Maple Odds", "Boreal Bets"])
    expect(table.get_by_role("rowheader", name="Expertise by sector")).to_be_visible()
    screenshot(page, "vendor-compare")

    page.set_viewport_size(PHONE)
    # Wide, the table scrolls inside its box; the page itself never does.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "vendor-compare-phone")


def test_the_directory_counts_the_ticked_vendors_and_stops_at_four(page, published_request):
    for n in range(3):
        VendorExpertiseFactory(vendor=VendorFactory(name=f"Extra {n}"))
    page.goto("/vendors/?language=en&ordering=-rating")
    boxes = page.locator(".vendor-card__compare input")
    count = page.locator("#compare-count")

    expect(count).to_have_text("0 of 4 chosen")
    for index in range(2):
        boxes.nth(index).check()
    expect(count).to_have_text("2 of 4 chosen")
    for index in range(2, 4):
        boxes.nth(index).check()
    expect(count).to_have_text(
        "4 of 4 chosen That is the most you can compare: untick one to choose another."
    )
    fifth = boxes.nth(4)
    expect(fifth).to_be_disabled()
    expect(fifth).to_have_accessible_description(re.compile("That is the most you can compare"))
    screenshot(page, "directory-four-chosen")
    assert axe_violations(page, "directory-four-chosen") == []
    boxes.nth(0).uncheck()
    expect(fifth).to_be_enabled()
    boxes.nth(0).check()

    page.get_by_role("button", name="Compare selected").first.click()
    expect(page.get_by_role("table", name="4 vendors side by side")).to_be_visible()
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/vendors/\?language=en&ordering=-rating$"))
    expect(page.get_by_label("Sort by")).to_have_value("-rating")


def test_without_javascript_a_fifth_vendor_is_refused_with_the_reason(
    browser, live_server, published_request
):
    for n in range(3):
        VendorExpertiseFactory(vendor=VendorFactory(name=f"Extra {n}"))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/vendors/?ordering=-rating")
    boxes = page.locator(".vendor-card__compare input")
    for index in range(5):
        boxes.nth(index).check()
    page.get_by_role("button", name="Compare selected").first.click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Compare at most 4 vendors at once (you chose 5)"
    )
    expect(page.get_by_role("table")).to_have_count(0)
    page.get_by_role("link", name="Back to the vendor directory").click()
    expect(page).to_have_url(re.compile(r"/vendors/\?ordering=-rating$"))
    context.close()


NAV_ITEMS = ".brand, .site-nav li, .account-menu > summary, .language-switcher"


def unread_notifications(user, count: int) -> None:
    """`count` unread notifications for `user` (a demo account had 181)."""
    for _ in range(count):
        event = Event.objects.create(kind=Event.Kind.VENDOR_APPROVED)
        Notification.objects.create(recipient=user, event=event, kind=event.kind)


@pytest.fixture
def many_unread(alice, vera):
    unread_notifications(alice, 181)
    unread_notifications(vera, 61)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("width", [1280, 1024])
def test_the_header_fits_on_one_line_at_desktop_widths(
    open_page, published_request, many_unread, alice, vera, staff, locale, width
):
    for who in (None, alice, vera, staff):
        page = open_page(who, locale)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/vendors/")

        header = page.locator(".site-header").bounding_box()
        tops = {round(top(item)) for item in page.locator(NAV_ITEMS).all()}
        brand = page.locator(".brand__name")
        # Before: 141 px for visitors, 237–245 px for members (three lines of links); with
        # 181 unread, 110 px at 1024 in Spanish and French, the brand split into "Nort/e".
        assert header["height"] < 80, (who, header)
        assert max(tops) - min(tops) <= 12, (who, sorted(tops))
        assert brand.evaluate("element => element.getClientRects().length") == 1, who
        page.close()


def test_a_large_unread_count_is_capped_on_screen_and_exact_in_the_bells_name(
    open_page, many_unread, alice
):
    page = open_page(alice, "es-MX")
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto("/")

    bell = page.get_by_role("link", name="Notificaciones, 181 sin leer")
    expect(bell).to_have_text("99+")
    screenshot(page, "header-many-unread-1024")
