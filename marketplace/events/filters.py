"""The events feed's filters: where to go on from, and which kinds."""

import django_filters
from django import forms

from config.api import MAX_ID_DIGITS

from .models import Event


class IdFilter(django_filters.Filter):
    """A whole number from 0 to the largest id the API takes (`?after=abc` or `-1`: 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10**MAX_ID_DIGITS - 1)
        super().__init__(*args, **kwargs)


class EventFeedFilter(django_filters.FilterSet):
    after = IdFilter(
        field_name="id",
        lookup_expr="gt",
        help_text="Only events with a greater id: the last id you received (the `next` link "
        "carries it). Without it, the feed starts at the oldest event.",
    )
    type = django_filters.MultipleChoiceFilter(
        field_name="kind",
        choices=Event.Kind.choices,
        help_text="Only events of this kind; repeat it for several.",
    )

    class Meta:
        model = Event
        fields = ["after", "type"]
