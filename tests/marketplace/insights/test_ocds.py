"""marketplace/insights/ocds.py: which requests become OCDS releases for whom, and what each
release says, checked against the OCDS 1.1.5 schemas and codelists (tests/data/ocds-1.1.5)."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import F
from django.test import override_settings

from marketplace.insights.ocds import (
    ocds_date,
    ocds_release,
    ocds_release_list,
    ocds_release_package,
)
from marketplace.insights.policies import can_read_contract_values
from marketplace.models import OutsourcingRequest
from marketplace.services.requests import request_update
from marketplace.tenders.models import Engagement
from marketplace.tenders.services import engagement_complete

from .ocds_helpers import (
    assert_valid_package,
    assert_valid_release,
    build_market,
    codelist_errors,
    package_errors,
    release_errors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(company, alice, vendor, vera):
    return build_market(company=company, alice=alice, vendor=vendor, vera=vera)


def releases_for(user) -> dict[str, dict]:
    """The releases `user` reads, by request title."""
    return {
        outsourcing_request.title: ocds_release(outsourcing_request=outsourcing_request, user=user)
        for outsourcing_request in ocds_release_list(user=user)
    }


def release_of(market, name: str, user) -> dict:
    outsourcing_request = ocds_release_list(user=user).get(pk=market.requests[name].pk)
    return ocds_release(outsourcing_request=outsourcing_request, user=user)


def party(release: dict, party_id: str) -> dict:
    [found] = [p for p in release["parties"] if p["id"] == party_id]
    return found


# --- Valid OCDS, as each stage ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_every_release_and_the_package_are_valid_ocds(market, staff, who):
    user = staff if who == "staff" else AnonymousUser()
    releases = list(releases_for(user).values())

    package = ocds_release_package(
        releases=releases,
        uri="https://norte.example/api/v1/ocds/releases/",
        publication_policy="https://norte.example/api/v1/docs/#/ocds/ocds_releases_list",
        links={"next": None, "prev": None},
    )

    assert len(releases) == (8 if who == "staff" else 6)
    assert_valid_package(package)


def test_a_published_request_is_a_tender_release(market, company, staff):
    release = release_of(market, "open_published", staff)
    outsourcing_request = market.requests["open_published"]

    assert_valid_release(release)
    assert release["tag"] == ["tender"]
    assert release["initiationType"] == "tender"
    assert release["language"] == "es"
    tender = release["tender"]
    assert tender["status"] == "active"
    assert tender["procurementMethod"] == "open"
    assert tender["mainProcurementCategory"] == "services"
    assert tender["minValue"] == {"amount": 1000000.0, "currency": "MXN"}
    assert tender["value"] == {"amount": 2000000.0, "currency": "MXN"}
    assert tender["tenderPeriod"]["endDate"].startswith(
        outsourcing_request.proposals_due.strftime("%Y-%m-%dT%H:%M:%S")
    )
    assert tender["enquiryPeriod"] == tender["tenderPeriod"]  # questions close with proposals
    # Maple Odds and Northern Lights; Prairie Bits withdrew.
    assert tender["numberOfTenderers"] == 2
    assert "awards" not in release and "contracts" not in release
    buyer = party(release, f"MX-RFC-{company.rfc}")
    assert buyer == {
        "id": f"MX-RFC-{company.rfc}",
        "name": "Operadora Azteca",
        "identifier": {"scheme": "MX-RFC", "id": company.rfc, "legalName": "Operadora Azteca"},
        "address": {"region": "Jalisco", "countryName": "Mexico"},
        "roles": ["buyer", "procuringEntity"],
    }
    assert (
        release["buyer"] == tender["procuringEntity"] == {"id": buyer["id"], "name": buyer["name"]}
    )


def test_an_awarded_request_has_its_award_and_contract(market, staff):
    release = release_of(market, "open_awarded", staff)
    engagement = market.engagements["open_awarded"]

    assert_valid_release(release)
    assert release["tag"] == ["tender", "award", "contract"]
    assert release["tender"]["status"] == "complete"
    [award] = release["awards"]
    assert award["status"] == "active"
    assert award["suppliers"] == [{"id": "CA-BN-123456782", "name": "Maple Odds"}]
    assert award["value"] == {"amount": 1500000.0, "currency": "MXN"}
    assert award["date"] == release["contracts"][0]["dateSigned"]
    [contract] = release["contracts"]
    assert contract["awardID"] == award["id"]
    assert contract["status"] == "active"
    assert contract["period"]["durationInDays"] == 12 * 7
    period = release["tender"]["tenderPeriod"]
    assert period["startDate"] < period["endDate"] <= award["date"]
    assert contract["value"] == award["value"]
    supplier = party(release, "CA-BN-123456782")
    assert supplier["identifier"] == {
        "scheme": "CA-BN",
        "id": "123456782",
        "legalName": "Maple Odds",
    }
    assert supplier["address"] == {"region": "Ontario", "countryName": "Canada"}
    assert supplier["roles"] == ["supplier", "tenderer"]
    assert release["date"] >= award["date"]
    assert engagement.is_active


def test_a_completed_engagement_is_a_terminated_contract_of_an_active_award(market, staff):
    release = release_of(market, "completed", staff)

    assert_valid_release(release)
    assert release["tag"] == ["tender", "award", "contract", "contractTermination"]
    assert release["awards"][0]["status"] == "active"
    assert release["contracts"][0]["status"] == "terminated"
    assert release["contracts"][0]["value"] == {"amount": 90000.0, "currency": "CAD"}


def test_a_cancelled_engagement_cancels_the_award_and_terminates_the_contract(market, staff):
    release = release_of(market, "cancelled", staff)

    assert_valid_release(release)
    assert release["tag"] == ["tender", "award", "contract", "contractTermination"]
    assert release["awards"][0]["status"] == "cancelled"
    # The contract was in force from the award: the codelist's `cancelled` is for one never
    # signed.
    assert release["contracts"][0]["status"] == "terminated"
    assert release["awards"][0]["value"] == {"amount": 40000.0, "currency": "USD"}


def test_a_vendor_without_a_business_number_has_no_identifier_made_up(market, staff):
    release = release_of(market, "no_business_number", staff)
    prairie = market.vendors["prairie"]

    assert_valid_release(release)
    supplier = party(release, f"norte-vendor-{prairie.pk}")
    assert "identifier" not in supplier
    assert supplier["address"] == {"region": "British Columbia", "countryName": "Canada"}
    assert release["awards"][0]["suppliers"] == [
        {"id": f"norte-vendor-{prairie.pk}", "name": "Prairie Bits"}
    ]


def test_drafts_are_never_released_and_a_cancelled_tender_is_released_cancelled(market, staff):
    releases = releases_for(staff)

    assert "Borrador" not in releases
    assert len(releases) == 8
    # Open once, so synced by clients who must learn it closed.
    cancelled = releases["Bingo"]
    assert cancelled["tag"] == ["tenderCancellation"]
    assert cancelled["tender"]["status"] == "cancelled"
    assert "awards" not in cancelled


# --- Who reads what --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "bob", "vera"])
def test_everyone_but_staff_reads_open_requests_without_values_or_losing_tenderers(
    market, who, request
):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)

    releases = releases_for(user)

    assert set(releases) == {
        "Bingo",
        "Casa de apuestas en línea",
        "Plataforma open_awarded",
        "Plataforma completed",
        "Plataforma cancelled",
        "Plataforma no_business_number",
    }
    for release in releases.values():
        assert_valid_release(release)
        assert release["tender"]["procurementMethod"] == "open"
        assert "tenderers" not in release["tender"]
        for section in ("awards", "contracts"):
            assert all("value" not in item for item in release.get(section, [])), section
    awarded = releases["Plataforma open_awarded"]
    # Northern Lights lost: counted, not named.
    assert awarded["tender"]["numberOfTenderers"] == 2
    assert [p["name"] for p in awarded["parties"]] == ["Operadora Azteca", "Maple Odds"]
    published = releases["Casa de apuestas en línea"]
    assert [p["name"] for p in published["parties"]] == ["Operadora Azteca"]
    assert published["tender"]["numberOfTenderers"] == 2
    # The budget posted is public; only what was agreed is not.
    assert published["tender"]["value"] == {"amount": 2000000.0, "currency": "MXN"}


def test_staff_read_requests_by_invitation_the_values_and_every_tenderer(market, staff):
    releases = releases_for(staff)

    invited = releases["Plataforma invitation_awarded"]
    assert invited["tender"]["procurementMethod"] == "selective"
    assert invited["awards"][0]["value"] == {"amount": 1200000.0, "currency": "MXN"}
    assert invited["contracts"][0]["value"] == {"amount": 1200000.0, "currency": "MXN"}
    roles = {p["name"]: p["roles"] for p in invited["parties"]}
    assert roles == {
        "Operadora Azteca": ["buyer", "procuringEntity"],
        "Maple Odds": ["supplier", "tenderer"],
        "Northern Lights": ["tenderer"],
    }
    assert [t["name"] for t in invited["tender"]["tenderers"]] == ["Maple Odds", "Northern Lights"]
    assert "Casino en vivo" in releases
    # Whoever withdrew is no tenderer.
    published = releases["Casa de apuestas en línea"]
    assert [t["name"] for t in published["tender"]["tenderers"]] == [
        "Maple Odds",
        "Northern Lights",
    ]


@pytest.mark.parametrize(
    ("who", "reads"),
    [("anonymous", False), ("charlie", False), ("alice", False), ("vera", False), ("staff", True)],
)
def test_only_staff_read_contract_values(who, reads, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)

    assert can_read_contract_values(user=user) is reads


def test_the_awards_agree_with_the_engagements_per_currency(market, staff):
    exported, in_force = defaultdict(Decimal), defaultdict(Decimal)
    for release in releases_for(staff).values():
        for award in release.get("awards", []):
            amount = Decimal(str(award["value"]["amount"]))
            exported[award["value"]["currency"]] += amount
            if award["status"] == "active":
                in_force[award["value"]["currency"]] += amount
    awarded, not_cancelled = defaultdict(Decimal), defaultdict(Decimal)
    for engagement in Engagement.objects.select_related("proposal"):
        awarded[engagement.proposal.currency] += engagement.proposal.price
        if not engagement.is_cancelled:
            not_cancelled[engagement.proposal.currency] += engagement.proposal.price

    assert exported == awarded
    assert exported == {
        "MXN": Decimal("3400000"),
        "CAD": Decimal("90000"),
        "USD": Decimal("40000"),
    }
    # The awards in force are the engagements the insights count (cancelled ones left out).
    assert in_force == not_cancelled == {"MXN": Decimal("3400000"), "CAD": Decimal("90000")}


# --- Identity and dates ------------------------------------------------------------------------


@override_settings(OCDS_OCID_PREFIX="ocds-test42")
def test_the_ocid_is_the_prefix_from_settings_and_the_request_id(market, staff):
    release = release_of(market, "open_awarded", staff)
    pk = market.requests["open_awarded"].pk

    assert release["ocid"] == f"ocds-test42-{pk}"
    assert release["id"].startswith(f"ocds-test42-{pk}-")
    assert release["awards"][0]["id"] == f"ocds-test42-{pk}-award"
    assert release["contracts"][0]["awardID"] == f"ocds-test42-{pk}-award"


def test_a_new_state_is_a_new_release_with_a_later_date(market, alice, staff):
    before = release_of(market, "open_awarded", staff)

    engagement_complete(actor=alice, engagement=market.engagements["open_awarded"])
    after = release_of(market, "open_awarded", staff)

    assert after["ocid"] == before["ocid"]
    assert after["date"] > before["date"]
    assert after["id"] != before["id"]
    assert after["contracts"][0]["status"] == "terminated"


def test_release_ids_are_unique(market, staff):
    ids = [release["id"] for release in releases_for(staff).values()]

    assert len(ids) == len(set(ids))


# --- The checks themselves ---------------------------------------------------------------------


def test_the_checks_catch_what_the_standard_refuses(market, staff):
    release = release_of(market, "open_awarded", staff)
    release["tag"] = ["awarded"]  # not a releaseTag
    release["tender"]["status"] = "open"
    release["awards"][0]["value"]["currency"] = "PESOS"

    assert sorted(codelist_errors(release)) == [
        "currency: 'PESOS'",
        "releaseTag: 'awarded'",
        "tenderStatus: 'open'",
    ]
    del release["initiationType"]
    release["date"] = "yesterday"
    errors = release_errors(release)
    assert any("'initiationType' is a required property" in error for error in errors)
    assert any("'yesterday' is not a 'date-time'" in error for error in errors)
    # A package names its publisher and holds at least one release.
    assert package_errors({"uri": "x", "version": "1.1", "publishedDate": "x", "releases": []})


def test_dates_are_utc_to_the_microsecond_so_they_sort_as_text():
    whole_second = datetime(2026, 4, 1, 12, 0, 0, tzinfo=UTC)
    later = datetime(2026, 4, 1, 7, 0, 0, 500000, tzinfo=timezone(timedelta(hours=-5)))

    assert ocds_date(whole_second) == "2026-04-01T12:00:00.000000Z"
    assert ocds_date(later) == "2026-04-01T12:00:00.500000Z"
    assert ocds_date(whole_second) < ocds_date(later)


def test_an_edit_once_published_is_a_new_release(market, staff, alice):
    before = release_of(market, "open_published", staff)
    request = market.requests["open_published"]

    request_update(request=request, actor=alice, data={"title": "Casa de apuestas renovada"})
    after = release_of(market, "open_published", staff)

    assert after["tender"]["title"] == "Casa de apuestas renovada"
    assert after["date"] > before["date"]
    assert after["id"] != before["id"]
    assert after["ocid"] == before["ocid"]


def test_a_change_shows_once_it_is_older_than_the_longest_transaction(market, staff, settings):
    """A date is taken before its transaction commits; served at once, a change committing
    late could land behind a client's cursor. The events feed's delay guards against it."""
    settings.EVENTS_FEED_DELAY = 150
    assert not ocds_release_list(user=staff).exists()  # every change of the market is recent

    request = market.requests["open_published"]
    earlier = F("updated_at") - timedelta(seconds=151)
    OutsourcingRequest.objects.filter(pk=request.pk).update(
        published_at=F("published_at") - timedelta(seconds=151), updated_at=earlier
    )
    request.proposals.update(updated_at=earlier)

    assert [r.pk for r in ocds_release_list(user=staff)] == [request.pk]
