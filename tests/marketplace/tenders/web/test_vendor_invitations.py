"""POST /bid-invitations/<id>/accept/ and GET|POST /bid-invitations/<id>/decline/: the invited
vendor's members answer; everyone else finds nothing; refusals are messages, not half-writes."""

import pytest

from marketplace.events.models import Event
from marketplace.tenders.models import BidInvitation
from tests.marketplace.web.pages import text

from .conftest import past_deadline


def accept_url(invitation) -> str:
    return f"/bid-invitations/{invitation.pk}/accept/"


def decline_url(invitation) -> str:
    return f"/bid-invitations/{invitation.pk}/decline/"


def status_of(invitation) -> str:
    invitation.refresh_from_db()
    return invitation.status


# Accepting ------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_vendors_members_accept_and_land_on_the_opportunity(
    client, request, bid_invitation, user
):
    client.force_login(request.getfixturevalue(user))

    response = client.post(accept_url(bid_invitation), follow=True)

    assert response.redirect_chain == [(f"/opportunities/{bid_invitation.request_id}/", 302)]
    assert status_of(bid_invitation) == BidInvitation.Status.ACCEPTED
    page = text(response)
    assert f"You accepted the invitation to “{bid_invitation.request.title}”." in page
    assert "Send the proposal" in page
    assert Event.objects.filter(kind=Event.Kind.BID_INVITATION_ACCEPTED).count() == 1


def test_accepting_twice_is_refused_with_a_message(client, vera, bid_invitation):
    client.force_login(vera)
    client.post(accept_url(bid_invitation))

    response = client.post(accept_url(bid_invitation), follow=True)

    assert response.redirect_chain == [("/vendor/", 302)]
    assert "This invitation was already answered: accepted." in text(response)
    assert Event.objects.filter(kind=Event.Kind.BID_INVITATION_ACCEPTED).count() == 1


def test_accepting_after_proposals_are_due_is_refused_and_changes_nothing(
    client, vera, bid_invitation
):
    past_deadline(bid_invitation.request)
    client.force_login(vera)

    response = client.post(accept_url(bid_invitation), follow=True)

    assert "Proposals for this request were due on" in text(response)
    assert status_of(bid_invitation) == BidInvitation.Status.PENDING
    assert not Event.objects.exists()


def test_accepting_is_a_post(client, vera, bid_invitation):
    client.force_login(vera)

    assert client.get(accept_url(bid_invitation)).status_code == 405


# Declining ------------------------------------------------------------------------------------


def test_the_decline_page_asks_for_an_optional_reason(client, victor, bid_invitation):
    client.force_login(victor)

    response = client.get(decline_url(bid_invitation))

    page = text(response)
    assert response.status_code == 200
    assert "Decline the invitation" in page
    assert "Operadora Azteca invited your vendor to propose for" in page
    assert 'for="id_reason"' in response.content.decode()
    assert "Why are you declining? (optional)" in page


@pytest.mark.parametrize("reason", ["Sin capacidad este trimestre.", ""])
def test_declining_with_or_without_a_reason_tells_the_company(client, vera, bid_invitation, reason):
    client.force_login(vera)

    response = client.post(decline_url(bid_invitation), {"reason": reason}, follow=True)

    assert response.redirect_chain == [("/vendor/", 302)]
    bid_invitation.refresh_from_db()
    assert bid_invitation.status == BidInvitation.Status.DECLINED
    assert bid_invitation.decline_reason == reason
    assert bid_invitation.responded_by == vera
    page = text(response)
    assert "You declined the invitation to" in page
    assert "Declined" in page


def test_a_too_long_reason_is_shown_on_the_form_and_nothing_is_saved(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.post(decline_url(bid_invitation), {"reason": "x" * 5001})

    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in text(response)
    assert status_of(bid_invitation) == BidInvitation.Status.PENDING


def test_an_answered_invitation_shows_its_answer_instead_of_the_form(client, vera, bid_invitation):
    client.force_login(vera)
    client.post(accept_url(bid_invitation))

    response = client.get(decline_url(bid_invitation))

    assert "This invitation was already answered: accepted." in text(response)
    assert 'name="reason"' not in response.content.decode()


def test_declining_an_accepted_invitation_is_refused_with_a_message(client, vera, bid_invitation):
    client.force_login(vera)
    client.post(accept_url(bid_invitation))

    response = client.post(decline_url(bid_invitation), {"reason": "Cambio"}, follow=True)

    assert "This invitation was already answered: accepted." in text(response)
    assert status_of(bid_invitation) == BidInvitation.Status.ACCEPTED


# Who finds the invitation ---------------------------------------------------------------------


@pytest.mark.parametrize("user", ["una", "alice", "bob", "olga", "staff", "charlie", "pablo"])
def test_anyone_but_the_invited_vendor_gets_404(client, request, bid_invitation, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(accept_url(bid_invitation)).status_code == 404
    assert client.get(decline_url(bid_invitation)).status_code == 404
    assert client.post(decline_url(bid_invitation), {"reason": "No"}).status_code == 404
    assert status_of(bid_invitation) == BidInvitation.Status.PENDING


def test_a_suspended_vendor_gets_404(client, vera, bid_invitation, suspended):
    client.force_login(vera)

    assert client.post(accept_url(bid_invitation)).status_code == 404
    assert client.get(decline_url(bid_invitation)).status_code == 404
    assert status_of(bid_invitation) == BidInvitation.Status.PENDING


def test_anonymous_visitors_are_sent_to_log_in(client, bid_invitation):
    url = decline_url(bid_invitation)

    assert client.get(url).url == f"/accounts/login/?next={url}"
    assert client.post(accept_url(bid_invitation)).status_code == 302
    assert status_of(bid_invitation) == BidInvitation.Status.PENDING


def test_the_decline_page_speaks_spanish(client, vera, bid_invitation):
    client.force_login(vera)

    page = text(client.get(decline_url(bid_invitation), headers={"accept-language": "es-MX"}))

    assert "Rechazar la invitación" in page
