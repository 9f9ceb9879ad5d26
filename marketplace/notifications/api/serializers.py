from rest_framework import serializers

from config.serializers import ModelSerializer
from marketplace.events.models import Event

from ..models import EmailChoice, Notification


class NotificationSerializer(ModelSerializer):
    """A notification with its sentence in the caller's language and the page to act on."""

    event = serializers.IntegerField(source="event_id", read_only=True, help_text="The event's id.")
    text = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The web page to act on it.")
    unread = serializers.BooleanField(source="is_unread", read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "event",
            "kind",
            "text",
            "url",
            "unread",
            "read_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _message(self, notification):
        return self.context["messages"][notification.pk]

    def get_text(self, notification) -> str:
        return self._message(notification).text

    def get_url(self, notification) -> str:
        request = self.context.get("request")
        url = self._message(notification).url
        return request.build_absolute_uri(url) if request else url


class NotificationPreferenceSerializer(serializers.Serializer):
    """How the caller is emailed of one kind of event (in the app they are always told)."""

    kind = serializers.ChoiceField(choices=Event.Kind.choices, read_only=True)
    label = serializers.CharField(read_only=True, help_text="The kind's name, in your language.")
    email = serializers.ChoiceField(
        choices=EmailChoice.choices,
        help_text="`immediate`: an email for each; `daily`: in one email a day; `never`.",
    )
    is_default = serializers.BooleanField(
        read_only=True, help_text="True while you have not chosen: the kind's default applies."
    )
