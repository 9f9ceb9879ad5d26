"""Bid invitations: the company invites, the vendor accepts or declines."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict
from marketplace.events.models import Event
from marketplace.events.services import event_record
from marketplace.models import OutsourcingRequest, Vendor

from ..models import BidInvitation
from ..policies import can_answer_bid_invitation, can_manage_tender
from ..selectors import vendor_unmet_requirements
from .base import ensure, ensure_published, move


def ensure_accepts_proposals(outsourcing_request: OutsourcingRequest) -> None:
    if not outsourcing_request.accepts_proposals(now=timezone.now()):
        raise Conflict(
            _("Proposals for this request were due on %(due)s.")
            % {
                "due": timezone.localtime(outsourcing_request.proposals_due).strftime(
                    "%Y-%m-%d %H:%M"
                )
            },
            code="proposals_closed",
        )


def locked(outsourcing_request: OutsourcingRequest) -> OutsourcingRequest:
    """The request's row, locked until the transaction ends: invitations, proposals, the award
    and the cancellation of one request happen one at a time, so none sees a stale state."""
    return OutsourcingRequest.objects.select_for_update().get(pk=outsourcing_request.pk)


@transaction.atomic
def bid_invitation_create(
    *, actor: User, outsourcing_request: OutsourcingRequest, vendor: Vendor
) -> BidInvitation:
    """Invite `vendor` to propose for a published request whose proposals are not yet due."""
    ensure(
        can_manage_tender(user=actor, outsourcing_request=outsourcing_request),
        _("Only the company's members invite vendors to its requests."),
    )
    outsourcing_request = locked(outsourcing_request)
    ensure_published(outsourcing_request)
    ensure_accepts_proposals(outsourcing_request)
    if vendor.status != Vendor.Status.APPROVED:
        raise ValidationError({"vendor": _("Only approved vendors can be invited.")})
    unmet = vendor_unmet_requirements(vendor=vendor, outsourcing_request=outsourcing_request)
    if unmet:
        raise ValidationError(
            {
                "vendor": _("This vendor does not meet the request's requirements: %(unmet)s.")
                % {"unmet": "; ".join(unmet)}
            }
        )
    if outsourcing_request.bid_invitations.filter(vendor=vendor).exists():
        raise Conflict(_("This vendor is already invited to this request."), code="already_invited")
    invitation = BidInvitation(request=outsourcing_request, vendor=vendor, invited_by=actor)
    invitation.full_clean()
    invitation.save()
    event_record(
        kind=Event.Kind.BID_INVITATION_SENT,
        actor=actor,
        outsourcing_request=outsourcing_request,
        companies=[outsourcing_request.company],
        vendors=[vendor],
        data={"bid_invitation": invitation.pk},
    )
    return invitation


def _answer(*, actor: User, bid_invitation: BidInvitation, status: str, reason: str = ""):
    ensure(
        can_answer_bid_invitation(user=actor, bid_invitation=bid_invitation),
        _("Only the invited vendor's members answer its invitations."),
    )
    outsourcing_request = locked(bid_invitation.request)
    bid_invitation = BidInvitation.objects.select_for_update().get(pk=bid_invitation.pk)
    ensure_published(outsourcing_request)
    if status == BidInvitation.Status.ACCEPTED:
        ensure_accepts_proposals(outsourcing_request)
    move(
        bid_invitation,
        status,
        code="bid_invitation_answered",
        message=_("This invitation was already answered: %(status)s.")
        % {"status": bid_invitation.get_status_display().lower()},
    )
    bid_invitation.decline_reason = reason
    bid_invitation.responded_by = actor
    bid_invitation.responded_at = timezone.now()
    bid_invitation.full_clean()
    bid_invitation.save()
    kind = (
        Event.Kind.BID_INVITATION_ACCEPTED
        if status == BidInvitation.Status.ACCEPTED
        else Event.Kind.BID_INVITATION_DECLINED
    )
    event_record(
        kind=kind,
        actor=actor,
        outsourcing_request=outsourcing_request,
        companies=[outsourcing_request.company],
        vendors=[bid_invitation.vendor],
        data={"bid_invitation": bid_invitation.pk},
    )
    return bid_invitation


@transaction.atomic
def bid_invitation_accept(*, actor: User, bid_invitation: BidInvitation) -> BidInvitation:
    """The vendor says it will propose (before proposals are due)."""
    return _answer(actor=actor, bid_invitation=bid_invitation, status=BidInvitation.Status.ACCEPTED)


@transaction.atomic
def bid_invitation_decline(
    *, actor: User, bid_invitation: BidInvitation, reason: str = ""
) -> BidInvitation:
    """The vendor will not propose; the company reads why, if it says."""
    return _answer(
        actor=actor,
        bid_invitation=bid_invitation,
        status=BidInvitation.Status.DECLINED,
        reason=(reason or "").strip(),
    )
