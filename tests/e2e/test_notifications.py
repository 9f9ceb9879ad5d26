"""The bell, as Vera sees it: Alice invites Maple Odds while Vera's desk is open, and within the
bell's 30 seconds (the browser's clock moved on) the count says so without a reload; the
notifications page shows the invitation, and marking it read empties the bell."""

from playwright.sync_api import expect

from marketplace.tenders import services as tenders

from .browser import E2E, screenshot

pytestmark = E2E


def test_the_bell_counts_a_new_notification_without_a_reload(
    open_page, published_request, alice, vera
):
    page = open_page(vera, "en-US")
    page.clock.install()
    page.goto("/vendor/")
    bell = page.locator("#notification-bell")
    expect(bell).to_have_accessible_name("Notifications, none unread")

    tenders.bid_invitation_create(
        actor=alice, outsourcing_request=published_request, vendor=vera.membership.vendor
    )
    page.clock.fast_forward("00:31")

    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    page.get_by_role("link", name="Notifications, 1 unread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    item = page.get_by_role("listitem").filter(has_text="invited Maple Odds to bid on")
    expect(item).to_contain_text("Unread")
    screenshot(page, "notifications")

    item.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("Nothing unread.")).to_be_visible()
    expect(page.locator("#notification-bell")).to_have_accessible_name("Notifications, none unread")
