"""Closing a request through the API: an owner awards a proposal (`POST requests/{id}/award/`,
201 with the engagement) or cancels the request (`POST requests/{id}/cancel/`), always with a
reason every vendor that took part reads; refusals change nothing."""

from decimal import Decimal

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation, Engagement, Proposal
from tests.errors import error, refused_fields
from tests.factories import OutsourcingRequestFactory

from . import API, past_due

pytestmark = pytest.mark.django_db

ENGAGEMENT_FIELDS = {
    "id",
    "request",
    "request_title",
    "proposal",
    "company",
    "company_name",
    "vendor",
    "vendor_name",
    "status",
    "award_reason",
    "completed_at",
    "cancelled_at",
    "cancellation_reason",
    "review",
    "created_at",
    "updated_at",
}


def award_url(outsourcing_request) -> str:
    return f"{API}/requests/{outsourcing_request.pk}/award/"


def cancel_url(outsourcing_request) -> str:
    return f"{API}/requests/{outsourcing_request.pk}/cancel/"


@pytest.fixture
def their_proposal(proposal, other_vendor):
    """Northern Lights, invited too, proposed as well."""
    BidInvitation.objects.create(request=proposal.request, vendor=other_vendor)
    return Proposal.objects.create(
        request=proposal.request,
        vendor=other_vendor,
        price=Decimal("90000"),
        currency="CAD",
        duration_weeks=16,
        team_size=4,
        approach="One squad.",
    )


def status_of(outsourcing_request) -> str:
    outsourcing_request.refresh_from_db()
    return outsourcing_request.status


# --- Awarding -----------------------------------------------------------------------------------


def test_the_owner_awards_and_everyone_who_took_part_reads_why(
    api, alice, proposal, their_proposal, vendor, other_vendor
):
    response = api(alice).post(
        award_url(proposal.request), {"proposal": proposal.pk, "reason": " Best plan. "}
    )

    assert response.status_code == 201, response.content
    engagement = Engagement.objects.get()
    assert response["Location"] == f"http://testserver{API}/engagements/{engagement.pk}/"
    body = response.json()
    assert set(body) == ENGAGEMENT_FIELDS
    assert (body["proposal"], body["vendor"], body["status"]) == (proposal.pk, vendor.pk, "active")
    assert (body["award_reason"], body["review"]) == ("Best plan.", None)
    assert status_of(proposal.request) == "awarded"
    their_proposal.refresh_from_db()
    assert their_proposal.status == Proposal.Status.NOT_AWARDED
    assert their_proposal.outcome_reason == "Best plan."
    awarded = Event.objects.get(kind=Event.Kind.REQUEST_AWARDED)
    assert set(awarded.vendors.all()) == {vendor, other_vendor}


def test_a_member_who_is_not_an_owner_may_not_award(api, bob, proposal):
    response = api(bob).post(award_url(proposal.request), {"proposal": proposal.pk, "reason": "."})

    assert response.status_code == 403
    assert error(response)["code"] == "owner_only"
    assert status_of(proposal.request) == "published"
    assert not Engagement.objects.exists()


def test_vendors_and_staff_may_not_award_and_other_companies_do_not_find_it(
    api, vera, staff, olga, proposal
):
    payload = {"proposal": proposal.pk, "reason": "Mine."}

    assert api(vera).post(award_url(proposal.request), payload).status_code == 403
    assert api(staff).post(award_url(proposal.request), payload).status_code == 403
    assert api(olga).post(award_url(proposal.request), payload).status_code == 404
    assert not Engagement.objects.exists()


def test_an_award_needs_a_reason_and_a_proposal_of_this_request(api, alice, company, proposal):
    elsewhere = OutsourcingRequestFactory(company=company)
    client = api(alice)

    assert refused_fields(
        client.post(award_url(proposal.request), {"proposal": proposal.pk, "reason": " "})
    ) == {"reason": ["Say why this proposal wins."]}
    assert set(
        refused_fields(client.post(award_url(elsewhere), {"proposal": proposal.pk, "reason": "x"}))
    ) == {"proposal"}
    assert set(refused_fields(client.post(award_url(proposal.request), {}))) == {
        "proposal",
        "reason",
    }
    assert not Engagement.objects.exists()


def test_a_request_is_awarded_once(api, alice, proposal, their_proposal):
    services.request_award(
        actor=alice, outsourcing_request=proposal.request, proposal=proposal, reason="First."
    )

    response = api(alice).post(
        award_url(proposal.request), {"proposal": their_proposal.pk, "reason": "Second."}
    )

    assert response.status_code == 409
    assert error(response)["code"] == "request_already_awarded"
    assert Engagement.objects.get().proposal == proposal


def test_awarding_before_the_deadline_while_a_vendor_may_still_propose_is_a_conflict(
    api, alice, proposal, other_vendor
):
    BidInvitation.objects.create(request=proposal.request, vendor=other_vendor)
    payload = {"proposal": proposal.pk, "reason": "Best plan."}

    early = api(alice).post(award_url(proposal.request), payload)
    assert early.status_code == 409
    assert error(early)["code"] == "award_before_deadline"

    past_due(proposal.request)
    assert api(alice).post(award_url(proposal.request), payload).status_code == 201


def test_a_withdrawn_proposal_cannot_win(api, alice, vera, proposal):
    services.proposal_withdraw(actor=vera, proposal=proposal)
    past_due(proposal.request)

    response = api(alice).post(
        award_url(proposal.request), {"proposal": proposal.pk, "reason": "."}
    )

    assert response.status_code == 409
    assert error(response)["code"] == "proposal_not_live"
    assert status_of(proposal.request) == "published"


def test_a_retried_award_with_its_key_answers_the_same_engagement(api, alice, proposal):
    client = api(alice)
    headers = {"Idempotency-Key": "award-maple-odds"}
    payload = {"proposal": proposal.pk, "reason": "Best plan."}

    first = client.post(award_url(proposal.request), payload, headers=headers)
    again = client.post(award_url(proposal.request), payload, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert Engagement.objects.count() == 1


# --- Cancelling ---------------------------------------------------------------------------------


def test_the_owner_cancels_and_every_proposer_reads_why(api, alice, proposal):
    response = api(alice).post(cancel_url(proposal.request), {"reason": "Budget moved."})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["cancellation_reason"]) == ("cancelled", "Budget moved.")
    assert body["closed_at"] is not None
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REQUEST_CANCELLED
    assert proposal.outcome_reason == "Budget moved."


def test_a_draft_can_be_cancelled_too(api, alice, company):
    draft = OutsourcingRequestFactory(company=company)

    assert api(alice).post(cancel_url(draft), {"reason": "Not needed."}).status_code == 200
    assert status_of(draft) == "cancelled"


def test_only_an_owner_cancels(api, bob, vera, staff, olga, proposal):
    for user in (bob, vera, staff):
        response = api(user).post(cancel_url(proposal.request), {"reason": "No."})

        assert response.status_code == 403
        assert error(response)["code"] == "owner_only"
    assert api(olga).post(cancel_url(proposal.request), {"reason": "No."}).status_code == 404
    assert status_of(proposal.request) == "published"


def test_a_cancellation_needs_a_reason(api, alice, outsourcing_request):
    assert refused_fields(api(alice).post(cancel_url(outsourcing_request), {"reason": ""})) == {
        "reason": ["Say why the request is cancelled."]
    }
    assert status_of(outsourcing_request) == "published"


def test_a_closed_request_cannot_be_cancelled(api, alice, outsourcing_request):
    api(alice).post(cancel_url(outsourcing_request), {"reason": "Budget moved."})

    response = api(alice).post(cancel_url(outsourcing_request), {"reason": "Again."})

    assert response.status_code == 409
    assert error(response)["code"] == "request_closed"
    outsourcing_request.refresh_from_db()
    assert outsourcing_request.cancellation_reason == "Budget moved."
    assert OutsourcingRequest.objects.get().is_cancelled


@pytest.mark.parametrize("action", ["award", "cancel"])
def test_a_reason_over_the_limit_is_refused_and_nothing_changes(api, alice, proposal, action):
    url = award_url if action == "award" else cancel_url
    reason = "x" * 10_000

    response = api(alice).post(url(proposal.request), {"proposal": proposal.pk, "reason": reason})

    assert refused_fields(response) == {
        "reason": ["Ensure this field has no more than 5000 characters."]
    }
    proposal.request.refresh_from_db()
    assert proposal.request.is_published
    assert not Engagement.objects.exists()
