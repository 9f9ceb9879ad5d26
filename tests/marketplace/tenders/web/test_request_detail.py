"""/requests/<id>/ for the tender: the tabs to its pages, who may propose and the deadlines, how
it ended (awarded with the engagement, cancelled with the reason), and the cancel button for
owners."""

import pytest

from marketplace.models import OutsourcingRequest
from marketplace.tenders import services
from tests.marketplace.web.pages import text


def url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/"


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_a_published_request_links_its_tender_pages_and_shows_its_deadline(
    client, request, outsourcing_request, proposal, user
):
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(outsourcing_request))

    html = response.content.decode()
    pk = outsourcing_request.pk
    assert f'href="/requests/{pk}/bid-invitations/"' in html
    assert f'href="/requests/{pk}/questions/"' in html
    assert f'href="/requests/{pk}/proposals/"' in html
    assert 'aria-current="page">Overview and matches' in html
    page = text(response)
    assert "Invitations (1)" in page
    assert "Proposals (1)" in page
    assert "Who may propose By invitation only" in page
    assert "Proposals due" in page


def test_a_draft_has_no_tender_tabs(client, bob, outsourcing_request):
    OutsourcingRequest.objects.filter(pk=outsourcing_request.pk).update(
        status=OutsourcingRequest.Status.DRAFT
    )
    client.force_login(bob)

    html = client.get(url(outsourcing_request)).content.decode()

    assert "/bid-invitations/" not in html


def test_open_questions_are_counted_on_their_tab(
    client, bob, outsourcing_request, bid_invitation, vera
):
    services.question_ask(actor=vera, outsourcing_request=outsourcing_request, text="¿API?")
    client.force_login(bob)

    assert "Questions (1, 1 to answer)" in text(client.get(url(outsourcing_request)))


def test_owners_see_the_cancel_button_and_members_do_not(client, alice, bob, outsourcing_request):
    cancel = f'href="/requests/{outsourcing_request.pk}/cancel/"'
    client.force_login(alice)
    assert cancel in client.get(url(outsourcing_request)).content.decode()

    client.force_login(bob)
    assert cancel not in client.get(url(outsourcing_request)).content.decode()


def test_an_awarded_request_names_the_winner_the_reason_and_links_the_engagement(
    client, bob, engagement
):
    client.force_login(bob)

    response = client.get(url(engagement.request))

    page = text(response)
    assert "Awarded to Maple Odds. Reason: El mejor plan. Go to the engagement" in page
    html = response.content.decode()
    assert f'href="/engagements/{engagement.pk}/"' in html
    # Nothing more can change on it: no edit, no ranking again, no cancelling.
    assert f"/requests/{engagement.request_id}/edit/" not in html
    assert "/rematch/" not in html
    assert "/cancel/" not in html


def test_a_cancelled_request_shows_the_reason(client, alice, bob, outsourcing_request):
    services.request_cancel(
        actor=alice, outsourcing_request=outsourcing_request, reason="Budget frozen."
    )
    client.force_login(bob)

    assert "Cancelled. Reason: Budget frozen." in text(client.get(url(outsourcing_request)))
