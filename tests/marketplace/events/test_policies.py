"""marketplace/events/policies.py: who reads every event of the feed."""

import pytest

from config.policies import policy_named
from marketplace.events.models import Event
from marketplace.events.policies import can_read_every_event
from marketplace.events.selectors import event_list_for_feed

pytestmark = pytest.mark.django_db


def test_only_staff_read_every_event(alice, vera, charlie, staff):
    assert can_read_every_event(user=staff)
    assert not any(can_read_every_event(user=user) for user in (alice, vera, charlie))
    assert policy_named("read_every_event") is can_read_every_event  # {% can %} finds it


def test_the_feed_is_scoped_by_the_policy(settings, alice, staff, company, other_company):
    settings.EVENTS_FEED_DELAY = 0
    ours, theirs = (Event.objects.create(kind=Event.Kind.REVIEW_POSTED) for _ in range(2))
    ours.companies.add(company)
    theirs.companies.add(other_company)

    assert list(event_list_for_feed(user=staff)) == [ours, theirs]
    assert list(event_list_for_feed(user=alice)) == [ours]
