"""Reads of marketplace data, always scoped to the acting user."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from companies.models import User
from companies.policies import membership_of
from marketplace.tenders.models import BidInvitation, Proposal

from .matching.weights import STRONG_MATCH_SCORE
from .models import (
    ExchangeRate,
    MatchResult,
    MatchRun,
    OutsourcingRequest,
    Sector,
    Vendor,
    VendorExpertise,
)
from .policies import can_moderate_vendors


def vendor_list_visible(*, user: User) -> QuerySet[Vendor]:
    """Everyone sees approved vendors; members also see their own vendor; staff see all."""
    vendors = Vendor.objects.all()
    if can_moderate_vendors(user=user):
        return vendors
    public = vendors.filter(status=Vendor.Status.APPROVED)
    membership = membership_of(user=user)
    if membership is not None and membership.vendor_id is not None:
        return public | vendors.filter(pk=membership.vendor_id)
    return public


def vendor_list_compared(*, user: User, vendor_ids: list[int]) -> list[Vendor]:
    """The vendors `user` may see among `vendor_ids`, in the order given, with what the
    comparison shows (expertise, skills, certifications) in a fixed number of queries.

    The profile page's rule (`vendor_list_visible`): an id the user may not see is left out,
    exactly as one that does not exist, so the answer tells nothing of hidden vendors."""
    vendors = (
        vendor_list_visible(user=user)
        .filter(pk__in=vendor_ids)
        .prefetch_related(
            Prefetch("expertise", queryset=VendorExpertise.objects.select_related("sector")),
            "skills",
            "certifications",
        )
    )
    position = {vendor_id: index for index, vendor_id in enumerate(vendor_ids)}
    return sorted(vendors, key=lambda vendor: position[vendor.pk])


def vendor_list_own(*, user: User) -> QuerySet[Vendor]:
    """The vendor the user is a member of, whatever its status: one row, or none (staff,
    companies' members and everyone outside a vendor). The vendor side's pages are its."""
    membership = membership_of(user=user)
    if membership is None or membership.vendor_id is None:
        return Vendor.objects.none()
    return Vendor.objects.filter(pk=membership.vendor_id)


def sector_list_public() -> QuerySet[Sector]:
    """Every sector with `vendor_count` (the approved vendors with expertise in it), sorted by
    name in the reader's language."""
    approved = Q(expertise__vendor__status=Vendor.Status.APPROVED)
    return Sector.objects.annotate(vendor_count=Count("expertise", filter=approved)).order_by(
        Sector.display_name_order()
    )


def request_list_visible(*, user: User) -> QuerySet[OutsourcingRequest]:
    """Staff see all; a company's members see all of its requests (drafts too); members of an
    approved vendor see published open requests and every request they were invited to or
    proposed for; everyone else sees none."""
    requests = OutsourcingRequest.objects.select_related("company", "sector")
    if user.is_staff:
        return requests
    membership = membership_of(user=user)
    if membership is None:
        return requests.none()
    if membership.company_id is not None:
        return requests.filter(company_id=membership.company_id)
    if membership.vendor.status == Vendor.Status.APPROVED:
        return requests.filter(
            Q(
                status=OutsourcingRequest.Status.PUBLISHED,
                visibility=OutsourcingRequest.Visibility.OPEN,
            )
            | Q(pk__in=_taken_part_in(vendor_id=membership.vendor_id))
        )
    return requests.none()


def _taken_part_in(*, vendor_id: int):
    """The requests (not drafts) the vendor was invited to or proposed for: it keeps seeing
    them, by-invitation ones included, after they close."""
    invited = BidInvitation.objects.filter(vendor_id=vendor_id).values("request")
    proposed = Proposal.objects.filter(vendor_id=vendor_id).values("request")
    return (
        OutsourcingRequest.objects.exclude(status=OutsourcingRequest.Status.DRAFT)
        .filter(Q(pk__in=invited) | Q(pk__in=proposed))
        .values("pk")
    )


def vendor_list_seeing_request(*, outsourcing_request: OutsourcingRequest) -> QuerySet[Vendor]:
    """The vendors whose members `request_list_visible` shows the published request to:
    approved ones, and for a request by invitation only those invited to it or that proposed
    for it. Nobody while it is not published. The same rule seen from the request's side
    (tests check the two agree)."""
    if outsourcing_request.status != OutsourcingRequest.Status.PUBLISHED:
        return Vendor.objects.none()
    vendors = Vendor.objects.filter(status=Vendor.Status.APPROVED)
    if outsourcing_request.visibility == OutsourcingRequest.Visibility.OPEN:
        return vendors
    invited = BidInvitation.objects.filter(request=outsourcing_request).values("vendor")
    proposed = Proposal.objects.filter(request=outsourcing_request).values("vendor")
    return vendors.filter(Q(pk__in=invited) | Q(pk__in=proposed))


def request_list_for_vendor(*, user: User) -> QuerySet[OutsourcingRequest]:
    """The published requests in the sectors the user's vendor lists expertise in, or that it
    was invited to, newest first.

    Empty for anyone outside a vendor and for vendors not (or no longer) approved: it narrows
    `request_list_visible`, which decides who sees published requests at all.
    """
    membership = membership_of(user=user)
    if membership is None or membership.vendor_id is None:
        return OutsourcingRequest.objects.none()
    sectors = VendorExpertise.objects.filter(vendor_id=membership.vendor_id).values("sector")
    return (
        request_list_visible(user=user)
        .filter(status=OutsourcingRequest.Status.PUBLISHED)
        .filter(Q(sector__in=sectors) | Q(pk__in=_taken_part_in(vendor_id=membership.vendor_id)))
        .prefetch_related("skills", "required_certifications")
        .order_by("-published_at", "-id")
    )


def exchange_rate_to_cad(*, currency: str, on: date) -> Decimal:
    """CAD per unit of `currency` on day `on`: the latest rate valid then.

    Raises ExchangeRate.DoesNotExist when staff have recorded no rate that early.
    """
    return (
        ExchangeRate.objects.filter(currency=currency, valid_from__lte=on)
        .latest("valid_from")
        .rate_to_cad
    )


def request_list_managed(*, user: User) -> QuerySet[OutsourcingRequest]:
    """Requests the user may manage and see matches for: their company's (staff: all).
    Vendors never see other vendors' rankings, so published requests are not enough here."""
    requests = OutsourcingRequest.objects.select_related("company", "sector")
    if user.is_staff:
        return requests
    membership = membership_of(user=user)
    if membership is None or membership.company_id is None:
        return requests.none()
    return requests.filter(company_id=membership.company_id)


def _count_of(queryset: QuerySet, *, by: str) -> Coalesce:
    """How many rows of `queryset` (filtered on an OuterRef) there are, as one subquery: no
    query per row of the list it annotates."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def request_list_dashboard(*, user: User) -> QuerySet[OutsourcingRequest]:
    """`request_list_managed`, newest first, for the company's list of requests, each with
    what came of it: the latest run's status (`match_status`, None for drafts never matched;
    `unfinished_run_status` unless it is done),
    from the newest done run how many vendors were ranked (`match_count`) and how many
    strongly (`strong_match_count`), and how many vendors were invited (`invitation_count`)
    and proposed (`proposal_count`, withdrawn proposals left out). One query however many
    requests."""
    runs = MatchRun.objects.filter(request=OuterRef("pk")).order_by("-created_at", "-id")
    shown_results = MatchResult.objects.filter(run=OuterRef("shown_run"))
    return (
        request_list_managed(user=user)
        .annotate(
            match_status=Subquery(runs.values("status")[:1]),
            shown_run=Subquery(runs.filter(status=MatchRun.Status.DONE).values("pk")[:1]),
        )
        .annotate(
            # The latest run's status while it says something the counts do not: queued,
            # running or failed. None once done.
            unfinished_run_status=Case(
                When(match_status=MatchRun.Status.DONE, then=None), default=F("match_status")
            ),
            match_count=_count_of(shown_results, by="run"),
            strong_match_count=_count_of(
                shown_results.filter(score__gte=STRONG_MATCH_SCORE), by="run"
            ),
            invitation_count=_count_of(
                BidInvitation.objects.filter(request=OuterRef("pk")), by="request"
            ),
            proposal_count=_count_of(
                Proposal.objects.filter(request=OuterRef("pk")).exclude(
                    status=Proposal.Status.WITHDRAWN
                ),
                by="request",
            ),
        )
        .order_by("-created_at", "-id")
    )


def match_run_list_managed(*, user: User) -> QuerySet[MatchRun]:
    """The runs of the requests `request_list_managed` gives the user: rankings are the
    buyer's, so vendors and other companies see none (404), staff see all."""
    return MatchRun.objects.filter(request__in=request_list_managed(user=user)).select_related(
        "request"
    )


def match_runs_shown(request: OutsourcingRequest) -> tuple[MatchRun | None, MatchRun | None]:
    """(latest run, latest done run): the status to show, and the results to show."""
    latest = request.match_runs.order_by("-created_at", "-id").first()
    if latest is None or latest.status == MatchRun.Status.DONE:
        return latest, latest
    done = (
        request.match_runs.filter(status=MatchRun.Status.DONE)
        .order_by("-created_at", "-id")
        .first()
    )
    return latest, done


def match_results(run: MatchRun | None) -> QuerySet[MatchResult]:
    if run is None:
        return MatchResult.objects.none()
    return run.results.select_related("vendor").order_by("rank")


@dataclass(frozen=True)
class StrongFirst:
    """A run's results as the buyer's page lists them: the strong matches (`MatchResult.is_strong`),
    then — only when asked for — the others; `others_count` says how many others there are."""

    strong: list[MatchResult]
    others: list[MatchResult]
    others_count: int
    # Vendors that met the hard constraints but rank below the results a run keeps; None for
    # a run not done.
    beyond_kept: int | None


def match_results_strong_first(*, run: MatchRun | None, with_others: bool) -> StrongFirst:
    """One query: the run's results split at STRONG_MATCH_SCORE (ranks follow scores, so the
    strong ones are the first ranks)."""
    results = list(match_results(run))
    strong = [result for result in results if result.is_strong]
    others = results[len(strong) :]
    beyond = None if run is None or run.candidates is None else run.candidates - len(results)
    return StrongFirst(
        strong=strong,
        others=others if with_others else [],
        others_count=len(others),
        beyond_kept=beyond,
    )


def match_result_of_vendor(
    *, vendor: Vendor, outsourcing_request: OutsourcingRequest
) -> tuple[MatchRun | None, MatchResult | None]:
    """(the ranking the request's company sees — its newest done run —, the vendor's own
    result in it, None when that ranking did not keep the vendor). Only ever the vendor's own
    row: vendors never see one another's scores or reasons."""
    _latest, shown = match_runs_shown(outsourcing_request)
    if shown is None:
        return None, None
    return shown, shown.results.filter(vendor=vendor).first()
