"""marketplace.policies: who may do what in the marketplace, asked of each member of the cast
(tests/conftest.py). The selectors that scope by the same rules are checked to agree."""

import pytest

from marketplace.models import Vendor
from marketplace.policies import (
    can_add_reference_data,
    can_create_request,
    can_edit_vendor,
    can_manage_request,
    can_moderate_vendors,
    can_view_matches,
    can_view_vendor_status,
)
from marketplace.selectors import request_list_managed, vendor_list_own, vendor_list_visible

from ..factories import OutsourcingRequestFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsourcing_request(company):
    return OutsourcingRequestFactory(company=company)


# --- Vendors -------------------------------------------------------------------------------------


def test_a_vendors_status_is_seen_by_its_members_and_staff(allowed, vendor):
    assert allowed(can_view_vendor_status, vendor=vendor) == {"vera", "victor", "staff"}


def test_a_pending_vendors_status_is_seen_by_its_owner_and_staff(allowed, pending_vendor):
    assert allowed(can_view_vendor_status, vendor=pending_vendor) == {"pablo", "staff"}


def test_a_vendor_is_edited_by_its_owners_and_staff(allowed, vendor):
    assert allowed(can_edit_vendor, vendor=vendor) == {"vera", "staff"}


def test_a_pending_vendor_is_edited_by_its_owner_before_approval(allowed, pending_vendor):
    assert allowed(can_edit_vendor, vendor=pending_vendor) == {"pablo", "staff"}


def test_only_staff_moderate_vendors(allowed):
    assert allowed(can_moderate_vendors) == {"staff"}


def test_only_staff_add_reference_data(allowed):
    assert allowed(can_add_reference_data) == {"staff"}


def test_whoever_moderates_sees_every_vendor_whatever_its_status(cast, vendor, pending_vendor):
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)
    for who, user in cast.items():
        sees_all = set(vendor_list_visible(user=user)) == {vendor, pending_vendor, suspended}
        assert sees_all == can_moderate_vendors(user=user), who


def test_the_vendor_side_is_its_members_own_vendor(cast, vendor, pending_vendor):
    own = {who: list(vendor_list_own(user=user)) for who, user in cast.items()}

    assert own == {
        **{who: [] for who in cast},
        "vera": [vendor],
        "victor": [vendor],
        "pablo": [pending_vendor],
    }


# --- Requests ------------------------------------------------------------------------------------


def test_requests_are_drafted_by_companies_members_and_staff(allowed):
    assert allowed(can_create_request) == {"alice", "bob", "olga", "staff"}


def test_a_request_is_managed_by_its_companys_members_and_staff(allowed, outsourcing_request):
    assert allowed(can_manage_request, outsourcing_request=outsourcing_request) == {
        "alice",
        "bob",
        "staff",
    }


def test_the_ranking_is_the_buyers_not_the_vendors(allowed, outsourcing_request):
    assert allowed(can_view_matches, outsourcing_request=outsourcing_request) == {
        "alice",
        "bob",
        "staff",
    }


def test_the_managed_requests_are_the_ones_the_policy_lets_each_manage(
    cast, outsourcing_request, other_company
):
    elsewhere = OutsourcingRequestFactory(company=other_company)
    for who, user in cast.items():
        managed = set(request_list_managed(user=user))
        assert managed == {
            row
            for row in (outsourcing_request, elsewhere)
            if can_manage_request(user=user, outsourcing_request=row)
        }, who
