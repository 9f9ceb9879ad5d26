import django_filters

from config.lists import BooleanFilter, TimestampFilterSet
from marketplace.events.models import Event

from .models import Notification


class NotificationFilter(TimestampFilterSet):
    unread = BooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="Only the unread (true) or read."
    )
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)

    class Meta:
        model = Notification
        fields = ["unread", "kind"]
