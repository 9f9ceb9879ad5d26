"""The later stages of a tender, reached through the services as the API's clients find them."""

import pytest

from marketplace.tenders import services


@pytest.fixture
def question(bid_invitation, vera):
    """Vera's question, not yet answered."""
    return services.question_ask(
        actor=vera, outsourcing_request=bid_invitation.request, text="¿Hay API de momios?"
    )


@pytest.fixture
def engagement(proposal, alice):
    """Alice awarded Maple Odds' proposal: the only vendor invited had proposed."""
    return services.request_award(
        actor=alice,
        outsourcing_request=proposal.request,
        proposal=proposal,
        reason="Best plan.",
    )


@pytest.fixture
def completed_engagement(engagement, bob):
    return services.engagement_complete(actor=bob, engagement=engagement)


@pytest.fixture
def review(completed_engagement, bob):
    return services.review_create(
        actor=bob, engagement=completed_engagement, rating=4, text="Delivered on time."
    )
