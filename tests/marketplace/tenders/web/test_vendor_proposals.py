"""POST /opportunities/<id>/proposals/ and POST /proposals/<id>/withdraw/: a vendor taking part
proposes once at a time before the deadline, may withdraw and propose again; every refusal is a
message or a form error, and nothing half-written stays."""

from decimal import Decimal

import pytest

from marketplace.events.models import Event
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation, Proposal
from tests.factories import certification
from tests.marketplace.web.pages import text

from .conftest import past_deadline


def url(outsourcing_request) -> str:
    return f"/opportunities/{outsourcing_request.pk}/proposals/"


def withdraw_url(proposal) -> str:
    return f"/proposals/{proposal.pk}/withdraw/"


def terms(**changes) -> dict:
    """The form as a person fills it in: the terms and two of the five milestone rows."""
    data = {
        "price": "1500000",
        "currency": "MXN",
        "duration_weeks": "20",
        "team_size": "5",
        "approach": "Dos escuadras: momios y boleto.",
        "milestones-TOTAL_FORMS": "5",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "20",
        "milestones-0-title": "Momios en vivo",
        "milestones-0-week": "8",
        "milestones-0-amount": "500000",
        "milestones-1-title": "Boleto de apuestas",
        "milestones-1-week": "20",
        "milestones-1-amount": "",
    }
    data.update(changes)
    return data


# Submitting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_invited_vendors_members_propose(client, request, bid_invitation, user):
    actor = request.getfixturevalue(user)
    client.force_login(actor)

    response = client.post(url(bid_invitation.request), terms(), follow=True)

    assert response.redirect_chain == [(f"/opportunities/{bid_invitation.request_id}/", 302)]
    proposal = Proposal.objects.get()
    assert proposal.submitted_by == actor
    assert proposal.price == Decimal("1500000")
    assert proposal.duration_weeks == 20
    assert proposal.milestones == [
        {"title": "Momios en vivo", "week": 8, "amount": "500000"},
        {"title": "Boleto de apuestas", "week": 20, "amount": None},
    ]
    page = text(response)
    assert "Your proposal was sent to Operadora Azteca." in page
    assert "Momios en vivo" in page
    assert "Withdraw the proposal" in page
    # Proposing answers the pending invitation.
    bid_invitation.refresh_from_db()
    assert bid_invitation.status == BidInvitation.Status.ACCEPTED


def test_a_proposal_without_milestones_is_fine(client, vera, bid_invitation):
    client.force_login(vera)
    empty_rows = {
        f"milestones-{n}-{field}": "" for n in (0, 1) for field in ("title", "week", "amount")
    }

    client.post(url(bid_invitation.request), terms(**empty_rows))

    assert Proposal.objects.get().milestones == []


def test_missing_terms_are_shown_on_the_form_and_nothing_is_saved(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), terms(price="", approach=""))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Your proposal was not sent: correct the fields marked below." in text(response)
    assert body.count("This field is required.") == 2
    assert 'value="Momios en vivo"' in body  # what was typed stays
    assert not Proposal.objects.exists()
    assert not Event.objects.exists()


def test_a_milestone_row_without_its_week_is_shown_on_the_row(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), terms(**{"milestones-1-week": ""}))

    page = text(response)
    assert "Check the milestones below." in page
    assert "Say in which week it is due." in page
    assert not Proposal.objects.exists()


def test_a_milestone_after_the_last_week_is_refused_by_the_milestones(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), terms(duration_weeks="10"))

    assert "A milestone cannot fall after the last week." in text(response)
    assert not Proposal.objects.exists()
    assert not Event.objects.exists()


def test_a_second_proposal_is_refused_with_a_message(client, vera, proposal):
    client.force_login(vera)

    response = client.post(url(proposal.request), terms(price="900000"), follow=True)

    assert "Your company already has a proposal on this request; withdraw it first." in text(
        response
    )
    assert Proposal.objects.get() == proposal


def test_proposing_after_the_deadline_is_refused_with_a_message(client, vera, bid_invitation):
    past_deadline(bid_invitation.request)
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), terms(), follow=True)

    assert "Proposals for this request were due on" in text(response)
    assert not Proposal.objects.exists()
    bid_invitation.refresh_from_db()
    assert bid_invitation.is_pending


def test_a_vendor_that_declined_gets_403_proposing(client, vera, bid_invitation):
    services.bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), terms())

    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_an_open_request_refuses_a_vendor_missing_a_requirement(client, una, open_request):
    open_request.required_certifications.set([certification("gli-certified")])
    client.force_login(una)

    response = client.post(url(open_request), terms())

    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_a_qualified_vendor_proposes_to_an_open_request_uninvited(client, una, open_request):
    client.force_login(una)

    client.post(url(open_request), terms())

    assert Proposal.objects.get().vendor.name == "Northern Lights"


def test_an_uninvited_vendor_gets_404_on_a_request_by_invitation(client, una, outsourcing_request):
    client.force_login(una)

    assert client.post(url(outsourcing_request), terms()).status_code == 404
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("user", ["alice", "bob", "olga", "staff", "charlie", "pablo"])
def test_companies_staff_and_others_get_404(client, request, bid_invitation, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(url(bid_invitation.request), terms()).status_code == 404
    assert not Proposal.objects.exists()


def test_a_suspended_vendor_gets_404(client, vera, bid_invitation, suspended):
    client.force_login(vera)

    assert client.post(url(bid_invitation.request), terms()).status_code == 404
    assert not Proposal.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, bid_invitation):
    response = client.post(url(bid_invitation.request), terms())

    assert response.url.startswith("/accounts/login/")
    assert not Proposal.objects.exists()


# Withdrawing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_vendors_members_withdraw_and_may_propose_again(client, request, proposal, user):
    client.force_login(request.getfixturevalue(user))

    response = client.post(withdraw_url(proposal), follow=True)

    assert response.redirect_chain == [(f"/opportunities/{proposal.request_id}/", 302)]
    proposal.refresh_from_db()
    assert proposal.is_withdrawn
    page = text(response)
    assert "Your proposal was withdrawn." in page
    assert "Withdrawn proposals" in page

    client.post(url(proposal.request), terms(price="1400000"))

    assert Proposal.objects.count() == 2
    assert Proposal.objects.exclude(pk=proposal.pk).get().price == Decimal("1400000")


def test_withdrawing_after_the_deadline_is_refused_with_a_message(client, vera, proposal):
    past_deadline(proposal.request)
    client.force_login(vera)

    response = client.post(withdraw_url(proposal), follow=True)

    assert "Proposals for this request were due on" in text(response)
    proposal.refresh_from_db()
    assert proposal.is_live


def test_withdrawing_twice_is_refused_with_a_message(client, vera, proposal):
    client.force_login(vera)
    client.post(withdraw_url(proposal))

    response = client.post(withdraw_url(proposal), follow=True)

    assert "This proposal is withdrawn; it can no longer be withdrawn." in text(response)
    assert Event.objects.filter(kind=Event.Kind.PROPOSAL_WITHDRAWN).count() == 1


@pytest.mark.parametrize("user", ["una", "alice", "bob", "olga", "staff", "charlie", "pablo"])
def test_anyone_but_the_proposing_vendor_gets_404(client, request, proposal, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(withdraw_url(proposal)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.is_live


def test_a_suspended_vendor_cannot_withdraw(client, vera, proposal, suspended):
    client.force_login(vera)

    assert client.post(withdraw_url(proposal)).status_code == 404


def test_withdrawing_is_a_post(client, vera, proposal):
    client.force_login(vera)

    assert client.get(withdraw_url(proposal)).status_code == 405
