from rest_framework import serializers

from config.serializers import ModelSerializer
from marketplace.events.models import Event

from ..models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointSerializer(ModelSerializer):
    """An endpoint as read: never its secret."""

    events = serializers.ListField(child=serializers.ChoiceField(choices=Event.Kind.choices))

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "company",
            "vendor",
            "url",
            "events",
            "is_active",
            "disabled_at",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "company",
            "vendor",
            "disabled_at",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]
        # The URL's rules are the model's (urls_check.py), asked by the service.
        extra_kwargs = {"url": {"validators": []}}


class WebhookEndpointCreateSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=Event.Kind.choices), allow_empty=False
    )


class WebhookEndpointUpdateSerializer(WebhookEndpointCreateSerializer):
    """PUT names the URL and the events (and may pause); PATCH any of them."""

    is_active = serializers.BooleanField(required=False)


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    """An endpoint just created or rolled, with its signing secret: the one time it is shown."""

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = [*WebhookEndpointSerializer.Meta.read_only_fields, "secret"]


class WebhookDeliverySerializer(ModelSerializer):
    event_type = serializers.CharField(source="event.kind", read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_type",
            "attempt",
            "status_code",
            "error",
            "duration_ms",
            "response_excerpt",
            "created_at",
        ]
        read_only_fields = fields


class WebhookReplaySerializer(serializers.Serializer):
    event = serializers.IntegerField(min_value=1)
