"""webhooks 0002: company endpoints lose the vendor-only kinds they asked for before a company
could no longer ask for them (else every change to them fails WebhookEndpoint.clean())."""

from importlib import import_module

import pytest
from django.apps import apps

from marketplace.webhooks.models import WebhookEndpoint
from marketplace.webhooks.services import webhook_endpoint_update

pytestmark = pytest.mark.django_db

migration = import_module(
    "marketplace.webhooks.migrations.0002_company_endpoints_without_vendor_only_kinds"
)
HOOK = "http://127.0.0.1:9/hooks/norte"


def old_endpoint(*, events, company=None, vendor=None) -> WebhookEndpoint:
    """As the API could register it before: saved without the new check."""
    return WebhookEndpoint.objects.create(company=company, vendor=vendor, url=HOOK, events=events)


def test_a_company_endpoint_keeps_only_what_a_company_is_told_of(alice, company):
    endpoint = old_endpoint(company=company, events=["proposal.submitted", "request.published"])

    migration.forward(apps, None)

    endpoint.refresh_from_db()
    assert endpoint.events == ["proposal.submitted"]
    assert endpoint.is_active
    # And its owners can change it again.
    webhook_endpoint_update(actor=alice, webhook_endpoint=endpoint, is_active=False)


def test_one_that_asked_only_for_those_is_paused_with_the_reason(company):
    endpoint = old_endpoint(company=company, events=["vendor.approved"])

    migration.forward(apps, None)

    endpoint.refresh_from_db()
    assert (endpoint.events, endpoint.is_active) == ([], False)
    assert "no company is told of" in endpoint.disabled_reason


def test_a_vendors_endpoints_are_left_alone(vendor):
    endpoint = old_endpoint(vendor=vendor, events=["request.published", "vendor.suspended"])

    migration.forward(apps, None)

    endpoint.refresh_from_db()
    assert endpoint.events == ["request.published", "vendor.suspended"]
