"""marketplace/selectors.py: who sees a published request, from the vendors' side, agrees with
what each vendor's members are shown (`request_list_visible`); a ranking as the buyer's page
lists it (strong matches first) and as a vendor reads its own place in it."""

import pytest

from marketplace.models import MatchResult, MatchRun, Vendor
from marketplace.selectors import (
    match_result_of_vendor,
    match_results_strong_first,
    request_list_visible,
    vendor_list_seeing_request,
)
from tests.factories import BidInvitationFactory, OutsourcingRequestFactory, VendorFactory

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
