"""A tender step reaches the company's webhook endpoint: the service records the event in its
transaction, and once it commits the event goes out, signed, to every endpoint that asked for
its kind — with no other call than the step itself."""

from decimal import Decimal

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders import services
from tests.factories import BidInvitationFactory, OutsourcingRequestFactory


@pytest.fixture
def bid_invitation(company, vendor):
    """Maple Odds invited to a published request of Alice's company."""
    outsourcing_request = OutsourcingRequestFactory(
        company=company,
        status=OutsourcingRequest.Status.PUBLISHED,
        visibility=OutsourcingRequest.Visibility.INVITATION,
        speaks_en=True,
    )
    return BidInvitationFactory(request=outsourcing_request, vendor=vendor)


TERMS = {
    "price": Decimal("1500000"),
    "currency": "MXN",
    "duration_weeks": 20,
    "team_size": 5,
    "approach": "Two squads.",
}


def test_a_proposal_reaches_the_companys_endpoint_signed_once_the_step_commits(
    endpoint, receiver, bid_invitation, vera, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_submit(
            actor=vera, outsourcing_request=bid_invitation.request, **TERMS
        )

    [delivery] = [r for r in receiver.received if r["body"]["type"] == "proposal.submitted"]
    assert delivery["verified"]
    assert delivery["body"]["data"]["proposal"] == proposal.pk
    event = Event.objects.get(kind=Event.Kind.PROPOSAL_SUBMITTED)
    assert delivery["body"]["id"] == event.pk
    assert endpoint.deliveries.filter(event=event, status_code=200).count() == 1


def test_a_kind_the_endpoint_did_not_ask_for_is_not_sent(
    endpoint, receiver, bid_invitation, vera, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)

    assert receiver.received == []
