"""The events recorded outside the tenders, each by the service that makes the change and in
its transaction: team invitations (announced by companies through a signal), vendor
moderation (service, admin action, moderation page) and disabled webhook endpoints."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.utils import timezone

from companies.choices import Role
from companies.models import Invitation
from companies.services import invitation_accept, invitation_create
from companies.team_events import invitation_sent
from marketplace.events.models import Event
from marketplace.models import Vendor
from marketplace.services.vendors import vendor_approve, vendor_suspend
from marketplace.webhooks.schedule import next_retry_delay
from marketplace.webhooks.services import webhook_attempt, webhook_endpoint_create

pytestmark = pytest.mark.django_db

Kind = Event.Kind


def concerned(event) -> tuple[set, set]:
    return (
        set(event.companies.values_list("name", flat=True)),
        set(event.vendors.values_list("name", flat=True)),
    )


def invite(actor, organisation) -> Invitation:
    return invitation_create(
        actor=actor,
        organisation=organisation,
        email="nora@example.com",
        role=Role.MEMBER,
        base_url="https://norte.example",
    )


# --- Team invitations --------------------------------------------------------------------------


def test_an_invitation_concerns_the_inviting_company(alice, company):
    invitation = invite(alice, company)

    event = Event.objects.get(kind=Kind.INVITATION_SENT)
    assert concerned(event) == ({"Operadora Azteca"}, set())
    assert event.actor == alice
    assert event.data == {"invitation": invitation.pk}  # never the address itself


def test_an_invitation_concerns_the_inviting_vendor(vera, vendor):
    invite(vera, vendor)

    assert concerned(Event.objects.get(kind=Kind.INVITATION_SENT)) == (set(), {"Maple Odds"})


def test_joining_concerns_the_organisation_with_the_joiner_as_actor(vera, vendor, charlie):
    Invitation.objects.create(
        vendor=vendor,
        email="charlie@example.com",
        role=Role.MEMBER,
        token_hash=Invitation.hash_token("join-us"),
        invited_by=vera,
        expires_at=timezone.now() + timedelta(days=7),
    )

    invitation_accept(token="join-us", user=charlie)

    event = Event.objects.get(kind=Kind.INVITATION_ACCEPTED)
    assert concerned(event) == (set(), {"Maple Odds"})
    assert event.actor == charlie


def test_a_refused_invitation_records_nothing(bob, company):
    with pytest.raises(Exception):  # noqa: B017 — whichever refusal, nothing is written
        invite(bob, company)  # members do not invite

    assert not Event.objects.exists()


def test_a_receiver_that_fails_rolls_the_invitation_back(alice, company):
    def failing(**kwargs):
        raise RuntimeError("the event could not be written")

    invitation_sent.connect(failing, dispatch_uid="test.failing")
    try:
        with pytest.raises(RuntimeError):
            invite(alice, company)
    finally:
        invitation_sent.disconnect(dispatch_uid="test.failing")

    assert not Invitation.objects.exists()
    assert not Event.objects.exists()


def test_a_rolled_back_invitation_leaves_no_event(alice, company):
    with pytest.raises(RuntimeError), transaction.atomic():
        invite(alice, company)
        raise RuntimeError("the request failed after the invitation")

    assert not Event.objects.exists()


# --- Vendor moderation -------------------------------------------------------------------------


def test_suspending_concerns_the_vendor_and_keeps_the_reason_out_of_the_event(staff, vendor):
    vendor_suspend(vendor=vendor, actor=staff, reason="Licencia vencida.")

    event = Event.objects.get(kind=Kind.VENDOR_SUSPENDED)
    assert concerned(event) == (set(), {"Maple Odds"})
    assert event.actor == staff
    assert event.data == {"vendor": vendor.pk}
    vendor.refresh_from_db()
    assert event.created_at == vendor.status_changed_at


def test_approving_concerns_the_vendor(staff, pending_vendor):
    vendor_approve(vendor=pending_vendor, actor=staff)

    event = Event.objects.get(kind=Kind.VENDOR_APPROVED)
    assert concerned(event) == (set(), {"Prairie Bits"})


def test_a_refused_moderation_records_nothing(staff, vendor):
    with pytest.raises(Exception):  # noqa: B017 — already approved: a conflict
        vendor_approve(vendor=vendor, actor=staff)

    assert not Event.objects.exists()


def test_a_rolled_back_moderation_leaves_no_event(staff, vendor):
    with pytest.raises(RuntimeError), transaction.atomic():
        vendor_suspend(vendor=vendor, actor=staff, reason="Spam.")
        raise RuntimeError("the page failed afterwards")

    assert not Event.objects.exists()


def test_the_admin_actions_record_the_events(admin_client, vendor, pending_vendor):
    url = "/admin/marketplace/vendor/"
    admin_client.post(url, {"action": "approve_vendors", ACTION_CHECKBOX_NAME: [pending_vendor.pk]})
    admin_client.post(
        url,
        {
            "action": "suspend_vendors",
            "apply": "1",
            "reason": "Licence expired.",
            ACTION_CHECKBOX_NAME: [vendor.pk],
        },
    )

    assert set(Event.objects.values_list("kind", flat=True)) == {
        Kind.VENDOR_APPROVED,
        Kind.VENDOR_SUSPENDED,
    }


def test_the_moderation_pages_record_the_events(client, staff, pending_vendor):
    client.force_login(staff)
    client.post(f"/moderation/vendors/{pending_vendor.pk}/approve/")
    client.post(f"/moderation/vendors/{pending_vendor.pk}/suspend/", {"reason": "Spam."})

    assert list(Event.objects.order_by("pk").values_list("kind", flat=True)) == [
        Kind.VENDOR_APPROVED,
        Kind.VENDOR_SUSPENDED,
    ]
    assert Vendor.objects.get(pk=pending_vendor.pk).status == Vendor.Status.SUSPENDED


def test_the_api_records_the_events(api, staff, pending_vendor):
    response = api(staff).post(f"/api/v1/vendors/{pending_vendor.pk}/approve/", {})

    assert response.status_code == 200, response.json()
    assert Event.objects.get().kind == Kind.VENDOR_APPROVED


# --- Disabled webhook endpoints ----------------------------------------------------------------


def test_a_day_of_failures_disables_the_endpoint_and_records_why(alice, company, vera):
    endpoint = webhook_endpoint_create(
        actor=alice, url="http://127.0.0.1:9/hooks", events=[Kind.INVITATION_SENT]
    )
    invite(alice, company)
    failed = Event.objects.get(kind=Kind.INVITATION_SENT)
    attempts = 1
    while next_retry_delay(attempts) is not None:
        attempts += 1
    with mock.patch("marketplace.webhooks.services.webhook_dispatch"):
        for _ in range(attempts):
            webhook_attempt(endpoint_id=endpoint.pk, event_id=failed.pk)

    endpoint.refresh_from_db()
    assert not endpoint.is_active
    event = Event.objects.get(kind=Kind.WEBHOOK_ENDPOINT_DISABLED)
    assert concerned(event) == ({"Operadora Azteca"}, set())
    assert event.actor is None
    assert event.data == {"webhook_endpoint": endpoint.pk, "event": failed.pk}
