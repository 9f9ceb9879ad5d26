"""marketplace/selectors.py: who sees a published request, from the vendors' side, agrees with
what each vendor's members are shown (`request_list_visible`)."""

import pytest

from marketplace.models import Vendor
from marketplace.selectors import request_list_visible, vendor_list_seeing_request
from tests.factories import BidInvitationFactory

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
