"""engagement_cancel: a company owner ends an active engagement early, saying why; the vendor
is told."""

import pytest

from marketplace.events.models import Event
from marketplace.tenders.models import Engagement
from marketplace.tenders.services import engagement_cancel

from .. import concerns, conflict, forbidden, invalid, the_event

REASON = "El proyecto se canceló por el regulador."


def test_the_owner_cancels_and_the_vendor_is_told(engagement, alice):
    cancelled = engagement_cancel(actor=alice, engagement=engagement, reason=f"{REASON}  ")

    assert cancelled.status == Engagement.Status.CANCELLED
    assert cancelled.cancellation_reason == REASON
    assert cancelled.cancelled_at is not None
    assert cancelled.completed_at is None
    event = the_event(Event.Kind.ENGAGEMENT_CANCELLED)
    assert event.actor == alice
    assert event.data == {"engagement": engagement.pk}
    assert concerns(event) == ({engagement.company}, {engagement.vendor})


@pytest.mark.parametrize("who", ["bob", "staff", "olga", "vera", "victor", "charlie"])
def test_only_the_companys_owners_cancel(request, engagement, who):
    actor = request.getfixturevalue(who)

    with forbidden("owner_only"):
        engagement_cancel(actor=actor, engagement=engagement, reason=REASON)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_cancellation_needs_a_reason(engagement, alice, reason):
    with invalid("reason"):
        engagement_cancel(actor=alice, engagement=engagement, reason=reason)


def test_a_completed_engagement_cannot_be_cancelled(completed_engagement, alice):
    with conflict("engagement_not_active"):
        engagement_cancel(actor=alice, engagement=completed_engagement, reason=REASON)


def test_an_engagement_is_cancelled_once(engagement, alice):
    engagement_cancel(actor=alice, engagement=engagement, reason=REASON)

    with conflict("engagement_not_active"):
        engagement_cancel(actor=alice, engagement=engagement, reason="Otra vez.")


def test_a_missing_reason_is_reported_before_the_engagements_state(completed_engagement, alice):
    with invalid("reason"):
        engagement_cancel(actor=alice, engagement=completed_engagement, reason=" ")


def test_a_reason_over_the_limit_is_refused_and_the_work_goes_on(engagement, alice):
    with invalid("reason"):
        engagement_cancel(actor=alice, engagement=engagement, reason="x" * 5001)

    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.ACTIVE
