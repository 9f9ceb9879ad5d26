"""In-app notifications: one row per person told of an event.

The sentence is not stored: it is written when read, in the reader's language, from the event
and the rows it names (marketplace/notifications/messages.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.events.models import Event


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("event")
    )
    # Copied from the event so that lists can be filtered by kind without a join.
    kind = models.CharField(_("kind"), max_length=40, choices=Event.Kind.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Marking read changes it: an integration syncs with `updated_after` (config/lists.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Delivery is at least once (after commit, then the sweeper): the second delivery
            # of an event must not show it to anyone twice.
            models.UniqueConstraint(
                fields=["recipient", "event"],
                name="notification_once_per_event",
                violation_error_message=_("This person is already told of this event."),
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
