"""Every main page, as the person who uses it, in each language: axe-core finds nothing serious
or critical (labels, contrast, the page's language, names of buttons and links…), and a
screenshot of it is saved for people to look at."""

import pytest

from .browser import E2E, axe_violations, screenshot

pytestmark = E2E


@pytest.mark.parametrize("locale", ["en-US", "es-MX", "fr-CA"])
def test_the_main_pages_have_no_serious_accessibility_violations(
    open_page, locale, published_request, alice, vera, pablo, charlie, staff
):
    visits = [
        (None, "home", "/"),
        (None, "directory", "/vendors/"),
        (None, "vendor-profile", "/vendors/maple-odds/"),
        (None, "login", "/accounts/login/"),
        (None, "signup", "/accounts/signup/"),
        (None, "password-reset", "/accounts/password-reset/"),
        (charlie, "onboarding", "/onboarding/"),
        (charlie, "onboarding-company", "/onboarding/company/"),
        (charlie, "onboarding-vendor", "/onboarding/vendor/"),
        (alice, "requests", "/requests/"),
        (alice, "request-form", "/requests/new/"),
        (alice, "request-detail", f"/requests/{published_request.pk}/"),
        (alice, "request-edit", f"/requests/{published_request.pk}/edit/"),
        (alice, "team", "/team/"),
        (vera, "vendor-dashboard", "/vendor/"),
        (vera, "vendor-edit", "/vendor/edit/"),
        (vera, "opportunity", f"/opportunities/{published_request.pk}/"),
        (pablo, "vendor-pending", "/vendors/prairie-bits/"),
        (staff, "moderation", "/moderation/"),
    ]
    pages = {}
    violations = []
    for user, name, url in visits:
        if user not in pages:
            pages[user] = open_page(user, locale)
        page = pages[user]
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        screenshot(page, name)
        violations += axe_violations(page, name)

    # A form showing its errors: the error texts and invalid fields need contrast and names too.
    page = pages[None]
    page.goto("/accounts/signup/")
    page.get_by_role("main").locator("form button[type=submit]").click()
    page.locator(".field--invalid").first.wait_for()
    screenshot(page, "signup-errors")
    violations += axe_violations(page, "signup-errors")

    assert violations == []
