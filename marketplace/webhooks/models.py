"""An organisation's webhook endpoints and every attempt to deliver an event to one."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from companies.models import OrganisationLink, TimeStampedModel
from marketplace.events.models import Event, event_kinds_for

from .urls_check import url_validate

SECRET_PREFIX = "whsec_"  # noqa: S105 — a label, not a secret
EXCERPT_LENGTH = 500
# The error of an attempt until its outcome is recorded: for good if its worker died meanwhile.
NO_OUTCOME = "no outcome recorded"


def secret_generate() -> str:
    """A fresh signing secret (256 bits)."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def events_validate(value) -> None:
    """A non-empty list of distinct event kinds."""
    if not isinstance(value, list) or not value:
        raise ValidationError(gettext("Choose at least one event."), code="invalid")
    unknown = [kind for kind in value if kind not in Event.Kind.values]
    if unknown:
        raise ValidationError(
            gettext("Unknown event kinds: %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))},
            code="invalid",
        )
    if len(set(value)) != len(value):
        raise ValidationError(gettext("Name each event once."), code="invalid")


class WebhookEndpoint(OrganisationLink, TimeStampedModel):
    """Where an organisation (a company or a vendor) wants its events POSTed.

    `secret` signs every delivery (signing.py), so it is kept as it is; the API shows it when
    the endpoint is created and when it is rolled, never in a read."""

    url = models.URLField(_("URL"), max_length=500, validators=[url_validate])
    events = models.JSONField(_("events"), default=list, validators=[events_validate])
    secret = models.CharField(_("signing secret"), max_length=80, default=secret_generate)
    is_active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.CharField(_("why it was disabled"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created_at", "-id"]
        constraints = [
            OrganisationLink.exactly_one_organisation(
                name="webhook_endpoint_exactly_one_organisation",
                message=_("A webhook endpoint is for one company or one vendor."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.url}"

    def clean(self):
        super().clean()
        if not isinstance(self.events, list):  # events_validate says what is wrong
            return
        never = [kind for kind in self.events if kind not in event_kinds_for(organisation=self)]
        never = [kind for kind in never if kind in Event.Kind.values]  # unknown: said already
        if never:
            message = gettext("A company is never told of these events: %(kinds)s.") % {
                "kinds": ", ".join(never)
            }
            raise ValidationError({"events": ValidationError(message, code="invalid")})

    @property
    def is_disabled(self) -> bool:
        """Turned off by Norte after a day of failures (paused by its owners otherwise)."""
        return not self.is_active and self.disabled_at is not None

    def wants(self, kind: str) -> bool:
        return self.is_active and kind in self.events


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one endpoint: what came back and how long it took.

    Only the first `EXCERPT_LENGTH` characters of a response are kept: enough to debug a
    receiver, not a copy of whatever it answers."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="webhook_deliveries", verbose_name=_("event")
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    response_excerpt = models.CharField(
        _("response excerpt"), max_length=EXCERPT_LENGTH, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event", "attempt"],
                name="webhook_delivery_one_row_per_attempt",
                violation_error_message=_("This attempt is already recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint_id} #{self.attempt}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def has_outcome(self) -> bool:
        """False while its POST is queued or under way (and for good if its worker died)."""
        return self.status_code is not None or self.error != NO_OUTCOME
