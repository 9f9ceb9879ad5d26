"""Awards on dates the tests choose, at exchange rates they choose, so that every figure of
the insights can be computed by hand."""

import zoneinfo
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from marketplace.models import ExchangeRate, OutsourcingRequest
from marketplace.tenders.models import Engagement, Proposal
from tests.factories import (
    CompanyFactory,
    EngagementFactory,
    OutsourcingRequestFactory,
    ProposalFactory,
    UserFactory,
    VendorFactory,
    sector,
    skill,
)

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)


@pytest.fixture(autouse=True)
def releases_at_once(settings):
    """The open data serves changes once they are EVENTS_FEED_DELAY old (see `ocds`); the
    tests read them at once, but for the one that checks the delay."""
    settings.EVENTS_FEED_DELAY = 0


def noon(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=ZONE)


@pytest.fixture
def dated_rates(db):
    """MXN and USD change on 2026-03-01: awards before and after convert differently. (The
    reference data's rates are replaced: they date from whenever its migration says.)"""
    ExchangeRate.objects.all().delete()
    for currency, valid_from, rate in [
        ("MXN", "2024-01-01", "0.07"),
        ("MXN", "2026-03-01", "0.08"),
        ("USD", "2024-01-01", "1.30"),
        ("USD", "2026-03-01", "1.40"),
        ("CAD", "2024-01-01", "1"),
    ]:
        ExchangeRate.objects.create(
            currency=currency, valid_from=date.fromisoformat(valid_from), rate_to_cad=rate
        )


@pytest.fixture
def award(db):
    """`award(sector=…, price=…, currency=…, published=…, awarded=…)`: an engagement on a
    request of that sector published and awarded on those days (at noon), with `rivals` more
    live proposals and `withdrawn` withdrawn ones."""

    def make(
        *,
        sector_slug: str = "igaming",
        price: str,
        currency: str,
        published: str,
        awarded: str,
        state: str = "JAL",
        province: str = "ON",
        budget_max: str = "2000000",
        rivals: int = 0,
        withdrawn: int = 0,
        status: str = Engagement.Status.ACTIVE,
        skills: tuple[str, ...] = ("sportsbook",),
    ) -> Engagement:
        request = OutsourcingRequestFactory(
            company=CompanyFactory(state=state),
            sector=sector(sector_slug),
            status=OutsourcingRequest.Status.AWARDED,
            currency=currency,
            budget_min=Decimal("1"),
            budget_max=Decimal(budget_max),
            published_at=noon(published),
        )
        request.skills.set([skill(slug) for slug in skills])
        engagement = EngagementFactory(
            proposal__request=request,
            proposal__vendor=VendorFactory(province=province),
            proposal__price=Decimal(price),
            status=status,
        )
        for _ in range(rivals):
            ProposalFactory(request=request, status=Proposal.Status.NOT_AWARDED)
        for _ in range(withdrawn):
            ProposalFactory(request=request, status=Proposal.Status.WITHDRAWN)
        Engagement.objects.filter(pk=engagement.pk).update(created_at=noon(awarded))
        return engagement

    return make


@pytest.fixture
def market(dated_rates, award):
    """Four engagements in January–April 2026 (three in igaming), one before, one cancelled,
    and requests posted without an award."""
    award(
        price="1000000",
        currency="MXN",
        published="2026-01-20",
        awarded="2026-02-10",
        budget_max="2000000",
        rivals=2,
        withdrawn=1,
    )  # 70,000.00 CAD at 0.07; waited 21 days
    award(
        price="50000",
        currency="USD",
        published="2026-02-05",
        awarded="2026-03-05",
        budget_max="60000",
        province="BC",
    )  # 70,000.00 CAD at 1.40, 875,000.00 MXN at 0.08; 28 days
    award(
        price="100000",
        currency="CAD",
        published="2026-02-20",
        awarded="2026-03-20",
        budget_max="150000",
    )  # 1,250,000.00 MXN at 0.08; 28 days
    award(
        sector_slug="ai-ml",
        price="200000",
        currency="CAD",
        published="2026-03-03",
        awarded="2026-04-02",
        budget_max="250000",
        state="NLE",
        province="QC",
    )  # 2,500,000.00 MXN; 30 days
    award(price="10000", currency="CAD", published="2025-11-20", awarded="2025-12-15")
    award(
        sector_slug="ai-ml",
        price="30000",
        currency="CAD",
        published="2026-02-01",
        awarded="2026-03-01",
        budget_max="40000",
        status=Engagement.Status.CANCELLED,
    )
    OutsourcingRequestFactory(
        status=OutsourcingRequest.Status.PUBLISHED,
        currency="MXN",
        budget_min=Decimal("1"),
        budget_max=Decimal("1000000"),
        published_at=noon("2026-04-10"),
    )  # 80,000.00 CAD at 0.08
    OutsourcingRequestFactory(
        currency="CAD", budget_min=Decimal("1"), budget_max=Decimal("999999")
    )  # a draft


@pytest.fixture
def staff_member(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def visitor():
    return AnonymousUser()
