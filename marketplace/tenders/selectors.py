"""Reads of tender data, scoped to the acting user with `policies`."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from statistics import median

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Company, User
from companies.policies import membership_of
from marketplace.choices import Currency
from marketplace.models import MatchResult, OutsourcingRequest, Vendor
from marketplace.selectors import (
    exchange_rates_on,
    match_runs_shown,
    request_list_managed,
    request_list_visible,
    vendor_list_visible,
)

from .models import BidInvitation, Engagement, Proposal, Question, Review
from .policies import can_manage_tender

# Who takes part ---------------------------------------------------------------------------


def vendor_unmet_requirements(*, vendor: Vendor, outsourcing_request: OutsourcingRequest) -> list:
    """The request's hard constraints `vendor` misses, as sentences (empty: it meets them all).

    The same constraints matching applies: one shared working language and every required
    certification.
    """
    unmet = []
    if not set(vendor.languages) & set(outsourcing_request.languages):
        unmet.append(_("no shared working language"))
    held = set(vendor.certifications.values_list("pk", flat=True))
    missing = [
        certification.display_name
        for certification in outsourcing_request.required_certifications.all()
        if certification.pk not in held
    ]
    if missing:
        unmet.append(_("missing certifications: %(names)s") % {"names": ", ".join(missing)})
    return unmet


def vendor_may_take_part(*, vendor: Vendor, outsourcing_request: OutsourcingRequest) -> bool:
    """An approved vendor invited (and not declined), or — on an open request — one that meets
    its hard constraints."""
    if vendor.status != Vendor.Status.APPROVED:
        return False
    invitation = outsourcing_request.bid_invitations.filter(vendor=vendor).first()
    if invitation is not None:
        return not invitation.is_declined
    return outsourcing_request.is_open_to_all and not vendor_unmet_requirements(
        vendor=vendor, outsourcing_request=outsourcing_request
    )


def participating_vendors(*, outsourcing_request: OutsourcingRequest) -> QuerySet[Vendor]:
    """The vendors told about the request's Q&A and its outcome: invited and not declined,
    or with a proposal (withdrawn ones too: they took part)."""
    invited = BidInvitation.objects.filter(
        request=outsourcing_request, vendor=OuterRef("pk")
    ).exclude(status=BidInvitation.Status.DECLINED)
    proposed = Proposal.objects.filter(request=outsourcing_request, vendor=OuterRef("pk"))
    return Vendor.objects.filter(Exists(invited) | Exists(proposed))


def vendors_still_expected(*, outsourcing_request: OutsourcingRequest) -> QuerySet[Vendor]:
    """Invited vendors that have neither declined nor a live proposal: awarding before the
    deadline would cut them out. A vendor no longer approved cannot propose, so nobody waits
    for it."""
    live = Proposal.objects.filter(
        request=outsourcing_request, vendor=OuterRef("vendor"), status__in=Proposal.LIVE
    )
    return Vendor.objects.filter(
        status=Vendor.Status.APPROVED,
        pk__in=BidInvitation.objects.filter(request=outsourcing_request)
        .exclude(status=BidInvitation.Status.DECLINED)
        .exclude(Exists(live))
        .values("vendor"),
    )


# Lists, scoped ---------------------------------------------------------------------------


def _own_side(user: User) -> dict | None:
    """{"company_id": …} or {"vendor_id": …} for a member, {} for staff, None for the rest."""
    if user.is_staff:
        return {}
    membership = membership_of(user=user)
    if membership is None:
        return None
    if membership.company_id is not None:
        return {"request__company_id": membership.company_id}
    return {"vendor_id": membership.vendor_id}


def bid_invitation_list_visible(*, user: User) -> QuerySet[BidInvitation]:
    """The company's invitations to its requests, or the vendor's invitations; staff all."""
    side = _own_side(user)
    invitations = BidInvitation.objects.select_related("request", "request__company", "vendor")
    return invitations.none() if side is None else invitations.filter(**side)


def proposal_list_visible(*, user: User) -> QuerySet[Proposal]:
    """A vendor's own proposals; the proposals to a company's requests; staff all. Vendors
    never see each other's."""
    side = _own_side(user)
    proposals = Proposal.objects.select_related("request", "request__company", "vendor")
    return proposals.none() if side is None else proposals.filter(**side)


def engagement_list_visible(*, user: User) -> QuerySet[Engagement]:
    side = _own_side(user)
    engagements = Engagement.objects.select_related("request", "company", "vendor", "proposal")
    if side is None:
        return engagements.none()
    if "request__company_id" in side:
        return engagements.filter(company_id=side["request__company_id"])
    return engagements.filter(**side)


def review_list_visible(*, user: User) -> QuerySet[Review]:
    """Reviews are public wherever their vendor is: everyone reads them on the profile."""
    return Review.objects.filter(vendor__in=vendor_list_visible(user=user)).select_related(
        "vendor", "company", "engagement"
    )


def question_list_visible(
    *, user: User, outsourcing_request: OutsourcingRequest
) -> QuerySet[Question]:
    """The company and staff see every question; a vendor taking part sees the answered ones
    and its own. The caller has already made sure the user sees the request."""
    questions = outsourcing_request.questions.select_related("vendor")
    if can_manage_tender(user=user, outsourcing_request=outsourcing_request):
        return questions
    membership = membership_of(user=user)
    if membership is None or membership.vendor_id is None:
        return questions.none()
    return questions.filter(Q(status=Question.Status.ANSWERED) | Q(vendor_id=membership.vendor_id))


def question_list_seen(*, user: User) -> QuerySet[Question]:
    """Every question the user reads, whatever the request, to look one up by id: the
    company's and staff's as `question_list_answerable`; for a vendor, on the requests it sees,
    the answered ones and its own (`question_list_visible`'s rule)."""
    side = _own_side(user)
    if side is None:
        return Question.objects.none()
    if "vendor_id" not in side:
        return question_list_answerable(user=user)
    return Question.objects.filter(
        Q(status=Question.Status.ANSWERED) | Q(vendor_id=side["vendor_id"]),
        request__in=request_list_visible(user=user),
    ).select_related("request", "request__company")


def question_list_answerable(*, user: User) -> QuerySet[Question]:
    """Questions on the requests of the user's company (all for staff): the ones they may
    answer, looked up by id."""
    side = _own_side(user)
    if side is None or "vendor_id" in side:
        return Question.objects.none()
    return Question.objects.filter(**side).select_related("request", "request__company")


def review_for_vendor(*, user: User) -> QuerySet[Review]:
    """The reviews of the user's vendor (to reply to)."""
    membership = membership_of(user=user)
    if membership is None or membership.vendor_id is None:
        return Review.objects.none()
    return Review.objects.filter(vendor_id=membership.vendor_id).select_related("engagement")


def proposal_list_managed(*, user: User) -> QuerySet[Proposal]:
    """The proposals to the requests the user manages (`request_list_managed`): the ones the
    company reads, compares and shortlists. A vendor's own proposals are not among them."""
    return Proposal.objects.filter(request__in=request_list_managed(user=user)).select_related(
        "request", "request__company", "vendor"
    )


def request_list_invitable(*, user: User, vendor: Vendor) -> QuerySet[OutsourcingRequest]:
    """The published requests of the user's company that still take proposals and to which
    `vendor` is not invited yet, soonest deadline first: what a vendor's profile offers to
    invite it to. Empty outside a company."""
    membership = membership_of(user=user)
    if membership is None or membership.company_id is None:
        return OutsourcingRequest.objects.none()
    return (
        OutsourcingRequest.objects.filter(
            company_id=membership.company_id, status=OutsourcingRequest.Status.PUBLISHED
        )
        .filter(Q(proposals_due__isnull=True) | Q(proposals_due__gt=timezone.now()))
        .exclude(bid_invitations__vendor=vendor)
        .order_by("proposals_due", "-id")
    )


@dataclass(frozen=True)
class TenderSummary:
    """What the company's tabs on a request count, and the engagement an award started."""

    bid_invitations: int
    questions: int
    open_questions: int
    proposals: int
    engagement: Engagement | None


def tender_summary(*, outsourcing_request: OutsourcingRequest) -> TenderSummary:
    """The caller has already scoped the request to the company (`request_list_managed`)."""
    questions = outsourcing_request.questions
    return TenderSummary(
        bid_invitations=outsourcing_request.bid_invitations.count(),
        questions=questions.count(),
        open_questions=questions.filter(status=Question.Status.OPEN).count(),
        proposals=outsourcing_request.proposals.not_withdrawn().count(),
        engagement=Engagement.objects.filter(request=outsourcing_request)
        .select_related("vendor")
        .first(),
    )


# Accountability figures -------------------------------------------------------------------


def _median(durations) -> timedelta | None:
    durations = sorted(durations)
    return median(durations) if durations else None


@dataclass(frozen=True)
class VendorResponsiveness:
    invitations_answered: int
    median_answer_time: timedelta | None


def _invitation_answer_times(*, vendor_ids) -> dict[int, list[timedelta]]:
    """How long each vendor took to answer each bid invitation it answered (accepted or
    declined), by vendor id."""
    rows = BidInvitation.objects.filter(
        vendor_id__in=vendor_ids, responded_at__isnull=False
    ).values_list("vendor_id", "created_at", "responded_at")
    times = {vendor_id: [] for vendor_id in vendor_ids}
    for vendor_id, sent, answered in rows:
        times[vendor_id].append(answered - sent)
    return times


def vendor_responsiveness(*, vendor: Vendor) -> VendorResponsiveness:
    """How fast the vendor answers bid invitations (accepted or declined)."""
    times = _invitation_answer_times(vendor_ids=[vendor.pk])[vendor.pk]
    return VendorResponsiveness(len(times), _median(times))


def vendor_median_answer_times(*, vendor_ids) -> dict[int, timedelta | None]:
    """`vendor_responsiveness`'s median for many vendors in one query (a page of the
    directory): None for a vendor that has answered no invitation."""
    return {
        vendor_id: _median(times)
        for vendor_id, times in _invitation_answer_times(vendor_ids=vendor_ids).items()
    }


@dataclass(frozen=True)
class CompanyResponsiveness:
    questions_answered: int
    median_answer_time: timedelta | None
    decisions: int
    median_decision_time: timedelta | None


def company_responsiveness(*, company: Company) -> CompanyResponsiveness:
    """How fast the company answers questions, and decides (awards or cancels a published
    request) once proposals are due — zero when it decided at the deadline or before."""
    answers = Question.objects.filter(
        request__company=company, answered_at__isnull=False
    ).values_list("created_at", "answered_at")
    answer_times = [answered - asked for asked, answered in answers]
    # Only requests vendors saw: a draft's deadline was never public, so cancelling one says
    # nothing about how fast the company decides.
    decided = OutsourcingRequest.objects.filter(
        company=company,
        published_at__isnull=False,
        closed_at__isnull=False,
        proposals_due__isnull=False,
    ).values_list("proposals_due", "closed_at")
    decision_times = [max(closed - due, timedelta(0)) for due, closed in decided]
    return CompanyResponsiveness(
        len(answer_times), _median(answer_times), len(decision_times), _median(decision_times)
    )


# Comparing proposals -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalComparison:
    proposal: Proposal
    price_in_request_currency: Decimal | None
    price_cad: Decimal | None
    match_score: float | None
    match_reasons: list
    rating: float | None
    review_count: int
    median_answer_time: timedelta | None


def proposal_comparison(
    *, outsourcing_request: OutsourcingRequest, proposals
) -> list[ProposalComparison]:
    """Each proposal beside the others: its price in the request's currency and in CAD (at the
    rates valid on the day it was submitted), the vendor's match score and reasons from the
    latest ranking, rating and how fast it answers invitations."""
    _, run = match_runs_shown(outsourcing_request)
    results = {}
    if run is not None:
        results = {
            result.vendor_id: result
            for result in MatchResult.objects.filter(
                run=run, vendor_id__in=[p.vendor_id for p in proposals]
            )
        }
    rows = []
    for proposal in proposals:
        rates = exchange_rates_on(on=proposal.created_at.date())
        price_cad = rates.convert(proposal.price, source=proposal.currency, target=Currency.CAD)
        in_request = rates.convert(
            proposal.price, source=proposal.currency, target=outsourcing_request.currency
        )
        result = results.get(proposal.vendor_id)
        rows.append(
            ProposalComparison(
                proposal=proposal,
                price_in_request_currency=in_request,
                price_cad=price_cad,
                match_score=result.score if result else None,
                match_reasons=result.reasons if result else [],
                rating=proposal.vendor.rating,
                review_count=proposal.vendor.review_count,
                median_answer_time=vendor_responsiveness(vendor=proposal.vendor).median_answer_time,
            )
        )
    return rows
