"""Tender services racing each other on PostgreSQL: calls in threads, each on its own database
connection as in separate web workers, released together by a barrier. Row locks (and the
database's constraints behind them) leave exactly one winner; the others get the 409 a
second, later call would get.

Under CI=true these tests fail without PostgreSQL; elsewhere they skip (SQLite in memory is one
connection, so there is nothing concurrent to test). The tests commit their rows so that every
connection sees them (transaction=True), and restore the migrations' reference data afterwards.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from companies.choices import Role
from companies.models import User
from config.errors import Conflict
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Review
from marketplace.tenders.services import proposal_submit, request_award, review_create
from tests.factories import BidInvitationFactory, MembershipFactory, ProposalFactory, UserFactory

from .. import past_due

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql"),
]

WAIT_SECONDS = 20


def at_once(*calls) -> list[dict]:
    """Run each call in a thread of its own, all released at the same moment; each outcome
    holds the call's result or its exception."""
    start = threading.Barrier(len(calls))
    outcomes = [{} for _ in calls]

    def run(call, outcome):
        try:
            start.wait(WAIT_SECONDS)
            outcome["result"] = call()
        except Exception as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(call, outcome))
        for call, outcome in zip(calls, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)
        assert not thread.is_alive()
    return outcomes


def one_winner(outcomes, *, code: str):
    """The single result among `outcomes`; every other one is a Conflict with `code`."""
    results = [outcome["result"] for outcome in outcomes if "result" in outcome]
    errors = [outcome["error"] for outcome in outcomes if "error" in outcome]
    assert len(results) == 1, errors
    assert errors, results
    for error in errors:
        assert isinstance(error, Conflict), repr(error)
        assert error.code == code
    return results[0]


def fresh(user: User) -> User:
    """The user as a request in another worker would load it."""
    return User.objects.get(pk=user.pk)


def test_two_owners_awarding_two_proposals_at_once_make_one_engagement(
    proposal, other_vendor, company, alice
):
    request = proposal.request
    BidInvitationFactory(request=request, vendor=other_vendor, status=BidInvitation.Status.ACCEPTED)
    rival = ProposalFactory(request=request, vendor=other_vendor, price=Decimal("1100000"))
    past_due(request)
    amado = MembershipFactory(
        user=UserFactory(username="amado"), role=Role.OWNER, company=company
    ).user

    def award(owner, chosen):
        return lambda: request_award(
            actor=fresh(owner),
            outsourcing_request=OutsourcingRequest.objects.get(pk=request.pk),
            proposal=Proposal.objects.get(pk=chosen.pk),
            reason=f"{owner.username} chose {chosen.vendor.name}.",
        )

    engagement = one_winner(
        at_once(award(alice, proposal), award(amado, rival)), code="request_already_awarded"
    )

    assert Engagement.objects.get() == engagement
    request.refresh_from_db()
    assert request.status == OutsourcingRequest.Status.AWARDED
    statuses = dict(Proposal.objects.values_list("pk", "status"))
    loser = rival if engagement.proposal_id == proposal.pk else proposal
    assert statuses == {
        engagement.proposal_id: Proposal.Status.AWARDED,
        loser.pk: Proposal.Status.NOT_AWARDED,
    }
    assert Proposal.objects.get(pk=loser.pk).outcome_reason == engagement.award_reason
    assert Event.objects.filter(kind=Event.Kind.REQUEST_AWARDED).count() == 1


def test_two_members_of_one_vendor_proposing_at_once_make_one_proposal(
    bid_invitation, vera, victor, proposal_terms
):
    request = bid_invitation.request

    def submit(member):
        return lambda: proposal_submit(
            actor=fresh(member),
            outsourcing_request=OutsourcingRequest.objects.get(pk=request.pk),
            **proposal_terms,
        )

    proposal = one_winner(at_once(submit(vera), submit(victor)), code="proposal_exists")

    assert list(Proposal.objects.all()) == [proposal]
    bid_invitation.refresh_from_db()
    assert bid_invitation.status == BidInvitation.Status.ACCEPTED
    assert bid_invitation.responded_by == proposal.submitted_by
    kinds = sorted(Event.objects.values_list("kind", flat=True))
    assert kinds == [Event.Kind.BID_INVITATION_ACCEPTED, Event.Kind.PROPOSAL_SUBMITTED]


def test_two_reviews_of_one_engagement_at_once_make_one_review_counted_once(
    completed_engagement, vendor, alice, bob
):
    def review(member, rating):
        return lambda: review_create(
            actor=fresh(member),
            engagement=Engagement.objects.get(pk=completed_engagement.pk),
            rating=rating,
            text=f"{member.username}: {rating} stars.",
        )

    written = one_winner(at_once(review(alice, 5), review(bob, 2)), code="review_exists")

    assert list(Review.objects.all()) == [written]
    vendor.refresh_from_db()
    assert (vendor.review_count, vendor.review_rating_total) == (1, written.rating)
    assert Event.objects.filter(kind=Event.Kind.REVIEW_POSTED).count() == 1
