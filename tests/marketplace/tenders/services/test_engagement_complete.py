"""engagement_complete: a member of the awarding company says the work is done, once, on an
active engagement; the vendor is told."""

import pytest

from marketplace.events.models import Event
from marketplace.tenders.models import Engagement
from marketplace.tenders.services import engagement_complete

from .. import concerns, conflict, forbidden, the_event


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_company_completes_and_the_vendor_is_told(request, engagement, who):
    actor = request.getfixturevalue(who)

    completed = engagement_complete(actor=actor, engagement=engagement)

    assert completed.status == Engagement.Status.COMPLETED
    assert completed.completed_at is not None
    event = the_event(Event.Kind.ENGAGEMENT_COMPLETED)
    assert event.actor == actor
    assert event.request == engagement.request
    assert event.data == {"engagement": engagement.pk}
    assert concerns(event) == ({engagement.company}, {engagement.vendor})


@pytest.mark.parametrize("who", ["staff", "olga", "vera", "victor", "una", "charlie"])
def test_only_the_companys_members_complete(request, engagement, who):
    """The vendor cannot declare its own work done, nor staff for the company."""
    actor = request.getfixturevalue(who)

    with forbidden():
        engagement_complete(actor=actor, engagement=engagement)


def test_an_engagement_is_completed_once(completed_engagement, bob):
    with conflict("engagement_not_active"):
        engagement_complete(actor=bob, engagement=completed_engagement)


def test_a_cancelled_engagement_cannot_be_completed(engagement, bob):
    Engagement.objects.filter(pk=engagement.pk).update(status=Engagement.Status.CANCELLED)

    with conflict("engagement_not_active") as refusal:
        engagement_complete(actor=bob, engagement=engagement)
    assert "cancelled" in str(refusal.value)
