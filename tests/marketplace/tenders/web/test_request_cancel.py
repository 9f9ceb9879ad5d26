"""/requests/<id>/cancel/: an owner cancels the request with a reason every vendor that took
part reads; members read that only owners may."""

import pytest

from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import Proposal
from tests.marketplace.web.pages import text


def url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/cancel/"


def test_anonymous_visitors_are_sent_to_log_in(client, outsourcing_request):
    assert "/accounts/login/" in client.get(url(outsourcing_request)).url
    assert "/accounts/login/" in client.post(url(outsourcing_request), {"reason": "x"}).url
    outsourcing_request.refresh_from_db()
    assert outsourcing_request.is_published


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "charlie"])
def test_other_companies_and_vendors_get_404(client, request, outsourcing_request, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(outsourcing_request)).status_code == 404
    assert client.post(url(outsourcing_request), {"reason": "Mine now."}).status_code == 404
    outsourcing_request.refresh_from_db()
    assert outsourcing_request.is_published


def test_the_owner_gets_the_form(client, alice, outsourcing_request):
    client.force_login(alice)

    response = client.get(url(outsourcing_request))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="/requests/{outsourcing_request.pk}/cancel/"' in html
    assert '<textarea name="reason"' in html
    assert "Every vendor invited to the request or that proposed reads it." in text(response)


def test_the_owner_cancels_and_every_live_proposal_ends_with_the_reason(
    client, alice, outsourcing_request, proposal
):
    client.force_login(alice)

    response = client.post(url(outsourcing_request), {"reason": "Budget frozen."}, follow=True)

    assert response.redirect_chain[0] == (f"/requests/{outsourcing_request.pk}/", 302)
    page = text(response)
    assert "The request is cancelled. Every vendor that took part is told why." in page
    assert "Cancelled. Reason: Budget frozen." in page
    outsourcing_request.refresh_from_db()
    proposal.refresh_from_db()
    assert outsourcing_request.status == OutsourcingRequest.Status.CANCELLED
    assert proposal.status == Proposal.Status.REQUEST_CANCELLED
    assert proposal.outcome_reason == "Budget frozen."


def test_a_member_reads_that_only_owners_cancel_and_gets_403(client, bob, outsourcing_request):
    client.force_login(bob)

    page = client.get(url(outsourcing_request))
    response = client.post(url(outsourcing_request), {"reason": "Budget frozen."})

    assert "Only the company's owners cancel its requests." in text(page)
    assert '<textarea name="reason"' not in page.content.decode()
    assert response.status_code == 403
    outsourcing_request.refresh_from_db()
    assert outsourcing_request.is_published


def test_a_reason_is_needed(client, alice, outsourcing_request):
    client.force_login(alice)

    response = client.post(url(outsourcing_request), {"reason": " "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Say why the request is cancelled."]
    outsourcing_request.refresh_from_db()
    assert outsourcing_request.is_published


def test_an_awarded_request_can_no_longer_be_cancelled(client, alice, engagement):
    client.force_login(alice)

    page = client.get(url(engagement.request))
    response = client.post(url(engagement.request), {"reason": "Changed our mind."})

    assert "This request is awarded; it can no longer be cancelled." in text(page)
    assert "This request is awarded; it can no longer be cancelled." in text(response)
    engagement.request.refresh_from_db()
    assert engagement.request.is_awarded
