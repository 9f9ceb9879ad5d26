"""Reads of marketplace data, always scoped to the acting user."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from companies.models import User
from companies.policies import membership_of
from marketplace.tenders.models import BidInvitation, Proposal

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


def request_list_dashboard(*, user: User) -> QuerySet[OutsourcingRequest]:
    """`request_list_managed` with each request's latest run status as `match_status` (None
    for drafts never matched), for the company's list of requests."""
    latest = MatchRun.objects.filter(request=OuterRef("pk")).order_by("-created_at", "-id")
    return request_list_managed(user=user).annotate(
        match_status=Subquery(latest.values("status")[:1])
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
