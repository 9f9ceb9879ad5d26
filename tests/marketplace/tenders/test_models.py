"""Tender models: the allowed transitions, the rules the database keeps (one live proposal per
vendor and request, one invitation, a positive price, 1–5 stars), milestones, and the
vendor's Bayesian rating."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.matching.core import bayesian_rating
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.tenders.models import (
    BidInvitation,
    Engagement,
    Proposal,
    Question,
    validate_milestones,
)
from tests.factories import (
    BidInvitationFactory,
    EngagementFactory,
    ProposalFactory,
    ReviewFactory,
    VendorFactory,
)

# Transitions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", [OutsourcingRequest, BidInvitation, Question, Proposal, Engagement]
)
def test_every_state_lists_where_it_may_go_and_only_to_states_that_exist(model):
    states = set(model.Status.values)

    assert set(model.TRANSITIONS) == states
    for targets in model.TRANSITIONS.values():
        assert targets <= states


@pytest.mark.parametrize(
    ("model", "terminal"),
    [
        (OutsourcingRequest, {"awarded", "cancelled"}),
        (BidInvitation, {"accepted", "declined"}),
        (Question, {"answered"}),
        (Proposal, {"withdrawn", "awarded", "not_awarded", "request_cancelled"}),
        (Engagement, {"completed", "cancelled"}),
    ],
)
def test_final_states_go_nowhere(model, terminal):
    assert {state for state, targets in model.TRANSITIONS.items() if not targets} == terminal


def test_a_proposal_is_live_until_its_outcome():
    assert {Proposal(status=status).is_live for status in Proposal.LIVE} == {True}
    assert Proposal(status="submitted").can_become(Proposal.Status.SHORTLISTED)
    assert not Proposal(status="shortlisted").can_become(Proposal.Status.SHORTLISTED)
    assert not Proposal(status="withdrawn").can_become(Proposal.Status.SUBMITTED)
    assert not Proposal(status="withdrawn").is_live


def test_a_request_closes_awarded_or_cancelled():
    assert OutsourcingRequest(status="draft").can_become(OutsourcingRequest.Status.CANCELLED)
    assert not OutsourcingRequest(status="draft").can_become(OutsourcingRequest.Status.AWARDED)
    assert OutsourcingRequest(status="awarded").is_closed
    assert OutsourcingRequest(status="cancelled").is_closed
    assert not OutsourcingRequest(status="published").is_closed


def test_proposals_and_questions_are_taken_while_published_and_before_their_dates():
    now = timezone.now()
    request = OutsourcingRequest(
        status="published",
        proposals_due=now + timedelta(days=2),
        questions_due=now + timedelta(days=1),
    )

    assert request.accepts_proposals(now=now)
    assert request.accepts_questions(now=now)
    assert not request.accepts_questions(now=now + timedelta(days=1))
    assert request.accepts_proposals(now=now + timedelta(days=1))
    assert not request.accepts_proposals(now=now + timedelta(days=2))
    request.questions_due = None
    assert request.accepts_questions(now=now + timedelta(days=1, hours=23))
    for status in ("draft", "awarded", "cancelled"):
        request.status = status
        assert not request.accepts_proposals(now=now)
        assert not request.accepts_questions(now=now)


# What the database keeps --------------------------------------------------------------------


def test_the_database_keeps_one_live_proposal_per_vendor_and_request(proposal):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(request=proposal.request, vendor=proposal.vendor)


def test_withdrawn_proposals_stay_beside_the_live_one(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.WITHDRAWN)
    ProposalFactory(
        request=proposal.request, vendor=proposal.vendor, status=Proposal.Status.WITHDRAWN
    )

    ProposalFactory(request=proposal.request, vendor=proposal.vendor)

    assert proposal.vendor.proposals.count() == 3


def test_every_proposal_counts_but_the_withdrawn_ones(outsourcing_request):
    for status in Proposal.Status:
        ProposalFactory(request=outsourcing_request, status=status)

    counted = outsourcing_request.proposals.not_withdrawn().values_list("status", flat=True)

    assert sorted(counted) == sorted(set(Proposal.Status) - {Proposal.Status.WITHDRAWN})


def test_the_unique_live_proposal_says_so_in_a_sentence(proposal):
    second = ProposalFactory.build(request=proposal.request, vendor=proposal.vendor)

    with pytest.raises(ValidationError) as refusal:
        second.full_clean()
    assert "withdraw it first" in str(refusal.value)


def test_the_database_keeps_prices_positive(outsourcing_request, vendor):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(request=outsourcing_request, vendor=vendor, price=Decimal("0"))


def test_the_database_keeps_one_invitation_per_vendor_and_request(bid_invitation):
    with pytest.raises(IntegrityError), transaction.atomic():
        BidInvitationFactory(request=bid_invitation.request, vendor=bid_invitation.vendor)


def test_the_database_keeps_ratings_from_one_to_five(completed_engagement):
    for rating in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReviewFactory(engagement=completed_engagement, rating=rating)


def test_a_request_has_one_engagement_and_an_engagement_one_review(engagement, review):
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementFactory(
            proposal=ProposalFactory(request=engagement.request), request=engagement.request
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(engagement=review.engagement)


# Milestones -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "milestones",
    [
        [],
        [{"title": "Odds feed live", "week": 8}],
        [{"title": "Odds feed live", "week": 8, "amount": None}],
        [{"title": "Odds feed live", "week": 8, "amount": 1500}],
        [{"title": "Odds feed live", "week": 8, "amount": "1500.50"}],
        [{"title": f"M{n}", "week": n} for n in range(1, 21)],
    ],
)
def test_well_formed_milestones_pass(milestones):
    validate_milestones(milestones)


def test_a_milestone_after_the_last_week_is_refused_on_the_milestones(outsourcing_request, vendor):
    proposal = ProposalFactory.build(
        request=outsourcing_request,
        vendor=vendor,
        duration_weeks=10,
        milestones=[{"title": "Launch", "week": 10}, {"title": "Support", "week": 11}],
    )

    with pytest.raises(ValidationError) as refusal:
        proposal.full_clean()
    assert refusal.value.message_dict == {
        "milestones": ["A milestone cannot fall after the last week."]
    }


# The vendor's rating --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "total", "rating"),
    [
        (0, 0, None),
        (1, 5, 20 / 6),
        (1, 1, 16 / 6),
        (10, 50, 65 / 15),
        (100, 100, 115 / 105),
    ],
)
def test_the_rating_is_a_bayesian_mean_no_single_review_dominates(count, total, rating):
    vendor = Vendor(review_count=count, review_rating_total=total)

    assert vendor.rating == (None if rating is None else pytest.approx(rating))


def test_the_rating_in_sql_is_the_bayesian_mean_the_matching_uses(db):
    # Ordering the directory by rating reads `Vendor.rating_expression()`; ranking reads
    # `bayesian_rating`. Both must say the same of every vendor, on this database.
    grid = [(count, total) for count in range(7) for total in range(count, 5 * count + 1, 2)]
    vendors = VendorFactory.create_batch(len(grid))
    for vendor, (count, total) in zip(vendors, grid, strict=True):
        Vendor.objects.filter(pk=vendor.pk).update(review_count=count, review_rating_total=total)

    in_sql = Vendor.objects.filter(pk__in=[vendor.pk for vendor in vendors]).annotate(
        sql_rating=Vendor.rating_expression()
    )

    for row in in_sql:
        expected = bayesian_rating(row.review_rating_total, row.review_count)
        if row.review_count == 0:
            assert row.sql_rating is None
        else:
            assert row.sql_rating == pytest.approx(expected, abs=1e-9)
    assert len({row.review_count for row in in_sql}) == 7


def test_a_new_vendor_has_no_reviews(db):
    vendor = VendorFactory()
    vendor.refresh_from_db()

    assert (vendor.review_count, vendor.review_rating_total, vendor.rating) == (0, 0, None)
