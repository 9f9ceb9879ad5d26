"""Alice registers a webhook endpoint in the browser: the signing secret is on the next page
once, with a working copy button, and gone on a reload; the pages pass axe-core in each
language, under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from marketplace.events.models import Event
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint

from .browser import E2E, axe_violations, field, screenshot

pytestmark = E2E

HOOK = "http://127.0.0.1:9/hooks/norte"


def test_an_owner_registers_an_endpoint_and_copies_its_secret_once(open_page, alice):
    page = open_page(alice, "en-US")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/")
    page.locator(".account-menu summary").get_by_text("Account").click()
    page.locator(".account-menu").get_by_role("link", name="Webhooks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks")
    page.get_by_role("link", name="New endpoint").click()

    field(page, "URL").fill(HOOK)
    proposals = page.get_by_role("group", name="Proposals")
    proposals.get_by_label("Proposal submitted (proposal.submitted)").check()
    page.get_by_role("button", name="Register the endpoint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Webhook endpoint")
    endpoint = WebhookEndpoint.objects.get()
    secret = page.get_by_label("Signing secret", exact=True)
    expect(secret).to_have_value(endpoint.secret)
    screenshot(page, "webhook-secret")
    page.get_by_role("button", name="Copy").click()
    expect(page.locator("#webhook-secret-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == endpoint.secret

    page.reload()
    expect(page.get_by_role("heading", name="Delivery log")).to_be_visible()
    expect(page.get_by_label("Signing secret", exact=True)).to_have_count(0)
    assert endpoint.secret not in page.content()


@pytest.mark.parametrize("locale", ["en-US", "es-MX", "fr-CA"])
def test_the_webhooks_pages_have_no_serious_accessibility_violations(open_page, alice, locale):
    endpoint = WebhookEndpoint.objects.create(
        company=alice.membership.company, url=HOOK, events=["proposal.submitted"]
    )
    event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)
    event.companies.add(endpoint.company)
    # The log shows a failure waiting for its retry and a success.
    WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, attempt=1, status_code=500, error="HTTP 500"
    )
    WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, attempt=2, status_code=200, response_excerpt="ok"
    )
    page = open_page(alice, locale)
    violations = []
    for name, url in [
        ("webhooks", "/webhooks/"),
        ("webhook-new", "/webhooks/new/"),
        ("webhook-detail", f"/webhooks/{endpoint.pk}/"),
        ("webhook-roll-secret", f"/webhooks/{endpoint.pk}/roll-secret/"),
        ("webhook-delete", f"/webhooks/{endpoint.pk}/delete/"),
    ]:
        assert page.goto(url).status == 200, url
        screenshot(page, name)
        violations += axe_violations(page, name)

    # The form sent empty shows its errors, which need names and contrast too.
    page.goto("/webhooks/new/")
    page.get_by_role("main").locator("form button[type=submit]").click()
    page.locator(".field--invalid").first.wait_for()
    violations += axe_violations(page, "webhook-new-errors")

    assert violations == []
