"""The Content-Security-Policy (no inline script or style, nothing from elsewhere) leaves the
pages the journeys do not walk through working: the Django admin and Swagger UI. The
`csp_violations` fixture fails the test on anything the browser blocked; every other browser
test checks its own pages the same way."""

import re

from playwright.sync_api import expect

from .browser import E2E, wait_for_htmx

pytestmark = E2E


def test_the_policy_is_sent_with_every_page(page):
    response = page.goto("/")

    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_the_admin_works_under_the_policy(open_page, staff, alice, vendor, csp_violations):
    staff.is_superuser = True
    staff.save()
    page = open_page(staff)

    page.goto("/admin/")
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/companies/user/")
    page.locator("#action-toggle").check()  # the changelist's script selects every row
    expect(page.locator(".action-counter")).to_contain_text("selected")
    page.goto(f"/admin/companies/user/{alice.pk}/change/")
    # The collapsible fieldsets and the date widgets are the admin's own scripts.
    expect(page.locator(".datetimeshortcuts").first).to_be_visible()
    page.goto(f"/admin/marketplace/vendor/{vendor.pk}/change/")
    expect(page.locator("#vendor_form")).to_be_visible()

    assert csp_violations == []


def test_swagger_ui_renders_the_api_under_the_policy(page, csp_violations):
    page.goto("/api/v1/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Norte API")
    operation = page.locator(".opblock").first
    operation.locator(".opblock-summary").click()
    expect(operation.locator(".opblock-body")).to_be_visible()
    assert csp_violations == []


def test_htmx_swaps_the_directory_under_the_policy(page, vendor, csp_violations):
    page.goto("/vendors/")
    page.get_by_label("Province").select_option(index=1)
    wait_for_htmx(page)

    # htmx swapped the results in place and pushed the filtered address.
    expect(page).to_have_url(re.compile(r"province="))
    assert csp_violations == []
