"""Closing a request: awarded to one proposal, or cancelled — always with a reason that every
vendor who took part is told."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict
from config.policies import refuse_unless
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest

from ..models import Engagement, Proposal
from ..policies import can_award_request, can_cancel_request
from ..selectors import participating_vendors, vendors_still_expected
from .base import ensure_published, record, required_text
from .invitations import locked


@transaction.atomic
def request_award(
    *, actor: User, outsourcing_request: OutsourcingRequest, proposal: Proposal, reason: str
) -> Engagement:
    """Award `proposal`: the request is awarded, an engagement starts, every other live
    proposal is not awarded, and every vendor that took part reads `reason`.

    The request's row lock makes two concurrent awards produce exactly one winner; the second
    finds the request awarded (409).
    """
    refuse_unless(can_award_request, user=actor, obj=outsourcing_request)
    reason = required_text(
        reason,
        field="reason",
        message=_("Say why this proposal wins."),
        stored_in=Engagement._meta.get_field("award_reason"),
    )
    outsourcing_request = locked(outsourcing_request)
    if outsourcing_request.is_awarded:
        raise Conflict(_("This request is already awarded."), code="request_already_awarded")
    ensure_published(outsourcing_request)
    if proposal.request_id != outsourcing_request.pk:
        raise ValidationError({"proposal": _("This proposal is for another request.")})
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_live:
        raise Conflict(
            _("This proposal is %(status)s; only a live proposal can be awarded.")
            % {"status": proposal.get_status_display().lower()},
            code="proposal_not_live",
        )
    now = timezone.now()
    if outsourcing_request.accepts_proposals(now=now):
        expected = vendors_still_expected(outsourcing_request=outsourcing_request)
        if expected or outsourcing_request.is_open_to_all:
            raise Conflict(
                _(
                    "Proposals are due on %(due)s and vendors may still propose; award after "
                    "that, or bring the deadline forward."
                )
                % {
                    "due": formats.date_format(
                        timezone.localtime(outsourcing_request.proposals_due),
                        "SHORT_DATETIME_FORMAT",
                    )
                },
                code="award_before_deadline",
            )
    vendors = participating_vendors(outsourcing_request=outsourcing_request)
    outsourcing_request.status = OutsourcingRequest.Status.AWARDED
    outsourcing_request.closed_at = now
    outsourcing_request.save(update_fields=["status", "closed_at", "updated_at"])
    proposal.status = Proposal.Status.AWARDED
    proposal.outcome_reason = reason
    proposal.save(update_fields=["status", "outcome_reason", "updated_at"])
    outsourcing_request.proposals.filter(status__in=Proposal.LIVE).update(
        status=Proposal.Status.NOT_AWARDED, outcome_reason=reason, updated_at=now
    )
    engagement = Engagement(
        request=outsourcing_request,
        proposal=proposal,
        company=outsourcing_request.company,
        vendor=proposal.vendor,
        award_reason=reason,
        awarded_by=actor,
    )
    engagement.full_clean()
    engagement.save()
    record(
        Event.Kind.REQUEST_AWARDED,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=vendors,
        proposal=proposal,
        engagement=engagement,
    )
    return engagement


@transaction.atomic
def request_cancel(
    *, actor: User, outsourcing_request: OutsourcingRequest, reason: str
) -> OutsourcingRequest:
    """Cancel a draft or published request; every invited vendor and proposer reads why."""
    refuse_unless(can_cancel_request, user=actor, obj=outsourcing_request)
    reason = required_text(
        reason,
        field="reason",
        message=_("Say why the request is cancelled."),
        stored_in=OutsourcingRequest._meta.get_field("cancellation_reason"),
    )
    outsourcing_request = locked(outsourcing_request)
    if not outsourcing_request.can_become(OutsourcingRequest.Status.CANCELLED):
        raise Conflict(
            _("This request is %(status)s; it can no longer be cancelled.")
            % {"status": outsourcing_request.get_status_display().lower()},
            code="request_closed",
        )
    now = timezone.now()
    vendors = participating_vendors(outsourcing_request=outsourcing_request)
    outsourcing_request.status = OutsourcingRequest.Status.CANCELLED
    outsourcing_request.closed_at = now
    outsourcing_request.cancellation_reason = reason
    outsourcing_request.save(
        update_fields=["status", "closed_at", "cancellation_reason", "updated_at"]
    )
    outsourcing_request.proposals.filter(status__in=Proposal.LIVE).update(
        status=Proposal.Status.REQUEST_CANCELLED, outcome_reason=reason, updated_at=now
    )
    record(
        Event.Kind.REQUEST_CANCELLED,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=vendors,
    )
    return outsourcing_request
