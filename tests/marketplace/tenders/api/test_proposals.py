"""Proposals through the API: a vendor taking part proposes (`POST proposals/`), withdraws and
proposes again; the company shortlists and compares them (`GET requests/{id}/proposals/`);
vendors never see each other's."""

from decimal import Decimal

import pytest

from marketplace.models import ExchangeRate, OutsourcingRequest
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_rematch
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation, Proposal
from tests.errors import error, refused_fields
from tests.factories import OutsourcingRequestFactory

from . import API, ids, past_due, suspend

pytestmark = pytest.mark.django_db

URL = f"{API}/proposals/"
FIELDS = {
    "id",
    "request",
    "vendor",
    "vendor_name",
    "price",
    "currency",
    "duration_weeks",
    "team_size",
    "approach",
    "milestones",
    "status",
    "outcome_reason",
    "shortlisted_at",
    "withdrawn_at",
    "created_at",
    "updated_at",
}
COMPARISON = {
    "price_in_request_currency",
    "price_cad",
    "match_score",
    "match_reasons",
    "rating",
    "review_count",
    "median_answer_seconds",
}


def terms(outsourcing_request, **overrides) -> dict:
    return {
        "request": outsourcing_request.pk,
        "price": "1500000.00",
        "currency": "MXN",
        "duration_weeks": 20,
        "team_size": 5,
        "approach": "Two squads: odds feeds and the bet slip.",
        "milestones": [
            {"title": "Odds feed live", "week": 8, "amount": "500000"},
            {"title": "Bet slip", "week": 20},
        ],
        **overrides,
    }


def detail(proposal, action: str = "") -> str:
    return f"{URL}{proposal.pk}/" + (f"{action}/" if action else "")


def compare_url(outsourcing_request) -> str:
    return f"{API}/requests/{outsourcing_request.pk}/proposals/"


@pytest.fixture
def open_request(company, alice):
    """Published, open to every approved vendor that speaks English."""
    return OutsourcingRequestFactory(
        company=company,
        status=OutsourcingRequest.Status.PUBLISHED,
        visibility=OutsourcingRequest.Visibility.OPEN,
        speaks_en=True,
    )


# --- Proposing ----------------------------------------------------------------------------------


def test_an_invited_vendor_proposes_which_accepts_its_invitation(api, victor, bid_invitation):
    response = api(victor).post(URL, terms(bid_invitation.request))

    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert response["Location"] == f"http://testserver{URL}{proposal.pk}/"
    body = response.json()
    assert set(body) == FIELDS
    assert (body["price"], body["currency"], body["status"]) == ("1500000.00", "MXN", "submitted")
    assert body["milestones"] == [
        {"title": "Odds feed live", "week": 8, "amount": "500000.00"},
        {"title": "Bet slip", "week": 20, "amount": None},
    ]
    assert proposal.submitted_by == victor
    bid_invitation.refresh_from_db()
    assert bid_invitation.status == BidInvitation.Status.ACCEPTED


def test_any_approved_vendor_meeting_an_open_requests_constraints_proposes(api, una, open_request):
    assert api(una).post(URL, terms(open_request)).status_code == 201


def test_one_live_proposal_per_vendor_withdrawn_ones_stay_as_history(api, vera, victor, proposal):
    again = api(victor).post(URL, terms(proposal.request))
    assert again.status_code == 409
    assert error(again)["code"] == "proposal_exists"

    assert api(vera).post(detail(proposal, "withdraw")).json()["status"] == "withdrawn"
    assert api(victor).post(URL, terms(proposal.request, price="1400000")).status_code == 201
    assert sorted(Proposal.objects.values_list("status", flat=True)) == ["submitted", "withdrawn"]


def test_the_company_and_staff_do_not_propose_whatever_they_send(
    api, alice, staff, outsourcing_request
):
    for user in (alice, staff):
        response = api(user).post(URL, {"price": "abc"})

        assert response.status_code == 403
        assert error(response)["code"] == "not_a_vendor_member"
    assert not Proposal.objects.exists()


def test_a_suspended_vendor_may_not_propose(api, vera, bid_invitation, vendor):
    suspend(vendor)

    response = api(vera).post(URL, terms(bid_invitation.request))

    assert response.status_code == 403
    assert error(response)["code"] == "vendor_not_approved"
    assert not Proposal.objects.exists()


def test_a_request_the_vendor_cannot_see_reads_as_missing(api, una, outsourcing_request):
    response = api(una).post(URL, terms(outsourcing_request))

    assert refused_fields(response) == {
        "request": [f'Invalid pk "{outsourcing_request.pk}" - object does not exist.']
    }


def test_a_vendor_that_declined_may_not_propose(api, vera, bid_invitation):
    services.bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)

    response = api(vera).post(URL, terms(bid_invitation.request))

    assert response.status_code == 403
    assert error(response)["code"] == "not_taking_part"


def test_proposing_after_the_deadline_is_a_conflict(api, vera, bid_invitation):
    past_due(bid_invitation.request)

    response = api(vera).post(URL, terms(bid_invitation.request))

    assert response.status_code == 409
    assert error(response)["code"] == "proposals_closed"
    assert not Proposal.objects.exists()


def test_a_closed_request_takes_no_proposals(api, alice, vera, bid_invitation):
    services.request_cancel(actor=alice, outsourcing_request=bid_invitation.request, reason="No.")

    response = api(vera).post(URL, terms(bid_invitation.request))

    assert error(response)["code"] == "request_closed"


def test_each_term_is_checked_and_named(api, vera, bid_invitation):
    bad = terms(
        bid_invitation.request,
        price="0",
        currency="EUR",
        duration_weeks=0,
        team_size=0,
        milestones=[{"title": "", "week": 300, "amount": "-1"}],
    )

    fields = refused_fields(api(vera).post(URL, bad))

    assert set(fields) == {
        "price",
        "currency",
        "duration_weeks",
        "team_size",
        "milestones.0.title",
        "milestones.0.week",
        "milestones.0.amount",
    }
    assert set(refused_fields(api(vera).post(URL, {}))) == {
        "request",
        "price",
        "currency",
        "duration_weeks",
        "team_size",
        "approach",
    }
    assert not Proposal.objects.exists()


def test_the_models_rules_surface_per_field(api, vera, bid_invitation):
    late = terms(bid_invitation.request, duration_weeks=10, approach=" ")

    fields = refused_fields(api(vera).post(URL, late))

    assert fields["milestones"] == ["A milestone cannot fall after the last week."]
    assert set(fields) == {"milestones", "approach"}
    assert not Proposal.objects.exists()


# --- Reading ------------------------------------------------------------------------------------


def test_each_side_lists_its_own_proposals_vendors_never_anothers(
    api, alice, vera, una, olga, staff, proposal, other_vendor
):
    theirs = Proposal.objects.create(
        request=proposal.request,
        vendor=other_vendor,
        price=Decimal("9"),
        currency="CAD",
        duration_weeks=3,
        team_size=1,
        approach="Fast.",
    )

    assert set(ids(api(alice).get(URL))) == {proposal.pk, theirs.pk}
    assert ids(api(vera).get(URL)) == [proposal.pk]
    assert ids(api(una).get(URL)) == [theirs.pk]
    assert ids(api(olga).get(URL)) == []
    assert len(ids(api(staff).get(URL))) == 2
    assert api(una).get(detail(proposal)).status_code == 404
    assert api(olga).get(detail(proposal)).status_code == 404
    assert set(api(vera).get(detail(proposal)).json()) == FIELDS


def test_the_list_filters_by_status_request_and_vendor(api, alice, bob, proposal, vendor):
    api(bob).post(detail(proposal, "shortlist"))
    client = api(alice)

    assert ids(client.get(URL, {"status": "shortlisted"})) == [proposal.pk]
    assert ids(client.get(URL, {"status": "submitted"})) == []
    assert ids(client.get(URL, {"vendor": vendor.pk, "request": proposal.request_id})) == [
        proposal.pk
    ]
    assert set(refused_fields(client.get(URL, {"vendor": "maple-odds"}))) == {"vendor"}


# --- Withdrawing and shortlisting ---------------------------------------------------------------


def test_the_vendor_withdraws_before_the_deadline(api, victor, proposal):
    response = api(victor).post(detail(proposal, "withdraw"))

    assert response.status_code == 200
    assert response.json()["withdrawn_at"] is not None


def test_only_the_proposing_vendor_withdraws(api, alice, una, olga, proposal):
    assert api(alice).post(detail(proposal, "withdraw")).status_code == 403
    assert api(una).post(detail(proposal, "withdraw")).status_code == 404
    assert api(olga).post(detail(proposal, "withdraw")).status_code == 404
    proposal.refresh_from_db()
    assert proposal.is_live


def test_withdrawing_twice_or_after_the_deadline_is_a_conflict(api, vera, proposal):
    api(vera).post(detail(proposal, "withdraw"))
    twice = api(vera).post(detail(proposal, "withdraw"))
    assert twice.status_code == 409
    assert error(twice)["code"] == "proposal_not_live"

    other = services.proposal_submit(
        actor=vera,
        outsourcing_request=proposal.request,
        price=Decimal("2"),
        currency="CAD",
        duration_weeks=1,
        team_size=1,
        approach="x",
    )
    past_due(proposal.request)
    late = api(vera).post(detail(other, "withdraw"))
    assert error(late)["code"] == "proposals_closed"


def test_a_member_shortlists_and_the_vendor_may_not(api, bob, vera, proposal):
    assert api(vera).post(detail(proposal, "shortlist")).status_code == 403

    response = api(bob).post(detail(proposal, "shortlist"))

    assert response.status_code == 200
    assert response.json()["status"] == "shortlisted"
    assert response.json()["shortlisted_at"] is not None
    twice = api(bob).post(detail(proposal, "shortlist"))
    assert twice.status_code == 409
    assert error(twice)["code"] == "proposal_not_submitted"


def test_another_company_does_not_find_the_proposal_to_shortlist(api, olga, proposal):
    assert api(olga).post(detail(proposal, "shortlist")).status_code == 404
    proposal.refresh_from_db()
    assert not proposal.is_shortlisted


# --- Comparing ----------------------------------------------------------------------------------


def test_the_company_compares_proposals_in_its_currency_and_in_cad(
    api, alice, proposal, exchange_rates
):
    response = api(alice).get(compare_url(proposal.request))

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert set(row) == FIELDS | COMPARISON
    assert row["price_cad"] == "112500.00"
    assert row["price_in_request_currency"] == "1500000.00"
    assert (row["match_score"], row["match_reasons"]) == (None, [])
    assert (row["rating"], row["review_count"], row["median_answer_seconds"]) == (None, 0, None)


def test_the_comparison_carries_the_vendors_ranking_and_response_time(
    api, alice, vera, bid_invitation, proposal_terms, exchange_rates
):
    services.bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)
    services.proposal_submit(
        actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms
    )
    match_run_execute(run_id=request_rematch(request=bid_invitation.request, actor=alice).pk)

    [row] = api(alice).get(compare_url(bid_invitation.request)).json()["results"]

    assert row["match_score"] > 0
    assert row["match_reasons"]
    assert set(row["match_reasons"][0]) == {"code", "met", "text"}
    assert row["median_answer_seconds"] >= 0


def test_a_price_without_a_rate_for_its_day_is_not_converted(api, alice, proposal):
    ExchangeRate.objects.filter(currency="MXN").delete()

    [row] = api(alice).get(compare_url(proposal.request)).json()["results"]

    # Already in the request's currency, it needs no rate to be shown in it.
    assert (row["price_cad"], row["price_in_request_currency"]) == (None, "1500000.00")


def test_vendors_and_other_companies_do_not_find_the_comparison(api, vera, olga, proposal):
    assert api(vera).get(compare_url(proposal.request)).status_code == 404
    assert api(olga).get(compare_url(proposal.request)).status_code == 404


def test_the_comparison_filters_by_status(api, bob, proposal):
    assert ids(api(bob).get(compare_url(proposal.request), {"status": "withdrawn"})) == []
    assert set(refused_fields(api(bob).get(compare_url(proposal.request), {"request": 1}))) == {
        "request"
    }
