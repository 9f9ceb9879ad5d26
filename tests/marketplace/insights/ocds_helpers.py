"""What the OCDS export's tests share: a market of requests at every stage, made through the
services, and the checks of a release (package) against the standard's schemas and codelists
kept in tests/data/ocds-1.1.5.

The market: Alice's Operadora Azteca (Jalisco) runs them all. Maple Odds (Vera, Ontario, a
business number), Northern Lights (Una, Quebec, a business number) and Prairie Bits (Priya,
British Columbia, none) propose.

- `open_published`: open, proposals from Maple Odds and Northern Lights, and one Prairie Bits
  withdrew.
- `open_awarded`: open, Maple Odds won 1,500,000 MXN over Northern Lights.
- `completed`: open, Northern Lights won 90,000 CAD, the work done.
- `cancelled`: open, Maple Odds won 40,000 USD, the company cancelled the work.
- `no_business_number`: open, Prairie Bits (no business number) won 700,000 MXN.
- `invitation_published`, `invitation_awarded`: by invitation; Maple Odds won the second,
  1,200,000 MXN, over Northern Lights.
- `draft`, `cancelled_request`: never published as releases.
"""

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema
from django.utils import timezone
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from companies.choices import Role
from companies.models import User
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.services.requests import request_publish
from marketplace.tenders import services as tenders
from marketplace.tenders.models import Engagement, Proposal
from tests.factories import MembershipFactory, OutsourcingRequestFactory, UserFactory, VendorFactory

OCDS = Path(__file__).resolve().parents[2] / "data" / "ocds-1.1.5"


# --- The standard --------------------------------------------------------------------------------


@cache
def _schema(name: str) -> dict:
    return json.loads((OCDS / name).read_text())


@cache
def _registry() -> Registry:
    """The release schema under the URL the package schema's `$ref` names, so nothing is
    fetched."""
    release = _schema("release-schema.json")
    return Registry().with_resource(release["id"], Resource.from_contents(release, DRAFT4))


def release_errors(release: dict) -> list[str]:
    validator = jsonschema.Draft4Validator(
        _schema("release-schema.json"), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(release)]


def package_errors(package: dict) -> list[str]:
    validator = jsonschema.Draft4Validator(
        _schema("release-package-schema.json"),
        registry=_registry(),
        format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER,
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)]


@cache
def codelist(name: str) -> frozenset[str]:
    with (OCDS / "codelists" / f"{name}.csv").open(newline="") as rows:
        return frozenset(row["Code"] for row in csv.DictReader(rows))


def codelist_errors(release: dict) -> list[str]:
    """The values of the closed codelists the release uses that are not in them."""
    tender = release.get("tender", {})
    used = [("releaseTag", code) for code in release["tag"]] + [
        ("initiationType", release["initiationType"]),
        ("tenderStatus", tender.get("status")),
        ("method", tender.get("procurementMethod")),
        ("procurementCategory", tender.get("mainProcurementCategory")),
        *(("awardStatus", award["status"]) for award in release.get("awards", [])),
        *(("contractStatus", contract["status"]) for contract in release.get("contracts", [])),
        *(("partyRole", role) for party in release["parties"] for role in party["roles"]),
        *(("currency", value["currency"]) for value in values(release)),
    ]
    return [f"{name}: {code!r}" for name, code in used if code not in codelist(name)]


def values(release: dict) -> list[dict]:
    """Every Value object in the release."""
    tender = release.get("tender", {})
    found = [tender[key] for key in ("minValue", "value") if key in tender]
    for section in ("awards", "contracts"):
        found += [item["value"] for item in release.get(section, []) if "value" in item]
    return found


def assert_valid_release(release: dict) -> None:
    assert release_errors(release) == []
    assert codelist_errors(release) == []


def assert_valid_package(package: dict) -> None:
    assert package_errors(package) == []
    for release in package["releases"]:
        assert_valid_release(release)


# --- The market --------------------------------------------------------------------------------


def owner_of(vendor: Vendor, username: str) -> User:
    return MembershipFactory(
        user=UserFactory(username=username), role=Role.OWNER, vendor=vendor
    ).user


def published(*, company, alice, title, **fields) -> OutsourcingRequest:
    outsourcing_request = OutsourcingRequestFactory(
        company=company, author=alice, title=title, speaks_en=True, **fields
    )
    request_publish(request=outsourcing_request, actor=alice)
    outsourcing_request.refresh_from_db()
    return outsourcing_request


def propose(outsourcing_request, *, by: User, price: str, currency: str = "MXN") -> Proposal:
    return tenders.proposal_submit(
        actor=by,
        outsourcing_request=outsourcing_request,
        price=Decimal(price),
        currency=currency,
        duration_weeks=12,
        team_size=4,
        approach="Un equipo de cuatro.",
    )


def award(outsourcing_request, proposal, *, alice) -> Engagement:
    """Awarded once proposals are due, as an open request must be."""
    OutsourcingRequest.objects.filter(pk=outsourcing_request.pk).update(
        proposals_due=timezone.now()
    )
    outsourcing_request.refresh_from_db()
    return tenders.request_award(
        actor=alice, outsourcing_request=outsourcing_request, proposal=proposal, reason="El mejor."
    )


@dataclass
class Market:
    requests: dict[str, OutsourcingRequest]
    engagements: dict[str, Engagement]
    vendors: dict[str, Vendor]


def build_market(*, company, alice, vendor, vera) -> Market:
    """The market of the module docstring; `vendor` and `vera` are the cast's Maple Odds."""
    Vendor.objects.filter(pk=vendor.pk).update(business_number="123456782")
    vendor.refresh_from_db()
    northern = VendorFactory(
        name="Northern Lights", slug="northern-lights", province="QC", business_number="876543216"
    )
    prairie = VendorFactory(name="Prairie Bits", slug="prairie-bits", province="BC")
    una, priya = owner_of(northern, "una"), owner_of(prairie, "priya")
    requests, engagements = {}, {}

    open_published = requests["open_published"] = published(
        company=company, alice=alice, title="Casa de apuestas en línea"
    )
    propose(open_published, by=vera, price="1000000")
    propose(open_published, by=una, price="1100000")
    withdrawn = propose(open_published, by=priya, price="900000")
    tenders.proposal_withdraw(actor=priya, proposal=withdrawn)

    def awarded(name, *, winner, price, currency, others=(), **fields):
        outsourcing_request = requests[name] = published(
            company=company, alice=alice, title=f"Plataforma {name}", **fields
        )
        if outsourcing_request.visibility == OutsourcingRequest.Visibility.INVITATION:
            for invited in (vendor, northern):
                tenders.bid_invitation_create(
                    actor=alice, outsourcing_request=outsourcing_request, vendor=invited
                )
        won = propose(outsourcing_request, by=winner, price=price, currency=currency)
        for other in others:
            propose(outsourcing_request, by=other, price="2000000")
        engagements[name] = award(outsourcing_request, won, alice=alice)
        outsourcing_request.refresh_from_db()
        return engagements[name]

    awarded("open_awarded", winner=vera, price="1500000", currency="MXN", others=[una])
    tenders.engagement_complete(
        actor=alice, engagement=awarded("completed", winner=una, price="90000", currency="CAD")
    )
    tenders.engagement_cancel(
        actor=alice,
        engagement=awarded("cancelled", winner=vera, price="40000", currency="USD"),
        reason="Cambió el presupuesto.",
    )
    awarded("no_business_number", winner=priya, price="700000", currency="MXN")
    requests["invitation_published"] = published(
        company=company,
        alice=alice,
        title="Casino en vivo",
        visibility=OutsourcingRequest.Visibility.INVITATION,
    )
    awarded(
        "invitation_awarded",
        winner=vera,
        price="1200000",
        currency="MXN",
        others=[una],
        visibility=OutsourcingRequest.Visibility.INVITATION,
    )
    requests["draft"] = OutsourcingRequestFactory(company=company, author=alice, title="Borrador")
    cancelled_request = requests["cancelled_request"] = published(
        company=company, alice=alice, title="Bingo"
    )
    tenders.request_cancel(
        actor=alice, outsourcing_request=cancelled_request, reason="Ya no lo necesitamos."
    )
    for name in requests:
        requests[name].refresh_from_db()
    for name in engagements:
        engagements[name].refresh_from_db()
    return Market(
        requests=requests,
        engagements=engagements,
        vendors={"maple": vendor, "northern": northern, "prairie": prairie},
    )
