"""bid_invitation_accept/decline: who may answer an invitation, and when."""

import pytest

from config.errors import PermissionDenied
from marketplace.models import Vendor
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation


def test_a_suspended_vendor_cannot_accept_but_may_decline(bid_invitation, vendor, vera):
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)
    vera.membership.vendor.refresh_from_db()

    with pytest.raises(PermissionDenied) as refused:
        services.bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)
    assert refused.value.code == "vendor_not_approved"
    bid_invitation.refresh_from_db()
    assert bid_invitation.is_pending

    declined = services.bid_invitation_decline(
        actor=vera, bid_invitation=bid_invitation, reason="Paused."
    )
    assert declined.status == BidInvitation.Status.DECLINED
