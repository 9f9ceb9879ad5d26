"""The endpoint form's event checkboxes: every kind, once, under a group."""

from marketplace.events.models import Event
from marketplace.webhooks.forms import EVENT_GROUPS, event_choices


def test_every_event_kind_is_offered_once():
    offered = [value for _group, choices in event_choices() for value, _label in choices]

    assert sorted(offered) == sorted(Event.Kind.values)


def test_every_kind_has_a_group_of_its_own_so_none_falls_under_other():
    placed = [kind for _group, kinds in EVENT_GROUPS for kind in kinds]

    assert sorted(placed) == sorted(Event.Kind)
