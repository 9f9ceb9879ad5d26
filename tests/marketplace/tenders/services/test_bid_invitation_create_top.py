"""bid_invitation_create_top: "invite the top N" of the latest finished ranking, passing over the
vendors already invited or no longer meeting the request's requirements; all or nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from config.errors import Conflict, PermissionDenied
from marketplace.events.models import Event
from marketplace.models import MatchRun, OutsourcingRequest, Vendor
from marketplace.tenders.models import BidInvitation
from marketplace.tenders.services import bid_invitation_create, bid_invitation_create_top
from marketplace.tenders.services import invitations as invitation_services
from tests.factories import VendorFactory

from ..rankings import ranking


@pytest.fixture
def ranked(outsourcing_request, vendor, other_vendor):
    """Five vendors ranked for the request: Maple Odds, Northern Lights, then three more."""
    others = [VendorFactory(name=f"Ranked {n}", speaks_es=True) for n in range(3)]
    ranking(outsourcing_request, [vendor, other_vendor, *others])
    return [vendor, other_vendor, *others]


def invited(outsourcing_request) -> list[Vendor]:
    return [
        invitation.vendor
        for invitation in outsourcing_request.bid_invitations.order_by("id").select_related(
            "vendor"
        )
    ]


def test_a_member_invites_the_best_ranked_vendors_in_order(bob, outsourcing_request, ranked):
    invitations = bid_invitation_create_top(
        actor=bob, outsourcing_request=outsourcing_request, count=2
    )

    assert [invitation.vendor for invitation in invitations] == ranked[:2]
    assert invited(outsourcing_request) == ranked[:2]
    assert all(invitation.invited_by == bob for invitation in invitations)
    assert Event.objects.filter(kind=Event.Kind.BID_INVITATION_SENT).count() == 2


def test_vendors_already_invited_are_passed_over_for_the_next(
    alice, bob, outsourcing_request, ranked
):
    bid_invitation_create(actor=alice, outsourcing_request=outsourcing_request, vendor=ranked[0])

    invitations = bid_invitation_create_top(
        actor=bob, outsourcing_request=outsourcing_request, count=2
    )

    assert [invitation.vendor for invitation in invitations] == ranked[1:3]


def test_vendors_suspended_or_no_longer_meeting_the_requirements_are_passed_over(
    bob, outsourcing_request, ranked
):
    Vendor.objects.filter(pk=ranked[0].pk).update(status=Vendor.Status.SUSPENDED)
    ranked[1].speaks_en = ranked[1].speaks_es = False  # shares no language with the request
    ranked[1].speaks_fr = True
    ranked[1].save()

    invitations = bid_invitation_create_top(
        actor=bob, outsourcing_request=outsourcing_request, count=2
    )

    assert [invitation.vendor for invitation in invitations] == ranked[2:4]


def test_a_short_ranking_gives_fewer_and_a_fully_invited_one_none(bob, outsourcing_request, ranked):
    first = bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=10)
    again = bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=3)

    assert len(first) == 5
    assert again == []
    assert BidInvitation.objects.count() == 5


def test_the_latest_finished_ranking_counts_while_a_new_one_runs(bob, outsourcing_request, ranked):
    ranking(outsourcing_request, [], status=MatchRun.Status.RUNNING)

    invitations = bid_invitation_create_top(
        actor=bob, outsourcing_request=outsourcing_request, count=1
    )

    assert [invitation.vendor for invitation in invitations] == ranked[:1]


@pytest.mark.parametrize("count", [0, 11, -1, "3", True, None])
def test_the_count_goes_from_1_to_10(bob, outsourcing_request, ranked, count):
    with pytest.raises(ValidationError) as refused:
        bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=count)

    assert refused.value.message_dict == {"count": ["Invite from 1 to 10 vendors at a time."]}
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize("user", ["vera", "olga", "charlie"])
def test_only_the_companys_members_invite(request, outsourcing_request, ranked, user):
    with pytest.raises(PermissionDenied):
        bid_invitation_create_top(
            actor=request.getfixturevalue(user), outsourcing_request=outsourcing_request, count=3
        )

    assert not BidInvitation.objects.exists()


def test_staff_may_invite_for_the_company(staff, outsourcing_request, ranked):
    invitations = bid_invitation_create_top(
        actor=staff, outsourcing_request=outsourcing_request, count=1
    )

    assert len(invitations) == 1


def test_a_request_not_ranked_yet_is_refused(bob, outsourcing_request):
    ranking(outsourcing_request, [], status=MatchRun.Status.QUEUED)

    with pytest.raises(Conflict) as refused:
        bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=3)

    assert refused.value.code == "ranking_not_ready"


def test_after_the_deadline_nobody_is_invited(bob, outsourcing_request, ranked):
    outsourcing_request.proposals_due = timezone.now() - timedelta(minutes=1)
    outsourcing_request.save()

    with pytest.raises(Conflict) as refused:
        bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=3)

    assert refused.value.code == "proposals_closed"
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (OutsourcingRequest.Status.DRAFT, "request_not_published"),
        (OutsourcingRequest.Status.CANCELLED, "request_closed"),
    ],
)
def test_only_a_published_request_takes_invitations(bob, outsourcing_request, ranked, status, code):
    OutsourcingRequest.objects.filter(pk=outsourcing_request.pk).update(status=status)

    with pytest.raises(Conflict) as refused:
        bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=3)

    assert refused.value.code == code


def test_a_failure_half_way_leaves_no_invitation_behind(
    bob, outsourcing_request, ranked, monkeypatch
):
    recorded = []

    def record_then_fail(kind, **kwargs):
        if recorded:
            raise RuntimeError("the event log is down")
        recorded.append(kind)

    monkeypatch.setattr(invitation_services, "record", record_then_fail)

    with pytest.raises(RuntimeError):
        bid_invitation_create_top(actor=bob, outsourcing_request=outsourcing_request, count=3)

    assert not BidInvitation.objects.exists()
