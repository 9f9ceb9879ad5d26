"""The event log: one row per transition, with the organisations it concerns."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from marketplace.models import OutsourcingRequest, Vendor


class Event(models.Model):
    """Something that happened, written by the service that made it happen.

    `companies` and `vendors` are the organisations the event concerns (who is told); `data`
    holds the ids of the objects involved (`{"proposal": 7, "engagement": 3}`), never personal
    data, so the log can be kept as long as the marketplace needs it.
    """

    class Kind(models.TextChoices):
        INVITATION_SENT = "invitation.sent", _("Person invited to the team")
        INVITATION_ACCEPTED = "invitation.accepted", _("Invitation to the team accepted")
        VENDOR_APPROVED = "vendor.approved", _("Vendor approved")
        VENDOR_SUSPENDED = "vendor.suspended", _("Vendor suspended")
        REQUEST_PUBLISHED = "request.published", _("Request published that fits the vendor")
        BID_INVITATION_SENT = "bid_invitation.sent", _("Vendor invited to bid")
        BID_INVITATION_ACCEPTED = "bid_invitation.accepted", _("Bid invitation accepted")
        BID_INVITATION_DECLINED = "bid_invitation.declined", _("Bid invitation declined")
        QUESTION_ASKED = "question.asked", _("Question asked")
        QUESTION_ANSWERED = "question.answered", _("Question answered")
        PROPOSAL_SUBMITTED = "proposal.submitted", _("Proposal submitted")
        PROPOSAL_WITHDRAWN = "proposal.withdrawn", _("Proposal withdrawn")
        PROPOSAL_SHORTLISTED = "proposal.shortlisted", _("Proposal shortlisted")
        REQUEST_AWARDED = "request.awarded", _("Request awarded")
        REQUEST_CANCELLED = "request.cancelled", _("Request cancelled")
        ENGAGEMENT_COMPLETED = "engagement.completed", _("Engagement completed")
        ENGAGEMENT_CANCELLED = "engagement.cancelled", _("Engagement cancelled")
        REVIEW_POSTED = "review.posted", _("Review posted")
        REVIEW_REPLIED = "review.replied", _("Review replied to")
        WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled", _("Webhook endpoint disabled")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    # When it happened, as its service dates it (a moderation: with the status change).
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # When the row was written, whatever the date above: the events feed waits from this
    # (EVENTS_FEED_DELAY), so a back-dated event cannot show before a lower id has committed.
    recorded_at = models.DateTimeField(
        _("recorded at"), default=timezone.now, db_index=True, editable=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    request = models.ForeignKey(
        OutsourcingRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("request"),
    )
    data = models.JSONField(_("objects involved"), default=dict, blank=True)
    companies = models.ManyToManyField(
        Company, blank=True, related_name="events", verbose_name=_("companies concerned")
    )
    vendors = models.ManyToManyField(
        Vendor, blank=True, related_name="events", verbose_name=_("vendors concerned")
    )
    # Set once the people concerned have been told (marketplace.notifications); the sweeper
    # sends again the events a broker outage or a dead worker left without it.
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "created_at"], name="event_kind_created_idx")]

    def __str__(self):
        return f"{self.kind} #{self.pk}"


# Told to a vendor's people only (its moderation, the requests that fit it): no company is ever
# concerned by them, so a company's people choose no email for them and its webhook endpoints
# cannot ask for them.
VENDOR_ONLY_KINDS = frozenset(
    {Event.Kind.VENDOR_APPROVED, Event.Kind.VENDOR_SUSPENDED, Event.Kind.REQUEST_PUBLISHED}
)


def event_kinds_for(*, organisation) -> list[str]:
    """The kinds of event that can concern `organisation` (a membership, an endpoint: anything
    naming a company or a vendor), in their order; every kind for None (staff)."""
    if organisation is not None and organisation.company_id is not None:
        return [kind for kind in Event.Kind.values if kind not in VENDOR_ONLY_KINDS]
    return list(Event.Kind.values)
