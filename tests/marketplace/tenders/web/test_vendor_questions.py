"""POST /opportunities/<id>/questions/: a vendor taking part asks while questions are open."""

import pytest

from marketplace.events.models import Event
from marketplace.tenders import services
from marketplace.tenders.models import Question
from tests.marketplace.web.pages import text

from .conftest import past_deadline


def url(outsourcing_request) -> str:
    return f"/opportunities/{outsourcing_request.pk}/questions/"


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_invited_vendors_members_ask(client, request, bid_invitation, user):
    actor = request.getfixturevalue(user)
    client.force_login(actor)

    response = client.post(
        url(bid_invitation.request), {"text": "¿Hay API de momios?"}, follow=True
    )

    assert response.redirect_chain == [(f"/opportunities/{bid_invitation.request_id}/", 302)]
    question = Question.objects.get()
    assert question.text == "¿Hay API de momios?"
    assert question.asked_by == actor
    page = text(response)
    assert "Your question was sent." in page
    assert "¿Hay API de momios?" in page
    assert Event.objects.filter(kind=Event.Kind.QUESTION_ASKED).count() == 1


def test_an_empty_question_is_shown_on_the_form_and_nothing_is_saved(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), {"text": "   "})

    assert response.status_code == 200
    assert "Your question was not sent: correct it below." in text(response)
    assert "This field is required." in text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Question.objects.exists()


def test_asking_after_questions_close_is_refused_with_a_message(client, vera, bid_invitation):
    past_deadline(bid_invitation.request, questions_only=True)
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), {"text": "¿Tarde?"}, follow=True)

    assert "Questions on this request are closed." in text(response)
    assert not Question.objects.exists()
    assert not Event.objects.exists()


def test_a_vendor_that_declined_gets_403_asking(client, vera, bid_invitation):
    services.bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)
    client.force_login(vera)

    response = client.post(url(bid_invitation.request), {"text": "¿Aún?"})

    assert response.status_code == 403
    assert not Question.objects.exists()


def test_an_uninvited_vendor_gets_404_on_a_request_by_invitation(client, una, outsourcing_request):
    client.force_login(una)

    assert client.post(url(outsourcing_request), {"text": "¿Puedo?"}).status_code == 404
    assert not Question.objects.exists()


def test_any_qualified_vendor_asks_on_an_open_request(client, una, open_request):
    client.force_login(una)

    client.post(url(open_request), {"text": "¿Puedo?"})

    assert Question.objects.get().vendor.name == "Northern Lights"


@pytest.mark.parametrize("user", ["alice", "bob", "olga", "staff", "charlie", "pablo"])
def test_companies_staff_and_others_get_404(client, request, bid_invitation, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(url(bid_invitation.request), {"text": "¿?"}).status_code == 404
    assert not Question.objects.exists()


def test_a_suspended_vendor_gets_404(client, vera, bid_invitation, suspended):
    client.force_login(vera)

    assert client.post(url(bid_invitation.request), {"text": "¿?"}).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, bid_invitation):
    response = client.post(url(bid_invitation.request), {"text": "¿?"})

    assert response.url.startswith("/accounts/login/")
    assert not Question.objects.exists()


def test_asking_is_a_post(client, vera, bid_invitation):
    client.force_login(vera)

    assert client.get(url(bid_invitation.request)).status_code == 405
