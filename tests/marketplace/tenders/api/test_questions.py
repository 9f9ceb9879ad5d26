"""Questions and answers through the API: vendors taking part ask (`POST requests/{id}/questions/`),
the company answers (`POST questions/{id}/answer/`), every vendor taking part reads the answers —
never who asked, which only the company and staff see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import OutsourcingRequest
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation, Question
from tests.errors import error, refused_fields

from . import API, ids, past_due, suspend

pytestmark = pytest.mark.django_db

FIELDS = {"id", "request", "text", "status", "answer", "answered_at", "created_at", "updated_at"}


def questions_url(outsourcing_request) -> str:
    return f"{API}/requests/{outsourcing_request.pk}/questions/"


def answer_url(question) -> str:
    return f"{API}/questions/{question.pk}/answer/"


@pytest.fixture
def una_invited(bid_invitation, other_vendor):
    """Northern Lights is invited too: it takes part, and reads answered questions."""
    return BidInvitation.objects.create(request=bid_invitation.request, vendor=other_vendor)


# --- Asking -------------------------------------------------------------------------------------


def test_an_invited_vendor_asks_and_is_not_named_in_the_answer(api, victor, bid_invitation):
    response = api(victor).post(questions_url(bid_invitation.request), {"text": " ¿Hay API? "})

    assert response.status_code == 201, response.content
    question = Question.objects.get()
    assert response["Location"] == f"http://testserver{API}/questions/{question.pk}/"
    body = response.json()
    assert set(body) == FIELDS
    assert (body["text"], body["status"], body["answer"]) == ("¿Hay API?", "open", "")
    assert question.asked_by == victor


def test_the_company_may_not_ask(api, bob, outsourcing_request):
    response = api(bob).post(questions_url(outsourcing_request), {"text": "?"})

    assert response.status_code == 403
    assert error(response)["code"] == "not_a_vendor_member"
    assert not Question.objects.exists()


def test_a_vendor_not_invited_to_a_request_by_invitation_does_not_find_it(
    api, una, outsourcing_request
):
    assert api(una).post(questions_url(outsourcing_request), {"text": "?"}).status_code == 404
    assert api(una).get(questions_url(outsourcing_request)).status_code == 404


def test_a_vendor_that_declined_no_longer_asks(api, vera, bid_invitation):
    services.bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)

    response = api(vera).post(questions_url(bid_invitation.request), {"text": "?"})

    assert response.status_code == 403
    assert error(response)["code"] == "not_taking_part"


def test_a_suspended_vendor_does_not_find_the_request(api, vera, bid_invitation, vendor):
    suspend(vendor)

    assert api(vera).post(questions_url(bid_invitation.request), {"text": "?"}).status_code == 404
    assert not Question.objects.exists()


def test_a_question_needs_words(api, vera, bid_invitation):
    for text in ("", "   "):
        response = api(vera).post(questions_url(bid_invitation.request), {"text": text})

        assert refused_fields(response) == {"text": ["Write your question."]}
    assert set(refused_fields(api(vera).post(questions_url(bid_invitation.request), {}))) == {
        "text"
    }
    assert not Question.objects.exists()


def test_asking_after_questions_close_is_a_conflict(api, vera, bid_invitation):
    OutsourcingRequest.objects.filter(pk=bid_invitation.request_id).update(
        questions_due=timezone.now() - timedelta(minutes=1)
    )

    response = api(vera).post(questions_url(bid_invitation.request), {"text": "?"})

    assert response.status_code == 409
    assert error(response)["code"] == "questions_closed"


def test_questions_close_with_proposals_when_they_have_no_date_of_their_own(
    api, vera, bid_invitation
):
    past_due(bid_invitation.request)

    response = api(vera).post(questions_url(bid_invitation.request), {"text": "?"})

    assert error(response)["code"] == "questions_closed"


# --- Reading ------------------------------------------------------------------------------------


def test_the_company_and_staff_see_every_question_with_who_asked(
    api, alice, staff, question, vendor
):
    for user in (alice, staff):
        [row] = api(user).get(questions_url(question.request)).json()["results"]

        assert row["vendor"] == vendor.pk
        assert set(row) == FIELDS | {"vendor"}


def test_vendors_read_answered_questions_and_their_own_never_who_asked(
    api, bob, vera, una, question, una_invited
):
    url = questions_url(question.request)
    assert ids(api(vera).get(url)) == [question.pk]
    assert ids(api(una).get(url)) == []  # not answered yet, and not hers

    api(bob).post(answer_url(question), {"text": "Sí, REST."})

    [row] = api(una).get(url).json()["results"]
    assert (row["id"], row["answer"]) == (question.pk, "Sí, REST.")
    assert "vendor" not in row
    assert "vendor" not in api(vera).get(url).json()["results"][0]


def test_one_question_is_read_where_the_list_shows_it(api, alice, vera, una, question, una_invited):
    url = f"{API}/questions/{question.pk}/"

    assert "vendor" in api(alice).get(url).json()
    assert set(api(vera).get(url).json()) == FIELDS
    assert api(una).get(url).status_code == 404  # another vendor's, unanswered


def test_the_list_filters_by_status(api, bob, vera, question, bid_invitation):
    second = services.question_ask(
        actor=vera, outsourcing_request=bid_invitation.request, text="¿Y los pagos?"
    )
    api(bob).post(answer_url(question), {"text": "Sí."})
    url = questions_url(bid_invitation.request)

    assert ids(api(bob).get(url)) == [question.pk, second.pk]  # in the order asked
    assert ids(api(bob).get(url, {"status": "open"})) == [second.pk]
    assert set(refused_fields(api(bob).get(url, {"vendor": 1}))) == {"vendor"}


# --- Answering ----------------------------------------------------------------------------------


def test_a_member_answers(api, bob, question):
    response = api(bob).post(answer_url(question), {"text": "Sí, REST."})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["answer"]) == ("answered", "Sí, REST.")
    assert body["answered_at"] is not None


def test_a_question_is_answered_once(api, bob, alice, question):
    api(bob).post(answer_url(question), {"text": "Sí."})

    response = api(alice).post(answer_url(question), {"text": "No."})

    assert response.status_code == 409
    assert error(response)["code"] == "question_answered"
    question.refresh_from_db()
    assert question.answer == "Sí."


def test_an_answer_needs_words(api, bob, question):
    assert refused_fields(api(bob).post(answer_url(question), {"text": " "})) == {
        "text": ["Write the answer."]
    }
    assert set(refused_fields(api(bob).post(answer_url(question), {"text": "x" * 5001}))) == {
        "text"
    }
    question.refresh_from_db()
    assert not question.is_answered


def test_the_vendor_that_asked_may_not_answer(api, vera, question):
    response = api(vera).post(answer_url(question), {"text": "Sí."})

    assert response.status_code == 403
    question.refresh_from_db()
    assert not question.is_answered


def test_others_do_not_find_the_question(api, olga, una, charlie, question):
    for user in (olga, una, charlie):
        assert api(user).post(answer_url(question), {"text": "Sí."}).status_code == 404
    assert api().post(answer_url(question), {"text": "Sí."}).status_code == 401


def test_a_closed_request_takes_no_answers(api, alice, question):
    services.request_cancel(actor=alice, outsourcing_request=question.request, reason="Budget.")

    response = api(alice).post(answer_url(question), {"text": "Sí."})

    assert response.status_code == 409
    assert error(response)["code"] == "request_closed"
