from rest_framework import serializers

from ..models import Event
from ..selectors import event_payload


class EventSerializer(serializers.Serializer):
    """An event as webhooks POST it (`event_payload`): the fields below only describe it."""

    id = serializers.IntegerField(help_text="The event's id; deduplicate by it.")
    type = serializers.ChoiceField(choices=Event.Kind.choices, help_text="What happened.")
    created = serializers.DateTimeField(help_text="When it happened (UTC).")
    data = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text="The ids of the objects involved, with the request's (null when none).",
    )

    def to_representation(self, instance):
        return event_payload(event=instance)
