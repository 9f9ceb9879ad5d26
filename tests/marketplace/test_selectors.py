"""marketplace/selectors.py: who sees a published request, from the vendors' side, agrees with
what each vendor's members are shown (`request_list_visible`); a ranking as the buyer's page
lists it (strong matches first), the sector it ranked the request as, and as a vendor reads its
own place in it; what a listing lacks before approval, and the skills its descriptions mention
that it does not list; money converted into the reader's currency."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.models import ExchangeRate, MatchResult, MatchRun, Vendor
from marketplace.selectors import (
    Approximation,
    exchange_rates_on,
    match_result_of_vendor,
    match_results_strong_first,
    reader_money,
    request_list_visible,
    sector_ranked_as,
    vendor_list_seeing_request,
    vendor_listing_gaps,
    vendor_skill_suggestions,
)
from marketplace.services.matching.prose import vendor_described_skills_refresh
from tests.factories import (
    BidInvitationFactory,
    OutsourcingRequestFactory,
    VendorFactory,
    sector,
    skill,
)

# The tender cast (a by-invitation request, an open one, a draft; Una's uninvited vendor).
from tests.marketplace.tenders.conftest import *  # noqa: F403

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("which", ["outsourcing_request", "open_request", "draft_request"])
def test_the_vendors_seeing_a_request_are_those_whose_members_see_it(
    request, which, bid_invitation, vera, una, pablo, draft_request
):
    outsourcing_request = request.getfixturevalue(which)
    BidInvitationFactory(request=draft_request, vendor=vera.membership.vendor)
    members = {"vera": vera, "una": una, "pablo": pablo}

    seeing = set(vendor_list_seeing_request(outsourcing_request=outsourcing_request))
    shown = {
        name
        for name, user in members.items()
        if request_list_visible(user=user).filter(pk=outsourcing_request.pk).exists()
    }

    assert {name for name, user in members.items() if user.membership.vendor in seeing} == shown


def test_a_suspended_vendor_sees_nothing_even_invited(bid_invitation, vendor):
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)

    assert not vendor_list_seeing_request(outsourcing_request=bid_invitation.request).exists()


def ranking(outsourcing_request, vendors_and_scores, *, status=MatchRun.Status.DONE, **run):
    done = MatchRun.objects.create(
        request=outsourcing_request, trigger=MatchRun.Trigger.PUBLISH, status=status, **run
    )
    for rank, (ranked, score) in enumerate(vendors_and_scores, start=1):
        MatchResult.objects.create(run=done, vendor=ranked, rank=rank, score=score)
    return done


def test_strong_matches_come_first_and_the_others_only_when_asked_for(open_request):
    vendors = VendorFactory.create_batch(4)
    run = ranking(open_request, zip(vendors, [88, 60, 59.9, 10], strict=True), candidates=7)

    first = match_results_strong_first(run=run, with_others=False)
    everyone = match_results_strong_first(run=run, with_others=True)

    assert [r.vendor for r in first.strong] == vendors[:2]
    assert (first.others, first.others_count, first.beyond_kept) == ([], 2, 3)
    assert [r.vendor for r in everyone.others] == vendors[2:]


def test_without_a_done_run_there_is_nothing_to_split():
    nothing = match_results_strong_first(run=None, with_others=True)

    assert (nothing.strong, nothing.others, nothing.others_count) == ([], [], 0)
    assert nothing.beyond_kept is None


def test_a_vendor_gets_only_its_own_result_from_the_ranking_the_company_sees(open_request, vendor):
    rival = VendorFactory()
    older = ranking(open_request, [(vendor, 20)])
    shown = ranking(open_request, [(rival, 90), (vendor, 70)])
    ranking(open_request, [], status=MatchRun.Status.RUNNING)

    run, own = match_result_of_vendor(vendor=vendor, outsourcing_request=open_request)

    assert run == shown != older
    assert (own.vendor, own.score) == (vendor, 70)


def test_a_vendor_the_ranking_did_not_keep_gets_no_result(open_request, vendor):
    shown = ranking(open_request, [(VendorFactory(), 90)])

    assert match_result_of_vendor(vendor=vendor, outsourcing_request=open_request) == (shown, None)


def test_before_any_ranking_is_done_there_is_neither(company, vendor):
    draft = OutsourcingRequestFactory(company=company)

    assert match_result_of_vendor(vendor=vendor, outsourcing_request=draft) == (None, None)


def test_a_run_ranked_as_another_sector_than_the_filed_one_names_it(open_request):
    run = ranking(open_request, [], sector=sector("igaming"))

    assert sector_ranked_as(run=run, outsourcing_request=open_request) == sector("igaming")


def test_a_run_ranked_as_the_filed_sector_or_from_before_runs_kept_one_names_none(open_request):
    filed = ranking(open_request, [], sector=open_request.sector)
    before = ranking(open_request, [], sector=None)

    assert sector_ranked_as(run=filed, outsourcing_request=open_request) is None
    assert sector_ranked_as(run=before, outsourcing_request=open_request) is None
    assert sector_ranked_as(run=None, outsourcing_request=open_request) is None


# --- What a listing lacks before approval ---------------------------------------------------------


def test_a_complete_listing_lacks_nothing(pending_vendor):
    assert vendor_listing_gaps(vendor=pending_vendor) == []


def test_an_empty_listing_with_markup_for_a_name_lacks_everything_approval_asks_for(db):
    vendor = VendorFactory(status=Vendor.Status.PENDING, description_en="")
    # Saved before names were checked; the check applies when staff approve.
    Vendor.objects.filter(pk=vendor.pk).update(name="<script>alert(1)</script>", city=" ")
    vendor.refresh_from_db()

    assert vendor_listing_gaps(vendor=vendor) == [
        "a name that is a name (without < > or line breaks)",
        "a province and a city",
        "a sector with its level of expertise",
        "at least one skill",
        "a description in English, French or Spanish",
    ]


def test_a_description_in_any_one_language_will_do(pending_vendor):
    Vendor.objects.filter(pk=pending_vendor.pk).update(description_en="", description_es="Hola.")
    pending_vendor.refresh_from_db()

    assert vendor_listing_gaps(vendor=pending_vendor) == []


# --- Money in the reader's currency ---------------------------------------------------------------
# Reference rates from the migrations, valid from 2025-01-01: 1 MXN = 0.075 CAD, 1 USD = 1.39 CAD.

DAY = date(2026, 11, 27)


def test_conversion_goes_through_cad_to_the_cent(db):
    rates = exchange_rates_on(on=DAY)

    # 95 CAD / 0.075 = 1,266.666… MXN; 1,000 USD × 1.39 = 1,390 CAD = 18,533.33 MXN.
    assert rates.convert(Decimal("95"), source="CAD", target="MXN") == Decimal("1266.67")
    assert rates.convert(Decimal("1000"), source="USD", target="MXN") == Decimal("18533.33")
    assert rates.convert(Decimal("150000"), source="MXN", target="CAD") == Decimal("11250.00")
    assert rates.convert(Decimal("12.34"), source="MXN", target="MXN") == Decimal("12.34")


def test_the_rates_are_those_valid_on_the_day(db):
    ExchangeRate.objects.create(currency="MXN", rate_to_cad=Decimal("0.08"), valid_from=DAY)

    assert exchange_rates_on(on=DAY).convert(Decimal("100"), source="CAD", target="MXN") == Decimal(
        "1250.00"
    )
    assert exchange_rates_on(on=DAY - timedelta(days=1)).rates["MXN"].rate_to_cad == Decimal(
        "0.075"
    )


def test_without_a_rate_that_early_there_is_no_conversion(db):
    rates = exchange_rates_on(on=date(2024, 12, 31))

    assert rates.convert(Decimal("95"), source="CAD", target="MXN") is None


def test_buyers_read_rates_in_pesos_to_the_unit_with_the_rates_date(alice):
    money = reader_money(user=alice, on=DAY)

    approximation = money.approximate(Decimal("95"), Decimal("1450"), currency="CAD")

    # 1,450 / 0.075 = 19,333.33 MXN.
    assert approximation == Approximation(
        low=Decimal("1267"), high=Decimal("19333"), currency="MXN", rated_on=date(2025, 1, 1)
    )


def test_vendors_read_budgets_in_canadian_dollars(vera):
    money = reader_money(user=vera, on=DAY)

    approximation = money.approximate(Decimal("150000"), Decimal("300000"), currency="MXN")

    assert (approximation.low, approximation.high, approximation.currency) == (
        Decimal("11250"),
        Decimal("22500"),
        "CAD",
    )


def test_an_amount_already_in_the_readers_currency_is_not_repeated(alice, vera):
    assert reader_money(user=alice, on=DAY).approximate(1, 2, currency="MXN") is None
    assert reader_money(user=vera, on=DAY).approximate(1, 2, currency="CAD") is None


def test_people_outside_an_organisation_read_amounts_as_quoted(charlie, staff):
    assert reader_money(user=charlie, on=DAY) is None
    assert reader_money(user=staff, on=DAY) is None
    assert reader_money(user=AnonymousUser(), on=DAY) is None


# --- Skills a vendor's descriptions mention ------------------------------------------------------


def test_a_vendor_is_offered_the_skills_its_descriptions_mention_that_it_does_not_list(vendor):
    Vendor.objects.filter(pk=vendor.pk).update(
        description_en="Sportsbooks on Kubernetes.", description_fr="Avec Terraform."
    )
    vendor.refresh_from_db()
    vendor.skills.set([skill("sportsbook")])
    vendor_described_skills_refresh(vendor=vendor)

    assert vendor_skill_suggestions(vendor=vendor) == [skill("kubernetes"), skill("terraform")]

    vendor.skills.add(skill("terraform"))
    assert vendor_skill_suggestions(vendor=vendor) == [skill("kubernetes")]
