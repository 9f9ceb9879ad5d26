"""/requests/<id>/questions/: every question with the vendor that asked it, the open ones with
an answer form; /questions/<id>/answer/ (POST) answers one."""

import pytest

from marketplace.tenders import services
from marketplace.tenders.models import Question
from tests.marketplace.web.pages import text


@pytest.fixture
def question(outsourcing_request, bid_invitation, vera):
    return services.question_ask(
        actor=vera, outsourcing_request=outsourcing_request, text="¿Tienen API de momios?"
    )


def url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/questions/"


def answer_url(question) -> str:
    return f"/questions/{question.pk}/answer/"


def test_anonymous_visitors_are_sent_to_log_in(client, question):
    assert "/accounts/login/" in client.get(url(question.request)).url
    assert "/accounts/login/" in client.post(answer_url(question), {"text": "Sí"}).url
    question.refresh_from_db()
    assert not question.is_answered


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "una", "charlie"])
def test_other_companies_and_vendors_get_404(client, request, question, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(question.request)).status_code == 404
    assert client.post(answer_url(question), {"text": "Sí"}).status_code == 404
    question.refresh_from_db()
    assert not question.is_answered


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_company_sees_who_asked_and_an_answer_form(client, request, question, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(question.request))

    assert response.status_code == 200
    page = text(response)
    assert "Waiting for an answer Maple Odds asks" in page
    assert "¿Tienen API de momios?" in page
    html = response.content.decode()
    assert f'action="/questions/{question.pk}/answer/"' in html
    assert f'<label for="id_question_{question.pk}_text">Your answer:</label>' in html


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_a_member_answers_and_the_question_moves_to_answered(client, request, question, user):
    client.force_login(request.getfixturevalue(user))

    response = client.post(answer_url(question), {"text": "Sí, REST y WebSocket."}, follow=True)

    assert response.redirect_chain[0] == (f"{url(question.request)}#question-{question.pk}", 302)
    page = text(response)
    assert "The answer is sent to every vendor taking part." in page
    assert "Answered Maple Odds asks" in page
    assert "Sí, REST y WebSocket." in page
    question.refresh_from_db()
    assert question.is_answered
    assert question.answered_by == request.getfixturevalue(user)


def test_an_empty_answer_is_refused(client, bob, question):
    client.force_login(bob)

    response = client.post(answer_url(question), {"text": "  "}, follow=True)

    assert "Write the answer." in text(response)
    question.refresh_from_db()
    assert not question.is_answered


def test_answering_twice_is_refused_and_keeps_the_first_answer(client, bob, alice, question):
    services.question_answer(actor=alice, question=question, text="Sí.")
    client.force_login(bob)

    response = client.post(answer_url(question), {"text": "No."}, follow=True)

    assert "This question is already answered." in text(response)
    question.refresh_from_db()
    assert question.answer == "Sí."


def test_a_closed_request_shows_its_questions_without_forms(client, alice, bob, question):
    services.request_cancel(actor=alice, outsourcing_request=question.request, reason="Budget.")
    client.force_login(bob)

    response = client.get(url(question.request))
    refused = client.post(answer_url(question), {"text": "Tarde."}, follow=True)

    assert "¿Tienen API de momios?" in text(response)
    assert "/answer/" not in response.content.decode()
    assert "This request is cancelled; nothing more can be done on it." in text(refused)
    assert Question.objects.get().status == Question.Status.OPEN


def test_without_questions_it_says_so(client, bob, outsourcing_request):
    client.force_login(bob)

    page = text(client.get(url(outsourcing_request)))

    assert "No question is waiting for an answer." in page
    assert "No question is answered yet." in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Answered Maple Odds"), ("es-MX", "Respondidas Maple Odds"), ("fr-CA", "Répondues")],
)
def test_the_answered_section_is_named_for_the_questions_it_holds(
    client, alice, question, language, heading
):
    # "Answered" is also a question's status ("Respondida", one question): the heading is plural.
    services.question_answer(actor=alice, question=question, text="Sí.")
    client.force_login(alice)

    page = text(client.get(url(question.request), headers={"accept-language": language}))

    assert heading in page
