"""event_kinds_for: the kinds of event that can concern an organisation."""

import pytest

from companies.policies import membership_of
from marketplace.events.models import VENDOR_ONLY_KINDS, Event, event_kinds_for

pytestmark = pytest.mark.django_db


def test_a_company_is_never_concerned_by_a_vendors_own_events(alice):
    kinds = event_kinds_for(organisation=membership_of(user=alice))

    assert set(kinds) == set(Event.Kind.values) - VENDOR_ONLY_KINDS
    assert kinds == [kind for kind in Event.Kind.values if kind in kinds]  # in their order


def test_a_vendor_and_staff_may_be_concerned_by_every_kind(vera):
    assert event_kinds_for(organisation=membership_of(user=vera)) == list(Event.Kind.values)
    assert event_kinds_for(organisation=None) == list(Event.Kind.values)
