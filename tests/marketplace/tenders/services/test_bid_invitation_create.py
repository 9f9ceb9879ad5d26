"""bid_invitation_create: a company member (or staff) invites an approved vendor that meets the
request's requirements to a published request, once, before proposals are due."""

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation
from marketplace.tenders.services import bid_invitation_create
from tests.factories import VendorFactory, certification

from .. import concerns, conflict, forbidden, invalid, past_due, set_request, suspend, the_event


def test_a_member_invites_a_vendor_and_the_vendor_is_told(outsourcing_request, vendor, bob):
    invitation = bid_invitation_create(
        actor=bob, outsourcing_request=outsourcing_request, vendor=vendor
    )

    assert invitation.status == BidInvitation.Status.PENDING
    assert invitation.invited_by == bob
    assert invitation.responded_at is None
    event = the_event(Event.Kind.BID_INVITATION_SENT)
    assert event.actor == bob
    assert event.request == outsourcing_request
    assert event.data == {"bid_invitation": invitation.pk}
    assert concerns(event) == ({outsourcing_request.company}, {vendor})


def test_the_owner_and_staff_invite_too(outsourcing_request, vendor, other_vendor, alice, staff):
    bid_invitation_create(actor=alice, outsourcing_request=outsourcing_request, vendor=vendor)
    bid_invitation_create(actor=staff, outsourcing_request=outsourcing_request, vendor=other_vendor)

    assert set(outsourcing_request.bid_invitations.values_list("vendor", flat=True)) == {
        vendor.pk,
        other_vendor.pk,
    }


def test_an_open_request_takes_invitations_too(open_request, vendor, bob):
    bid_invitation_create(actor=bob, outsourcing_request=open_request, vendor=vendor)

    assert open_request.bid_invitations.get().vendor == vendor


@pytest.mark.parametrize("who", ["olga", "vera", "una", "charlie"])
def test_only_the_company_may_invite(request, outsourcing_request, vendor, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        bid_invitation_create(actor=actor, outsourcing_request=outsourcing_request, vendor=vendor)


def test_a_draft_takes_no_invitations(draft_request, vendor, bob):
    with conflict("request_not_published"):
        bid_invitation_create(actor=bob, outsourcing_request=draft_request, vendor=vendor)


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_a_closed_request_takes_no_invitations(outsourcing_request, vendor, bob, status):
    set_request(outsourcing_request, status=status)

    with conflict("request_closed"):
        bid_invitation_create(actor=bob, outsourcing_request=outsourcing_request, vendor=vendor)


def test_no_invitations_once_proposals_are_due(outsourcing_request, vendor, bob):
    past_due(outsourcing_request)

    with conflict("proposals_closed"):
        bid_invitation_create(actor=bob, outsourcing_request=outsourcing_request, vendor=vendor)


def test_a_vendor_is_invited_once(bid_invitation, vendor, bob):
    with conflict("already_invited"):
        bid_invitation_create(actor=bob, outsourcing_request=bid_invitation.request, vendor=vendor)


def test_a_vendor_that_declined_is_not_invited_again(bid_invitation, vendor, bob):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(status=BidInvitation.Status.DECLINED)

    with conflict("already_invited"):
        bid_invitation_create(actor=bob, outsourcing_request=bid_invitation.request, vendor=vendor)


def test_a_pending_vendor_cannot_be_invited(outsourcing_request, pending_vendor, bob):
    with invalid("vendor"):
        bid_invitation_create(
            actor=bob, outsourcing_request=outsourcing_request, vendor=pending_vendor
        )


def test_a_suspended_vendor_cannot_be_invited(outsourcing_request, vendor, bob):
    suspend(vendor)

    with invalid("vendor"):
        bid_invitation_create(actor=bob, outsourcing_request=outsourcing_request, vendor=vendor)


def test_a_vendor_without_a_shared_language_cannot_be_invited(outsourcing_request, bob):
    francophone = VendorFactory(name="Boréal Jeux", speaks_en=False, speaks_fr=True)

    with invalid("vendor") as refusal:
        bid_invitation_create(
            actor=bob, outsourcing_request=outsourcing_request, vendor=francophone
        )
    assert "no shared working language" in str(refusal.value)


def test_a_vendor_missing_a_required_certification_cannot_be_invited(
    outsourcing_request, vendor, bob
):
    outsourcing_request.required_certifications.set([certification("gli-certified")])

    with invalid("vendor") as refusal:
        bid_invitation_create(actor=bob, outsourcing_request=outsourcing_request, vendor=vendor)
    assert "GLI certified" in str(refusal.value)


def test_who_is_refused_before_what(outsourcing_request, pending_vendor, olga):
    """An outsider learns nothing about the request's state or the vendor from the refusal."""
    past_due(outsourcing_request)

    with forbidden():
        bid_invitation_create(
            actor=olga, outsourcing_request=outsourcing_request, vendor=pending_vendor
        )


def test_a_vendor_that_cannot_be_invited_is_reported_before_the_requests_state(
    outsourcing_request, pending_vendor, bob
):
    """Who, then what, then when: the company learns what to fix first."""
    past_due(outsourcing_request)

    with invalid("vendor"):
        bid_invitation_create(
            actor=bob, outsourcing_request=outsourcing_request, vendor=pending_vendor
        )
