"""Norte's awards as open data: an Open Contracting Data Standard 1.1 release per request once
published (still open, awarded, or cancelled since), and the package that carries a page.

One release per state of a request, `ocds_release_list()` giving them in the order of their
`date` (ties by id), which only moves forward: a request published, then awarded, then its
engagement completed is one ocid with a later date each time, so a client syncing with
`updated_after` or walking with a cursor meets every change. The shape and the codelists are
the standard's (tests/data/ocds-1.1.5, which the tests validate every release against).

Who reads what (`policies.can_read_contract_values`): visitors, companies and vendors read the
requests that were open to every approved vendor, without the award's or the contract's value
(the insights suppress figures from fewer than three engagements; one value per contract would
undo that) and without the losing proposers, only how many there were. Staff read every
request once published, the values, and every vendor that proposed. Changes are served once
EVENTS_FEED_DELAY old (see `ocds_release_list`).
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pycountry
from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from companies.models import Company, User
from marketplace.languages import guess_language
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.tenders.models import Engagement, Proposal

from .policies import can_read_contract_values

OCDS_VERSION = "1.1"
PUBLISHER = {"name": "Norte"}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# The language of a release whose texts are too short to tell: Norte's buyers are Mexican
# companies, who mostly write in Spanish.
DEFAULT_LANGUAGE = "es"


# --- Reading ----------------------------------------------------------------------------------


def ocds_release_list(*, user: User) -> QuerySet[OutsourcingRequest]:
    """The requests `user` reads as releases, each with `release_date` (see `release_date`),
    `number_of_tenderers` and what its release names, ordered by release date, then id.

    The queries are the same few whatever the page holds: the request with its company and
    its engagement's vendor and proposal in one, and for staff the tenderers in a second.
    """
    # A request cancelled after publishing stays, as a cancelled tender: a client that
    # synced it while open must learn it closed.
    requests = OutsourcingRequest.objects.exclude(status=OutsourcingRequest.Status.DRAFT).filter(
        published_at__isnull=False
    )
    full = can_read_contract_values(user=user)
    if not full:
        requests = requests.filter(visibility=OutsourcingRequest.Visibility.OPEN)
    proposals = Proposal.objects.filter(request=OuterRef("pk")).order_by()
    tenderers = (
        proposals.not_withdrawn().values("request").annotate(count=Count("pk")).values("count")
    )
    last_proposal_change = proposals.order_by("-updated_at").values("updated_at")[:1]
    requests = requests.annotate(
        number_of_tenderers=Coalesce(Subquery(tenderers), 0),
        # Published and awarded requests have `published_at`; what has not happened yet
        # (no close, no engagement, no proposal) counts as the publishing. Coalesced one by
        # one: SQLite's GREATEST is null when any argument is.
        release_date=Greatest(
            "published_at",
            # Any edit once published (a title, a budget, a deadline moved) is a new state.
            "updated_at",
            Coalesce("closed_at", "published_at"),
            Coalesce("engagement__updated_at", "published_at"),
            Coalesce(Subquery(last_proposal_change), "published_at"),
        ),
    ).select_related("company", "engagement__vendor", "engagement__proposal")
    if full:
        requests = requests.prefetch_related(
            Prefetch(
                "proposals",
                queryset=Proposal.objects.not_withdrawn().select_related("vendor").order_by("pk"),
                to_attr="ocds_tenderers",
            )
        )
    # Dates are taken before their transaction commits: a change committing late could carry
    # a date a client already walked past. As the events feed does, only changes older than
    # the longest transaction are served, so none lands behind a cursor.
    settled = timezone.now() - timedelta(seconds=settings.EVENTS_FEED_DELAY)
    return requests.filter(release_date__lte=settled).order_by("release_date", "pk")


# --- Writing a release --------------------------------------------------------------------------


def ocid_for(*, outsourcing_request: OutsourcingRequest) -> str:
    """The request's Open Contracting ID: the registered prefix and the request's id, the same
    for every release of the request."""
    return f"{settings.OCDS_OCID_PREFIX}-{outsourcing_request.pk}"


def ocds_date(value: datetime) -> str:
    """An OCDS date-time: RFC 3339, in UTC, always to the microsecond, so that dates sort as
    text too (`isoformat` drops a zero fraction, and "…18Z" would sort after "…18.5Z")."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def ocds_release(*, outsourcing_request: OutsourcingRequest, user: User) -> dict:
    """The OCDS release of one request of `ocds_release_list(user=user)`, as `user` may read it.

    Its `date` is the latest of the publishing, the close, the engagement's last change and the
    proposals' last change (the number of tenderers moves with them), and its `id` the ocid
    with that date: a new state is a new release, never the same id with other content.
    """
    request = outsourcing_request
    full = can_read_contract_values(user=user)
    ocid = ocid_for(outsourcing_request=request)
    date = request.release_date
    engagement = request.engagement if request.is_awarded else None
    buyer = _company_party(request.company)
    release = {
        "ocid": ocid,
        "id": f"{ocid}-{date.astimezone(UTC):%Y%m%dT%H%M%S%fZ}",
        "date": ocds_date(date),
        "tag": _tags(request, engagement),
        "initiationType": "tender",
        "language": guess_language(f"{request.title}\n{request.description}") or DEFAULT_LANGUAGE,
        "buyer": _reference(buyer),
        "tender": _tender(request, buyer=buyer),
    }
    parties = {buyer["id"]: buyer}
    if full:
        tenderers = [_vendor_party(proposal.vendor) for proposal in request.ocds_tenderers]
        release["tender"]["tenderers"] = [_reference(party) for party in tenderers]
        parties.update((party["id"], party) for party in tenderers)
    if engagement is not None:
        supplier = _vendor_party(engagement.vendor, roles=["supplier", "tenderer"])
        parties[supplier["id"]] = supplier
        release["awards"] = [_award(ocid, engagement, supplier=supplier, full=full)]
        release["contracts"] = [_contract(ocid, engagement, full=full)]
    release["parties"] = list(parties.values())
    return release


def ocds_release_package(
    *, releases: list[dict], uri: str, publication_policy: str, links: dict
) -> dict:
    """The release package of a page of releases: published at the latest of their dates (the
    last change to what it holds, as the standard asks of a package made on demand), `links`
    to the next and previous pages."""
    dates = [release["date"] for release in releases]
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": max(dates) if dates else ocds_date(datetime.now(UTC)),
        "publisher": PUBLISHER,
        "license": LICENSE,
        "publicationPolicy": publication_policy,
        "releases": releases,
        "links": links,
    }


def _tags(request: OutsourcingRequest, engagement: Engagement | None) -> list[str]:
    if request.is_cancelled:
        return ["tenderCancellation"]
    if engagement is None:
        return ["tender"]
    tags = ["tender", "award", "contract"]
    # The codelist's "information at the end of a contracting process": the work was done or
    # the company ended it early; either way the contract is over.
    if not engagement.is_active:
        tags.append("contractTermination")
    return tags


_TENDER_STATUS = {
    OutsourcingRequest.Status.PUBLISHED: "active",
    OutsourcingRequest.Status.AWARDED: "complete",
    OutsourcingRequest.Status.CANCELLED: "cancelled",
}


def _tender(request: OutsourcingRequest, *, buyer: dict) -> dict:
    return {
        "id": str(request.pk),
        "title": request.title,
        "description": request.description,
        "status": _TENDER_STATUS[request.status],
        "procuringEntity": _reference(buyer),
        "minValue": _value(request.budget_min, request.currency),
        "value": _value(request.budget_max, request.currency),
        "procurementMethod": "open" if request.is_open_to_all else "selective",
        "mainProcurementCategory": "services",
        "tenderPeriod": _period(request.published_at, request.proposals_due),
        "enquiryPeriod": _period(request.published_at, request.questions_close_at),
        "numberOfTenderers": request.number_of_tenderers,
    }


def _award(ocid: str, engagement: Engagement, *, supplier: dict, full: bool) -> dict:
    award = {
        "id": f"{ocid}-award",
        "status": "cancelled" if engagement.is_cancelled else "active",
        "date": ocds_date(engagement.created_at),
        "suppliers": [_reference(supplier)],
    }
    if full:
        award["value"] = _value(engagement.proposal.price, engagement.proposal.currency)
    return award


def _contract(ocid: str, engagement: Engagement, *, full: bool) -> dict:
    proposal = engagement.proposal
    contract = {
        "id": f"{ocid}-contract",
        "awardID": f"{ocid}-award",
        # The codelist's `cancelled` is a contract ended before it was signed; an engagement
        # starts in force at the award, so one completed or cancelled has come to a close.
        "status": "active" if engagement.is_active else "terminated",
        # The award starts the engagement: there is no later signature on Norte.
        "dateSigned": ocds_date(engagement.created_at),
        "period": {
            "startDate": ocds_date(engagement.created_at),
            "durationInDays": proposal.duration_weeks * 7,
        },
    }
    if full:
        contract["value"] = _value(proposal.price, proposal.currency)
    return contract


def _company_party(company: Company) -> dict:
    return {
        "id": f"MX-RFC-{company.rfc}",
        "name": company.name,
        "identifier": {"scheme": "MX-RFC", "id": company.rfc, "legalName": company.name},
        "address": {
            "region": _region_name("MX", company.state),
            "countryName": "Mexico",
        },
        "roles": ["buyer", "procuringEntity"],
    }


def _vendor_party(vendor: Vendor, *, roles: list[str] | None = None) -> dict:
    party = {"id": _vendor_party_id(vendor), "name": vendor.name}
    # A vendor without a business number gets no identifier: never one made up.
    if vendor.business_number:
        party["identifier"] = {
            "scheme": "CA-BN",
            "id": vendor.business_number,
            "legalName": vendor.name,
        }
    party["address"] = {
        "region": _region_name("CA", vendor.province),
        "countryName": "Canada",
    }
    party["roles"] = roles or ["tenderer"]
    return party


def _vendor_party_id(vendor: Vendor) -> str:
    if vendor.business_number:
        return f"CA-BN-{vendor.business_number}"
    # The id, not the slug: a vendor may change its slug, and must stay one party.
    return f"norte-vendor-{vendor.pk}"


def _reference(party: dict) -> dict:
    """An OrganizationReference to a party of the release."""
    return {"id": party["id"], "name": party["name"]}


def _region_name(country: str, code: str) -> str:
    """A state's or province's name as ISO 3166-2 gives it, whatever the reader's language:
    open data is one document for everyone."""
    subdivision = pycountry.subdivisions.get(code=f"{country}-{code}")
    return subdivision.name if subdivision is not None else code


def _value(amount: Decimal, currency: str) -> dict:
    return {"amount": float(amount), "currency": currency}


def _period(start: datetime | None, end: datetime | None) -> dict:
    period = {}
    if start is not None:
        period["startDate"] = ocds_date(start)
    if end is not None:
        period["endDate"] = ocds_date(end)
    return period
