"""An engagement ends completed (then the company may review it) or cancelled with a reason."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.policies import refuse_unless
from marketplace.events.models import Event

from ..models import Engagement
from ..policies import can_cancel_engagement, can_complete_engagement
from .base import move, record, required_text


def _locked(engagement: Engagement) -> Engagement:
    return Engagement.objects.select_for_update().select_related("request").get(pk=engagement.pk)


def _not_active(engagement: Engagement) -> str:
    return _("This engagement is %(status)s.") % {"status": engagement.get_status_display().lower()}


@transaction.atomic
def engagement_complete(*, actor: User, engagement: Engagement) -> Engagement:
    """The company says the work is done; the vendor sees it, and a review becomes possible."""
    refuse_unless(can_complete_engagement, user=actor, obj=engagement)
    engagement = _locked(engagement)
    move(
        engagement,
        Engagement.Status.COMPLETED,
        code="engagement_not_active",
        message=_not_active(engagement),
    )
    engagement.completed_at = timezone.now()
    engagement.save(update_fields=["status", "completed_at", "updated_at"])
    record(
        Event.Kind.ENGAGEMENT_COMPLETED,
        actor=actor,
        outsourcing_request=engagement.request,
        vendors=[engagement.vendor],
        engagement=engagement,
    )
    return engagement


@transaction.atomic
def engagement_cancel(*, actor: User, engagement: Engagement, reason: str) -> Engagement:
    """The company's owner ends the work early, saying why."""
    refuse_unless(can_cancel_engagement, user=actor, obj=engagement)
    reason = required_text(
        reason,
        field="reason",
        message=_("Say why the engagement is cancelled."),
        stored_in=Engagement._meta.get_field("cancellation_reason"),
    )
    engagement = _locked(engagement)
    move(
        engagement,
        Engagement.Status.CANCELLED,
        code="engagement_not_active",
        message=_not_active(engagement),
    )
    engagement.cancelled_at = timezone.now()
    engagement.cancellation_reason = reason
    engagement.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
    record(
        Event.Kind.ENGAGEMENT_CANCELLED,
        actor=actor,
        outsourcing_request=engagement.request,
        vendors=[engagement.vendor],
        engagement=engagement,
    )
    return engagement
