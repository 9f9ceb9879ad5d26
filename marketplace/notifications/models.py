"""In-app notifications: one row per person told of an event, and what it became by email.

The sentence is not stored: it is written when read, in the reader's language, from the event
and the rows it names (marketplace/notifications/messages.py). Whether each person wants an
email of a kind, at once or in the daily digest, is their `NotificationPreference`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.events.models import Event


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    SENT = "sent", _("Sent")
    DIGEST = "digest", _("Waiting for the daily digest")
    SKIPPED = "skipped", _("Not sent")
    # The mail server refused it for good (an SMTP 5xx: no such mailbox, a message it will
    # never take): retrying would only be refused again, and would hold up the others.
    FAILED = "failed", _("Refused by the mail server")


class EmailChoice(models.TextChoices):
    """How a person wants to hear of a kind of event by email (in the app, always)."""

    IMMEDIATE = "immediate", _("Email at once")
    DAILY = "daily", _("Daily digest")
    NEVER = "never", _("No email")


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
    # What became of its email: decided once, by whoever claims the row while it is pending
    # (services.notification_email_send), so a redelivered task or the sweeper sends nothing
    # twice. PENDING → SENT (emailed now) | DIGEST → SENT (in a daily digest) | SKIPPED |
    # FAILED (refused by the mail server for good).
    email_status = models.CharField(
        _("email"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    # When a task to send its email was last queued: while that task may still be retrying
    # (tasks.MAIL_RETRY_WINDOW), the sweeper leaves the row to it instead of queueing another.
    email_queued_at = models.DateTimeField(_("email queued at"), null=True, blank=True)

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
            # The sweeper and the digest look for the few rows still waiting for their email.
            models.Index(
                fields=["email_status", "created_at"],
                name="notification_email_wait_idx",
                condition=models.Q(email_status__in=["pending", "digest"]),
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A person's choice of email for one kind of event. No row: the kind's default
    (`DEFAULT_EMAIL` in selectors.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Event.Kind.choices)
    email = models.CharField(_("email"), max_length=10, choices=EmailChoice.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_once_per_kind",
                violation_error_message=_("This person already chose for this kind of event."),
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.email}"
