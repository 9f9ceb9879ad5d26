"""The tender cast: Alice (company owner) and Bob (member) of Operadora Azteca run a published,
by-invitation request; Vera (owner) and Victor (member) of Maple Odds are invited; Una owns
Northern Lights, an approved vendor that is not invited; Olga owns another company.

Beside it: `open_request` (published, open to every qualified vendor), `draft_request`, and the
later stages of the by-invitation one — `engagement` (Maple Odds won it), `completed_engagement`
and `review`."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from companies.choices import Role
from marketplace.models import ExchangeRate, OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Engagement, Proposal
from tests.factories import (
    EngagementFactory,
    MembershipFactory,
    OutsourcingRequestFactory,
    ReviewFactory,
    UserFactory,
    VendorFactory,
)


@pytest.fixture
def outsourcing_request(company, alice):
    """Published by Alice, by invitation, in Spanish or English, proposals due in two weeks."""
    return OutsourcingRequestFactory(
        company=company,
        author=alice,
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
        visibility=OutsourcingRequest.Visibility.INVITATION,
        proposals_due=timezone.now() + timedelta(days=14),
        speaks_en=True,
    )


@pytest.fixture
def open_request(company, alice):
    """Published by Alice, open to every approved vendor speaking Spanish or English."""
    return OutsourcingRequestFactory(
        company=company,
        author=alice,
        title="Lotería en línea",
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
        visibility=OutsourcingRequest.Visibility.OPEN,
        proposals_due=timezone.now() + timedelta(days=14),
        speaks_en=True,
    )


@pytest.fixture
def draft_request(company, alice):
    return OutsourcingRequestFactory(
        company=company, author=alice, title="Borrador", speaks_en=True
    )


@pytest.fixture
def other_vendor(db):
    return VendorFactory(name="Northern Lights", slug="northern-lights", speaks_es=True)


@pytest.fixture
def una(other_vendor):
    return MembershipFactory(
        user=UserFactory(username="una"), role=Role.OWNER, vendor=other_vendor
    ).user


@pytest.fixture
def bid_invitation(outsourcing_request, vendor, alice):
    return BidInvitation.objects.create(
        request=outsourcing_request, vendor=vendor, invited_by=alice
    )


@pytest.fixture
def proposal_terms():
    return {
        "price": Decimal("1500000.00"),
        "currency": "MXN",
        "duration_weeks": 20,
        "team_size": 5,
        "approach": "Two squads: odds feeds and the bet slip.",
        "milestones": [{"title": "Odds feed live", "week": 8, "amount": "500000"}],
    }


@pytest.fixture
def proposal(bid_invitation, vera, proposal_terms):
    return Proposal.objects.create(
        request=bid_invitation.request,
        vendor=bid_invitation.vendor,
        submitted_by=vera,
        **proposal_terms,
    )


@pytest.fixture
def exchange_rates(db):
    today = timezone.localdate() - timedelta(days=400)
    ExchangeRate.objects.update_or_create(
        currency="MXN", valid_from=today, defaults={"rate_to_cad": Decimal("0.075")}
    )
    ExchangeRate.objects.update_or_create(
        currency="USD", valid_from=today, defaults={"rate_to_cad": Decimal("1.36")}
    )
    ExchangeRate.objects.update_or_create(
        currency="CAD", valid_from=today, defaults={"rate_to_cad": Decimal("1")}
    )


@pytest.fixture
def engagement(proposal, alice):
    """Alice awarded Maple Odds' proposal: the request is awarded, the work active."""
    Proposal.objects.filter(pk=proposal.pk).update(
        status=Proposal.Status.AWARDED, outcome_reason="The best plan for live odds."
    )
    OutsourcingRequest.objects.filter(pk=proposal.request_id).update(
        status=OutsourcingRequest.Status.AWARDED, closed_at=timezone.now()
    )
    proposal.refresh_from_db()
    return EngagementFactory(proposal=proposal, awarded_by=alice)


@pytest.fixture
def completed_engagement(engagement):
    Engagement.objects.filter(pk=engagement.pk).update(
        status=Engagement.Status.COMPLETED, completed_at=timezone.now()
    )
    engagement.refresh_from_db()
    return engagement


@pytest.fixture
def review(completed_engagement, bob):
    """Bob's 4★ review (written directly: the vendor's totals stay as they were)."""
    return ReviewFactory(engagement=completed_engagement, author=bob)
