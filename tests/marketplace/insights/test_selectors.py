"""The insights' figures against totals computed by hand: dated exchange rates, the period and
sector filters, what visitors and staff read, and a query count that does not grow."""

from datetime import date
from decimal import Decimal

import pytest

from marketplace.insights.periods import InsightsQuery
from marketplace.insights.summary import insights_summary, suppressed
from marketplace.models import ExchangeRate, OutsourcingRequest, Vendor
from marketplace.selectors import exchange_rates_on
from marketplace.tenders.models import Engagement
from tests.factories import OutsourcingRequestFactory, VendorFactory, sector, skill

from .conftest import noon

PERIOD = InsightsQuery(date(2026, 1, 1), date(2026, 4, 1))


def test_totals_convert_each_award_at_its_days_rate(market, staff_member):
    summary = insights_summary(user=staff_member, query=PERIOD)

    assert summary.total.count == 4
    assert summary.total.awarded_cad == Decimal("440000.00")
    assert summary.total.awarded_mxn == Decimal("5625000.00")
    assert summary.unconverted == 0


def test_posted_demand_is_every_published_requests_maximum_budget(market, staff_member):
    summary = insights_summary(user=staff_member, query=PERIOD)

    assert summary.posted_count == 6
    assert summary.posted_demand_cad == Decimal("738000.00")
    assert summary.posted_demand_mxn == Decimal("9953571.42")
    assert summary.awarded_share == pytest.approx(440000 / 738000)


def test_staff_read_every_cell(market, staff_member):
    summary = insights_summary(user=staff_member, query=PERIOD)

    assert summary.complete
    assert [(c.key, c.count, c.awarded_cad, c.gambling) for c in summary.by_sector] == [
        ("ai-ml", 1, Decimal("200000.00"), False),
        ("igaming", 3, Decimal("240000.00"), True),
    ]
    assert [(c.key, c.count, c.awarded_cad) for c in summary.by_month] == [
        ("2026-01", 0, Decimal("0.00")),
        ("2026-02", 1, Decimal("70000.00")),
        ("2026-03", 2, Decimal("170000.00")),
        ("2026-04", 1, Decimal("200000.00")),
    ]
    assert [(c.key, c.count) for c in summary.by_state] == [("JAL", 3), ("NLE", 1)]
    assert [(c.key, c.count, c.awarded_mxn) for c in summary.by_province] == [
        ("BC", 1, Decimal("875000.00")),
        ("ON", 2, Decimal("2250000.00")),
        ("QC", 1, Decimal("2500000.00")),
    ]
    assert summary.gambling.count == 3
    assert summary.gambling.awarded_cad == Decimal("240000.00")
    assert summary.gambling.share == pytest.approx(240000 / 440000)
    assert summary.median_days_to_award == 28.0
    # 3 on the first request (the withdrawn one does not count), 1 on each other.
    assert summary.proposals_per_request == 1.5


def test_visitors_read_no_cell_of_fewer_than_three_engagements(market, visitor):
    summary = insights_summary(user=visitor, query=PERIOD)

    assert not summary.complete
    assert summary.total.awarded_cad == Decimal("440000.00")
    # ai-ml (1) is hidden, and igaming with it: the total minus igaming would give it back.
    assert all(cell.is_suppressed for cell in summary.by_sector)
    assert all(c.awarded_cad is None and c.awarded_mxn is None for c in summary.by_sector)
    assert [(c.key, c.count) for c in summary.by_month] == [
        ("2026-01", 0),
        ("2026-02", None),
        ("2026-03", None),
        ("2026-04", None),
    ]
    assert summary.gambling.is_suppressed  # 3 against 1 other: the other would show
    assert summary.suppressed_cells == 3 + 2 + 3 + 2 - 0


def test_a_company_member_reads_what_visitors_read(market, alice):
    summary = insights_summary(user=alice, query=PERIOD)

    assert not summary.complete
    assert all(cell.is_suppressed for cell in summary.by_state)


def test_fewer_than_three_engagements_hide_the_totals_too(dated_rates, award, visitor):
    award(price="100000", currency="CAD", published="2026-02-01", awarded="2026-03-01")
    award(price="100000", currency="CAD", published="2026-02-01", awarded="2026-03-02")

    summary = insights_summary(user=visitor, query=PERIOD)

    assert summary.total.is_suppressed
    assert summary.posted_count == 2
    assert summary.posted_demand_cad is None and summary.posted_demand_mxn is None
    assert summary.awarded_share is None
    assert summary.median_days_to_award is None
    assert summary.proposals_per_request is None


def test_the_sector_filter_keeps_that_sectors_awards_and_demand(market, staff_member):
    summary = insights_summary(
        user=staff_member, query=InsightsQuery(date(2026, 1, 1), date(2026, 4, 1), sector("ai-ml"))
    )

    assert summary.total.count == 1
    assert summary.total.awarded_cad == Decimal("200000.00")
    # The ai-ml requests published: the awarded one and the cancelled engagement's.
    assert summary.posted_demand_cad == Decimal("290000.00")
    assert [cell.key for cell in summary.by_sector] == ["ai-ml"]


def test_the_period_filter_keeps_the_awards_of_its_months(market, staff_member):
    summary = insights_summary(
        user=staff_member, query=InsightsQuery(date(2025, 12, 1), date(2026, 2, 1))
    )

    assert summary.total.count == 2  # December 2025 and February 2026
    assert summary.total.awarded_cad == Decimal("80000.00")
    assert [cell.key for cell in summary.by_month] == ["2025-12", "2026-01", "2026-02"]


def test_an_award_without_a_rate_that_day_is_counted_apart(award, staff_member):
    ExchangeRate.objects.all().delete()
    award(price="100000", currency="USD", published="2026-02-01", awarded="2026-03-01")

    summary = insights_summary(user=staff_member, query=PERIOD)

    assert summary.total.count == 1
    assert summary.unconverted == 1
    assert summary.total.awarded_cad == Decimal("0.00")


def test_skills_most_asked_for_and_scarcest(dated_rates, award, staff_member):
    for day in ("2026-02-10", "2026-02-11", "2026-02-12"):
        award(
            price="1000",
            currency="CAD",
            published="2026-02-01",
            awarded=day,
            skills=("sportsbook", "odds-feeds"),
        )
    award(price="1000", currency="CAD", published="2026-02-01", awarded="2026-02-13")
    for vendor in VendorFactory.create_batch(3):
        vendor.skills.add(skill("sportsbook"))

    summary = insights_summary(user=staff_member, query=PERIOD)

    sportsbook_holders = Vendor.objects.filter(skills=skill("sportsbook")).count()
    live_odds_holders = Vendor.objects.filter(skills=skill("odds-feeds")).count()
    assert [(s.slug, s.requests, s.vendors) for s in summary.top_skills] == [
        ("sportsbook", 4, sportsbook_holders),
        ("odds-feeds", 3, live_odds_holders),
    ]
    # odds-feeds: 3 requests and fewer vendors than sportsbook's, so scarcer.
    assert [s.slug for s in summary.scarce_skills] == ["odds-feeds", "sportsbook"]


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ({"a": 5, "b": 4}, set()),
        ({"a": 5, "b": 1}, {"a", "b"}),
        ({"a": 5, "b": 4, "c": 1}, {"b", "c"}),
        ({"a": 5, "b": 2, "c": 1}, {"b", "c"}),
        ({"a": 5, "b": 4, "c": 0}, set()),
        ({"a": 2}, {"a"}),
    ],
)
def test_suppression_hides_small_cells_and_what_would_give_them_back(counts, hidden):
    assert suppressed(sizes=counts) == hidden


def test_the_query_count_does_not_grow_with_the_awards(
    dated_rates, award, staff_member, django_assert_num_queries
):
    award(price="100000", currency="CAD", published="2026-02-01", awarded="2026-03-01")
    with django_assert_num_queries(11) as first:
        insights_summary(user=staff_member, query=PERIOD)
    for day in range(2, 12):
        award(
            sector_slug="lottery",
            price="5000",
            currency="USD",
            published="2026-01-05",
            awarded=f"2026-02-{day:02d}",
            rivals=1,
        )
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(len(first.captured_queries)):
        insights_summary(user=staff_member, query=PERIOD)


def test_the_summary_is_cached_until_an_award_refreshes_it(
    market, staff_member, django_assert_num_queries
):
    insights_summary(user=staff_member, query=PERIOD)
    with django_assert_num_queries(0):
        insights_summary(user=staff_member, query=PERIOD)


def test_an_award_refreshes_the_cached_summary(
    market, staff_member, award, django_capture_on_commit_callbacks
):
    before = insights_summary(user=staff_member, query=PERIOD)
    with django_capture_on_commit_callbacks(execute=True):
        award(price="1000", currency="CAD", published="2026-01-05", awarded="2026-01-06")

    after = insights_summary(user=staff_member, query=PERIOD)

    assert after.total.count == before.total.count + 1


def test_a_new_exchange_rate_refreshes_the_cached_summary(
    market, staff_member, django_capture_on_commit_callbacks
):
    before = insights_summary(user=staff_member, query=PERIOD)
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeRate.objects.create(
            currency="USD", valid_from=date(2026, 3, 5), rate_to_cad=Decimal("1.50")
        )

    after = insights_summary(user=staff_member, query=PERIOD)

    assert after.total.awarded_cad == before.total.awarded_cad + Decimal("5000.00")


def test_a_rolled_back_award_leaves_the_cache_alone(market, staff_member, award):
    insights_summary(user=staff_member, query=PERIOD)
    # Without the commit (the test's transaction never commits), the figures stay cached.
    award(price="1000", currency="CAD", published="2026-01-05", awarded="2026-01-06")

    assert insights_summary(user=staff_member, query=PERIOD).total.count == 4


def test_a_cell_of_one_companys_contracts_is_small_however_many(dated_rates, award, visitor):
    """Three igaming awards, two of them to one company: its members would read the third
    company's contract off the cell."""
    repeat = award(price="1000", currency="CAD", published="2026-02-01", awarded="2026-03-01")
    again = award(price="1000", currency="CAD", published="2026-02-01", awarded="2026-03-02")
    award(price="1000", currency="CAD", published="2026-02-01", awarded="2026-03-03")
    Engagement.objects.filter(pk=repeat.pk).update(company=again.company)
    for day in ("04", "05", "06"):
        award(
            sector_slug="ai-ml",
            price="1000",
            currency="CAD",
            published="2026-02-01",
            awarded=f"2026-03-{day}",
        )

    summary = insights_summary(user=visitor, query=PERIOD)

    assert {(c.key, c.is_suppressed) for c in summary.by_sector} == {
        ("igaming", True),
        ("ai-ml", True),  # hidden with it: the total minus ai-ml would give igaming back
    }


def test_the_gambling_total_hides_when_it_would_give_a_hidden_sector_back(
    dated_rates, award, visitor
):
    award(
        sector_slug="sports-betting",
        price="12345",
        currency="CAD",
        published="2026-02-01",
        awarded="2026-03-01",
    )
    for day in range(2, 6):
        award(
            sector_slug="ai-ml",
            price="1000",
            currency="CAD",
            published="2026-02-01",
            awarded=f"2026-03-{day:02d}",
        )
    for day in range(6, 16):
        award(price="50000", currency="CAD", published="2026-02-01", awarded=f"2026-03-{day:02d}")

    summary = insights_summary(user=visitor, query=PERIOD)

    shown = {c.key: c.awarded_cad for c in summary.by_sector if not c.is_suppressed}
    assert shown == {"igaming": Decimal("500000.00")}
    # 512,345 for gambling beside igaming's 500,000 would be sports betting's one contract.
    assert summary.gambling.is_suppressed


def test_posted_demand_hides_one_or_two_requests_by_invitation(dated_rates, award, visitor):
    for day in ("10", "11", "12"):
        award(price="1000", currency="CAD", published=f"2026-02-{day}", awarded="2026-03-20")
    OutsourcingRequestFactory(
        status=OutsourcingRequest.Status.PUBLISHED,
        visibility=OutsourcingRequest.Visibility.INVITATION,
        currency="CAD",
        budget_min=Decimal("1"),
        budget_max=Decimal("276825"),
        published_at=noon("2026-02-15"),
    )

    summary = insights_summary(user=visitor, query=PERIOD)

    # The open requests' budgets are open data: the total would give the fourth one away.
    assert summary.posted_count == 4
    assert summary.posted_demand_cad is None
    assert summary.awarded_share is None
    assert summary.total.awarded_cad == Decimal("3000.00")


def test_the_share_awarded_follows_the_requests_posted_in_the_period(
    dated_rates, award, staff_member
):
    # Published in December, awarded in February: an award of the period, not of its demand.
    award(price="90000", currency="CAD", published="2025-12-01", awarded="2026-02-01")
    award(
        price="30000",
        currency="CAD",
        published="2026-02-01",
        awarded="2026-03-01",
        budget_max="100000",
    )

    summary = insights_summary(user=staff_member, query=PERIOD)

    assert summary.total.awarded_cad == Decimal("120000.00")
    assert summary.posted_demand_cad == Decimal("100000.00")
    assert summary.awarded_share == pytest.approx(0.3)


def test_the_database_converts_to_the_cent_as_the_proposals_comparison_does(
    dated_rates, award, staff_member
):
    """10.05 USD at 1.30 is 13.065 CAD: half a cent, rounded up in SQL and in Python alike."""
    award(price="10.05", currency="USD", published="2026-02-01", awarded="2026-02-02")

    summary = insights_summary(user=staff_member, query=PERIOD)

    rates = exchange_rates_on(on=date(2026, 2, 2))
    assert (
        summary.total.awarded_cad
        == rates.convert(Decimal("10.05"), source="USD", target="CAD")
        == Decimal("13.07")
    )
    assert summary.total.awarded_mxn == rates.convert(Decimal("10.05"), source="USD", target="MXN")
