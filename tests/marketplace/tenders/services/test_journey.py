"""The whole tender through the services, as the web UI and the API drive it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.errors import Conflict
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Question
from marketplace.tenders.selectors import (
    company_responsiveness,
    proposal_comparison,
    question_list_visible,
    vendor_responsiveness,
)


def test_a_request_goes_from_invitation_to_a_reviewed_engagement(
    outsourcing_request,
    vendor,
    other_vendor,
    alice,
    bob,
    vera,
    una,
    proposal_terms,
    exchange_rates,
):
    first = services.bid_invitation_create(
        actor=bob, outsourcing_request=outsourcing_request, vendor=vendor
    )
    second = services.bid_invitation_create(
        actor=bob, outsourcing_request=outsourcing_request, vendor=other_vendor
    )
    services.bid_invitation_accept(actor=vera, bid_invitation=first)
    question = services.question_ask(
        actor=vera, outsourcing_request=outsourcing_request, text="¿Hay API de momios?"
    )
    assert list(question_list_visible(user=una, outsourcing_request=outsourcing_request)) == []
    services.question_answer(actor=bob, question=question, text="Sí, REST.")
    assert list(question_list_visible(user=una, outsourcing_request=outsourcing_request)) == [
        question
    ]
    mine = services.proposal_submit(
        actor=vera, outsourcing_request=outsourcing_request, **proposal_terms
    )
    theirs = services.proposal_submit(
        actor=una, outsourcing_request=outsourcing_request, **{**proposal_terms, "price": 9}
    )
    second.refresh_from_db()
    assert second.status == BidInvitation.Status.ACCEPTED  # proposing accepted it
    services.proposal_shortlist(actor=bob, proposal=mine)
    rows = proposal_comparison(outsourcing_request=outsourcing_request, proposals=[mine, theirs])
    assert rows[0].price_cad == 112500
    assert rows[0].price_in_request_currency == 1500000

    engagement = services.request_award(
        actor=alice, outsourcing_request=outsourcing_request, proposal=mine, reason="Best plan."
    )

    outsourcing_request.refresh_from_db()
    theirs.refresh_from_db()
    assert outsourcing_request.status == OutsourcingRequest.Status.AWARDED
    assert theirs.status == Proposal.Status.NOT_AWARDED
    assert theirs.outcome_reason == "Best plan."
    services.engagement_complete(actor=bob, engagement=engagement)
    review = services.review_create(actor=bob, engagement=engagement, rating=5, text="Great.")
    services.review_reply(actor=vera, review=review, text="Gracias.")
    vendor.refresh_from_db()
    assert vendor.review_count == 1
    assert vendor.rating == pytest.approx(10 / 3)
    assert Engagement.objects.get().status == Engagement.Status.COMPLETED
    assert vendor_responsiveness(vendor=vendor).invitations_answered == 1
    assert company_responsiveness(company=outsourcing_request.company).questions_answered == 1
    awarded = Event.objects.get(kind=Event.Kind.REQUEST_AWARDED)
    assert set(awarded.vendors.all()) == {vendor, other_vendor}
    assert Event.objects.count() == 13  # two invitations accepted: one by proposing
    assert Question.objects.get().is_answered


def test_two_proposals_from_one_vendor_are_refused(bid_invitation, vera, victor, proposal_terms):
    services.proposal_submit(
        actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms
    )
    with pytest.raises(Conflict) as refused:
        services.proposal_submit(
            actor=victor, outsourcing_request=bid_invitation.request, **proposal_terms
        )
    assert refused.value.code == "proposal_exists"


def test_proposals_after_the_deadline_are_refused(bid_invitation, vera, proposal_terms):
    OutsourcingRequest.objects.filter(pk=bid_invitation.request_id).update(
        proposals_due=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(Conflict) as refused:
        services.proposal_submit(
            actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms
        )
    assert refused.value.code == "proposals_closed"
