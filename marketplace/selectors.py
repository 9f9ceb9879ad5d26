"""Reads of marketplace data, always scoped to the acting user."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
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
from django.utils.translation import gettext as _

from companies.models import User
from companies.policies import membership_of
from marketplace.tenders.models import BidInvitation, Proposal

from .choices import VENDOR_RATE_CURRENCY, Currency
from .models import (
    ExchangeRate,
    MatchResult,
    MatchRun,
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
    VendorExpertise,
)
from .policies import can_moderate_vendors, can_read_run_errors


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


def vendor_listing_gaps(*, vendor: Vendor) -> list[str]:
    """What the vendor's listing lacks before it may be approved, each as a phrase ("at least
    one skill"); empty when it is complete.

    Complete is: a name that is a name, a province and a city, a sector with its expertise
    level, a skill and a description in some language. Rates, team size and a working language
    need no check here: the model's constraints keep every row from lacking them. Reads the
    prefetched expertise and skills when the caller fetched them (the moderation queue).
    """
    gaps = []
    try:
        for validator in Vendor._meta.get_field("name").validators:
            validator(vendor.name)
    except ValidationError:
        gaps.append(_("a name that is a name (without < > or line breaks)"))
    if not (vendor.province and vendor.city.strip()):
        gaps.append(_("a province and a city"))
    if not vendor.expertise.all():
        gaps.append(_("a sector with its level of expertise"))
    if not vendor.skills.all():
        gaps.append(_("at least one skill"))
    if not vendor.descriptions:
        gaps.append(_("a description in English, French or Spanish"))
    return gaps


def vendor_skill_suggestions(*, vendor: Vendor) -> list[Skill]:
    """Skills the vendor's saved descriptions mention (`Vendor.described_skills`) that it does
    not list, by their names in the reader's language: its edit page offers to add them."""
    skills = vendor.described_skills.exclude(pk__in=vendor.skills.values("pk"))
    return sorted(skills, key=lambda skill: skill.display_name)


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
    """The published requests in the sectors the user's vendor lists expertise in — filed
    there, or ranked as such by their latest finished run (a betting app filed under custom
    software development) — or that it was invited to, newest first.

    Empty for anyone outside a vendor and for vendors not (or no longer) approved: it narrows
    `request_list_visible`, which decides who sees published requests at all.
    """
    membership = membership_of(user=user)
    if membership is None or membership.vendor_id is None:
        return OutsourcingRequest.objects.none()
    sectors = VendorExpertise.objects.filter(vendor_id=membership.vendor_id).values("sector")
    ranked_as = (
        MatchRun.objects.filter(request=OuterRef("pk"), status=MatchRun.Status.DONE)
        .order_by("-created_at", "-id")
        .values("sector")[:1]
    )
    return (
        request_list_visible(user=user)
        .filter(status=OutsourcingRequest.Status.PUBLISHED)
        .annotate(ranked_as=Subquery(ranked_as))
        .filter(
            Q(sector__in=sectors)
            | Q(ranked_as__in=sectors)
            | Q(pk__in=_taken_part_in(vendor_id=membership.vendor_id))
        )
        .prefetch_related("skills", "required_certifications")
        .order_by("-published_at", "-id")
    )


def exchange_rate_on(*, currency: str, on: date) -> ExchangeRate:
    """The rate of `currency` valid on day `on`: the latest one from then or before.

    Raises ExchangeRate.DoesNotExist when staff have recorded no rate that early.
    """
    return ExchangeRate.objects.filter(currency=currency, valid_from__lte=on).latest("valid_from")


def exchange_rate_to_cad(*, currency: str, on: date) -> Decimal:
    """CAD per unit of `currency` on day `on` (see `exchange_rate_on`)."""
    return exchange_rate_on(currency=currency, on=on).rate_to_cad


CENT = Decimal("0.01")


@dataclass(frozen=True)
class ExchangeRates:
    """The rates valid on one day, by currency. The one way money is converted: through CAD,
    to the cent at each step (the proposals comparison shows both steps)."""

    rates: dict[str, ExchangeRate]

    def convert(self, amount: Decimal, *, source: str, target: str) -> Decimal | None:
        """`amount` of `source` in `target`; None when either has no rate that day."""
        if source == target:
            return amount
        if source not in self.rates or target not in self.rates:
            return None
        # Half a cent up, as the database's ROUND does where the insights convert in SQL.
        cad = (amount * self.rates[source].rate_to_cad).quantize(CENT, rounding=ROUND_HALF_UP)
        if target == Currency.CAD:
            return cad
        return (cad / self.rates[target].rate_to_cad).quantize(CENT, rounding=ROUND_HALF_UP)

    def rated_on(self, *currencies: str) -> date:
        """The day the newest of these currencies' rates dates from."""
        return max(self.rates[currency].valid_from for currency in currencies)


def exchange_rates_on(*, on: date) -> ExchangeRates:
    """Every currency's rate valid on day `on`, in one query (a currency with none that early
    is left out)."""
    latest = (
        ExchangeRate.objects.filter(currency=OuterRef("currency"), valid_from__lte=on)
        .order_by("-valid_from")
        .values("pk")[:1]
    )
    rows = ExchangeRate.objects.filter(valid_from__lte=on, pk=Subquery(latest))
    return ExchangeRates({row.currency: row for row in rows})


@dataclass(frozen=True)
class Approximation:
    """A range of money in the reader's currency, at the rates of `rated_on`."""

    low: Decimal
    high: Decimal
    currency: str
    rated_on: date


@dataclass(frozen=True)
class ReaderMoney:
    """Amounts also in the currency a reader thinks in, at the rates of day `on`."""

    currency: str
    on: date

    @cached_property
    def rates(self) -> ExchangeRates:
        # Read on the first amount shown: a page with none asks nothing of the database.
        return exchange_rates_on(on=self.on)

    def approximate(self, low: Decimal, high: Decimal, *, currency: str) -> Approximation | None:
        """`low`–`high` `currency` in the reader's currency, to the unit (it is approximate);
        None when it already is in it, or when a rate is missing."""
        if currency == self.currency:
            return None
        converted = [
            self.rates.convert(amount, source=currency, target=self.currency)
            for amount in (low, high)
        ]
        if None in converted:
            return None
        low, high = (amount.quantize(Decimal("1")) for amount in converted)
        return Approximation(
            low=low,
            high=high,
            currency=self.currency,
            rated_on=self.rates.rated_on(currency, self.currency),
        )


# Mexican buyers think in pesos; Canadian vendors quote, and think, in Canadian dollars.
READER_CURRENCY = {"company": Currency.MXN, "vendor": VENDOR_RATE_CURRENCY}


def reader_money(*, user: User, on: date) -> ReaderMoney | None:
    """For a company's members, amounts also in MXN (vendors' rates); for a vendor's, also in
    CAD (requests' budgets); None for everyone else, who see amounts as they are quoted."""
    membership = membership_of(user=user)
    if membership is None:
        return None
    side = "company" if membership.company_id is not None else "vendor"
    return ReaderMoney(currency=READER_CURRENCY[side], on=on)


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
    from the newest done run how many vendors meet the requirements (`match_count`, the
    run's `candidates`: a run stores only the best STORED_RESULTS, so its results are not
    counted) and how many of the stored ones are strong (`strong_match_count`), and how many
    vendors were invited (`invitation_count`)
    and proposed (`proposal_count`, withdrawn proposals left out), and the sector that run
    ranked it as (`ranked_as_sector_id`; see `request_rows_ranked_as`). One query however many
    requests."""
    runs = MatchRun.objects.filter(request=OuterRef("pk")).order_by("-created_at", "-id")
    done_runs = runs.filter(status=MatchRun.Status.DONE)
    shown_results = MatchResult.objects.filter(run=OuterRef("shown_run"))
    return (
        request_list_managed(user=user)
        .annotate(
            match_status=Subquery(runs.values("status")[:1]),
            shown_run=Subquery(done_runs.values("pk")[:1]),
        )
        .annotate(
            # The latest run's status while it says something the counts do not: queued,
            # running or failed. None once done.
            unfinished_run_status=Case(
                When(match_status=MatchRun.Status.DONE, then=None), default=F("match_status")
            ),
            match_count=Subquery(done_runs.values("candidates")[:1]),
            ranked_as_sector_id=Subquery(done_runs.values("sector")[:1]),
            strong_match_count=_count_of(shown_results.strong(), by="run"),
            invitation_count=_count_of(
                BidInvitation.objects.filter(request=OuterRef("pk")), by="request"
            ),
            proposal_count=_count_of(
                Proposal.objects.filter(request=OuterRef("pk")).not_withdrawn(), by="request"
            ),
        )
        .order_by("-created_at", "-id")
    )


def request_rows_ranked_as(*, requests) -> list[OutsourcingRequest]:
    """The dashboard's rows (`request_list_dashboard`), each with `ranked_as`: the sector its
    newest done run ranked it as when that is not the one it is filed under (see
    `sector_ranked_as`), else None. One query for the page, none when no row differs."""
    rows = list(requests)
    differs = {row.pk for row in rows if row.ranked_as_sector_id not in (None, row.sector_id)}
    sectors = Sector.objects.in_bulk({row.ranked_as_sector_id for row in rows if row.pk in differs})
    for row in rows:
        row.ranked_as = sectors.get(row.ranked_as_sector_id) if row.pk in differs else None
    return rows


def sector_ranked_as(
    *, run: MatchRun | None, outsourcing_request: OutsourcingRequest
) -> Sector | None:
    """The sector `run` ranked the request as when it is not the one the request is filed
    under (its skills and text clearly said another, `marketplace.matching.sectors`); None
    otherwise, and for runs done before runs kept their sector."""
    if run is None or run.sector_id in (None, outsourcing_request.sector_id):
        return None
    return run.sector


def match_run_error_for(*, run: MatchRun, user: User) -> str:
    """Why `run` failed, as `user` may read it: staff the exception recorded, everyone else
    one fixed sentence (`can_read_run_errors`); empty unless the run failed."""
    if not run.error or can_read_run_errors(user=user):
        return run.error
    return _("Norte's staff can see what went wrong; please try ranking again later.")


def match_run_list_managed(*, user: User) -> QuerySet[MatchRun]:
    """The runs of the requests `request_list_managed` gives the user: rankings are the
    buyer's, so vendors and other companies see none (404), staff see all."""
    return MatchRun.objects.filter(request__in=request_list_managed(user=user)).select_related(
        "request", "sector"
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
