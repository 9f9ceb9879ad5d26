"""The tender cast: Alice (company owner) and Bob (member) of Operadora Azteca run a published,
by-invitation request; Vera (owner) and Victor (member) of Maple Odds are invited; Una owns
Northern Lights, an approved vendor that is not invited; Olga owns another company."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from companies.choices import Role
from marketplace.models import ExchangeRate, OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Proposal
from tests.factories import MembershipFactory, OutsourcingRequestFactory, UserFactory, VendorFactory


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
