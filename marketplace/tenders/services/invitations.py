"""Bid invitations: the company invites, the vendor accepts or declines."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict
from config.policies import refuse_unless
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.selectors import match_results, match_runs_shown

from ..models import BidInvitation
from ..policies import can_answer_bid_invitation, can_invite_vendors
from ..selectors import vendor_unmet_requirements
from .base import ensure_published, move, record, vendor_acting


def ensure_accepts_proposals(outsourcing_request: OutsourcingRequest) -> None:
    if not outsourcing_request.accepts_proposals(now=timezone.now()):
        raise Conflict(
            _("Proposals for this request were due on %(due)s.")
            % {
                "due": formats.date_format(
                    timezone.localtime(outsourcing_request.proposals_due), "SHORT_DATETIME_FORMAT"
                )
            },
            code="proposals_closed",
        )


def locked(outsourcing_request: OutsourcingRequest) -> OutsourcingRequest:
    """The request's row, locked until the transaction ends: invitations, proposals, the award
    and the cancellation of one request happen one at a time, so none sees a stale state."""
    return OutsourcingRequest.objects.select_for_update().get(pk=outsourcing_request.pk)


# "Invite the top N" invites at most this many at once: a shortlist to hear from, not a
# broadcast (an open request is the way to hear from everyone).
TOP_INVITATIONS_MAX = 10


def _invite(*, actor: User, outsourcing_request: OutsourcingRequest, vendor: Vendor):
    """The invitation and its event, once the caller has checked actor, request and vendor."""
    invitation = BidInvitation(request=outsourcing_request, vendor=vendor, invited_by=actor)
    invitation.full_clean()
    invitation.save()
    record(
        Event.Kind.BID_INVITATION_SENT,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=[vendor],
        bid_invitation=invitation,
    )
    return invitation


def _ensure_may_invite(*, actor: User, outsourcing_request: OutsourcingRequest) -> None:
    refuse_unless(can_invite_vendors, user=actor, obj=outsourcing_request)


@transaction.atomic
def bid_invitation_create(
    *, actor: User, outsourcing_request: OutsourcingRequest, vendor: Vendor
) -> BidInvitation:
    """Invite `vendor` to propose for a published request whose proposals are not yet due."""
    _ensure_may_invite(actor=actor, outsourcing_request=outsourcing_request)
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
    outsourcing_request = locked(outsourcing_request)
    ensure_published(outsourcing_request)
    ensure_accepts_proposals(outsourcing_request)
    if outsourcing_request.bid_invitations.filter(vendor=vendor).exists():
        raise Conflict(_("This vendor is already invited to this request."), code="already_invited")
    return _invite(actor=actor, outsourcing_request=outsourcing_request, vendor=vendor)


@transaction.atomic
def bid_invitation_create_top(
    *, actor: User, outsourcing_request: OutsourcingRequest, count: int
) -> list[BidInvitation]:
    """Invite the `count` best-ranked vendors of the latest finished ranking that are not
    invited yet and still meet the request's requirements (a vendor suspended, or one whose
    listing changed since the ranking, is passed over for the next one). All of them or none.

    Returns the invitations, best-ranked first: fewer than `count` when the ranking runs out,
    none when every vendor in it is invited already.
    """
    _ensure_may_invite(actor=actor, outsourcing_request=outsourcing_request)
    if (
        isinstance(count, bool)
        or not isinstance(count, int)
        or not 1 <= count <= TOP_INVITATIONS_MAX
    ):
        raise ValidationError(
            {
                "count": ValidationError(
                    _("Invite from 1 to %(max)d vendors at a time.") % {"max": TOP_INVITATIONS_MAX},
                    code="invalid",
                )
            }
        )
    outsourcing_request = locked(outsourcing_request)
    ensure_published(outsourcing_request)
    ensure_accepts_proposals(outsourcing_request)
    _latest, ranking = match_runs_shown(outsourcing_request)
    if ranking is None:
        raise Conflict(
            _("Norte has not finished ranking vendors for this request yet; try again shortly."),
            code="ranking_not_ready",
        )
    invited = set(outsourcing_request.bid_invitations.values_list("vendor_id", flat=True))
    invitations = []
    for result in match_results(ranking):
        if len(invitations) == count:
            break
        vendor = result.vendor
        if (
            vendor.pk in invited
            or vendor.status != Vendor.Status.APPROVED
            or vendor_unmet_requirements(vendor=vendor, outsourcing_request=outsourcing_request)
        ):
            continue
        invitations.append(
            _invite(actor=actor, outsourcing_request=outsourcing_request, vendor=vendor)
        )
    return invitations


def _answer(*, actor: User, bid_invitation: BidInvitation, status: str, reason: str = ""):
    refuse_unless(can_answer_bid_invitation, user=actor, obj=bid_invitation)
    if status == BidInvitation.Status.ACCEPTED:
        # Accepting says the vendor will propose, which only an approved vendor may; declining
        # only steps out, and tells the company not to wait.
        vendor_acting(actor=actor)
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
    record(
        kind,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=[bid_invitation.vendor],
        bid_invitation=bid_invitation,
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
