"""Proposals: submitted, withdrawn and submitted again before the deadline; shortlisted."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict
from config.policies import refuse_unless
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest

from ..models import BidInvitation, Proposal
from ..policies import can_shortlist_proposal, can_withdraw_proposal
from ..selectors import vendor_may_take_part
from .base import ensure, ensure_published, move, record, vendor_acting
from .invitations import ensure_accepts_proposals, locked


def _proposal_exists() -> Conflict:
    return Conflict(
        _("Your company already has a proposal on this request; withdraw it first."),
        code="proposal_exists",
    )


@transaction.atomic
def proposal_submit(
    *,
    actor: User,
    outsourcing_request: OutsourcingRequest,
    price,
    currency: str,
    duration_weeks: int,
    team_size: int,
    approach: str,
    milestones=(),
) -> Proposal:
    """A vendor taking part proposes, once at a time, before proposals are due.

    Proposing answers a pending bid invitation as accepted.
    """
    vendor = vendor_acting(actor=actor)
    ensure(
        vendor_may_take_part(vendor=vendor, outsourcing_request=outsourcing_request),
        _(
            "Only vendors invited to this request, or meeting its requirements when it is open, "
            "can propose."
        ),
        code="not_taking_part",
    )
    proposal = Proposal(
        request=outsourcing_request,
        vendor=vendor,
        submitted_by=actor,
        price=price,
        currency=currency,
        duration_weeks=duration_weeks,
        team_size=team_size,
        approach=(approach or "").strip(),
        milestones=list(milestones or []),
    )
    # The terms first (400), then the request's state (409). The unique constraint is checked
    # by the database below, where it also holds against a second submission racing this one.
    proposal.full_clean(validate_constraints=False)
    outsourcing_request = proposal.request = locked(outsourcing_request)
    ensure_published(outsourcing_request)
    ensure_accepts_proposals(outsourcing_request)
    if outsourcing_request.proposals.filter(vendor=vendor).not_withdrawn().exists():
        raise _proposal_exists()
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        raise _proposal_exists() from None
    _accept_pending_invitation(actor=actor, outsourcing_request=outsourcing_request, vendor=vendor)
    record(
        Event.Kind.PROPOSAL_SUBMITTED,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=[vendor],
        proposal=proposal,
    )
    return proposal


def _accept_pending_invitation(*, actor, outsourcing_request, vendor) -> None:
    updated = outsourcing_request.bid_invitations.filter(
        vendor=vendor, status=BidInvitation.Status.PENDING
    ).update(
        status=BidInvitation.Status.ACCEPTED,
        responded_by=actor,
        responded_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if updated:
        invitation = outsourcing_request.bid_invitations.get(vendor=vendor)
        record(
            Event.Kind.BID_INVITATION_ACCEPTED,
            actor=actor,
            outsourcing_request=outsourcing_request,
            vendors=[vendor],
            bid_invitation=invitation,
        )


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal) -> Proposal:
    """The vendor takes its proposal back before proposals are due (it stays as history)."""
    refuse_unless(can_withdraw_proposal, user=actor, obj=proposal)
    outsourcing_request = locked(proposal.request)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    ensure_published(outsourcing_request)
    ensure_accepts_proposals(outsourcing_request)
    move(
        proposal,
        Proposal.Status.WITHDRAWN,
        code="proposal_not_live",
        message=_("This proposal is %(status)s; it can no longer be withdrawn.")
        % {"status": proposal.get_status_display().lower()},
    )
    proposal.withdrawn_at = timezone.now()
    proposal.save(update_fields=["status", "withdrawn_at", "updated_at"])
    record(
        Event.Kind.PROPOSAL_WITHDRAWN,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=[proposal.vendor],
        proposal=proposal,
    )
    return proposal


@transaction.atomic
def proposal_shortlist(*, actor: User, proposal: Proposal) -> Proposal:
    """The company marks a proposal to compare closely; the vendor is told."""
    refuse_unless(can_shortlist_proposal, user=actor, obj=proposal)
    outsourcing_request = locked(proposal.request)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    ensure_published(outsourcing_request)
    move(
        proposal,
        Proposal.Status.SHORTLISTED,
        code="proposal_not_submitted",
        message=_("Only a submitted proposal can be shortlisted; this one is %(status)s.")
        % {"status": proposal.get_status_display().lower()},
    )
    proposal.shortlisted_at = timezone.now()
    proposal.save(update_fields=["status", "shortlisted_at", "updated_at"])
    record(
        Event.Kind.PROPOSAL_SHORTLISTED,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=[proposal.vendor],
        proposal=proposal,
    )
    return proposal
