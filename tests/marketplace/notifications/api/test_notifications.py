"""GET notifications/, POST notifications/{id}/read/, POST notifications/read-all/."""

import pytest

from marketplace.notifications.models import Notification
from marketplace.tenders import services

from ..conftest import deliver_all

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"


@pytest.fixture
def told(tender):
    """Victor asks and Bob answers: Vera is told of the invitation, the question and the answer;
    Victor of the invitation and the answer."""
    tender.invite()
    question = services.question_ask(
        actor=tender.people.victor, outsourcing_request=tender.request, text="¿API?"
    )
    services.question_answer(actor=tender.people.bob, question=question, text="Sí.")
    deliver_all()
    return tender


def test_it_lists_the_callers_own_newest_first_with_sentence_and_link(api, told, vera):
    response = api(vera).get(URL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["kind"] for row in rows] == [
        "question.answered",
        "question.asked",
        "bid_invitation.sent",
    ]
    assert rows[0]["text"] == f"Operadora Azteca answered a question about “{told.request.title}”"
    assert rows[0]["url"].endswith(f"/opportunities/{told.request.pk}/")
    assert rows[0]["unread"] is True and rows[0]["read_at"] is None
    assert {row["id"] for row in rows} == set(
        Notification.objects.filter(recipient=vera).values_list("pk", flat=True)
    )


def test_it_speaks_the_callers_language(api, told, vera):
    response = api(vera).get(URL, HTTP_ACCEPT_LANGUAGE="es-MX")

    assert response.json()["results"][0]["text"].startswith("Operadora Azteca respondió")


def test_it_filters_the_unread(api, told, vera):
    first = Notification.objects.filter(recipient=vera).earliest("pk")
    api(vera).post(f"{URL}{first.pk}/read/")

    unread = api(vera).get(URL, {"unread": "true"}).json()["results"]
    read = api(vera).get(URL, {"unread": "false"}).json()["results"]

    assert [row["kind"] for row in unread] == ["question.answered", "question.asked"]
    assert [row["id"] for row in read] == [first.pk]


def test_it_refuses_an_unknown_filter(api, told, vera):
    assert api(vera).get(URL, {"unred": "true"}).status_code == 400


def test_marking_one_read_answers_it_read(api, told, vera):
    notification = Notification.objects.filter(recipient=vera).first()

    response = api(vera).post(f"{URL}{notification.pk}/read/", HTTP_IDEMPOTENCY_KEY="k-1")

    assert response.status_code == 200
    assert response.json()["unread"] is False
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_persons_notification_is_not_found(api, told, vera, victor, alice):
    notification = Notification.objects.filter(recipient=vera).first()

    assert api(victor).get(f"{URL}{notification.pk}/").status_code == 404
    assert api(victor).post(f"{URL}{notification.pk}/read/").status_code == 404
    assert api(alice).post(f"{URL}{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_all_marks_the_callers_and_nobody_elses(api, told, vera, victor):
    response = api(vera).post(f"{URL}read-all/")

    assert response.status_code == 200
    assert response.json() == {"marked": 3}
    assert not Notification.objects.filter(recipient=vera, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=victor, read_at__isnull=True).count() == 2
    assert api(vera).post(f"{URL}read-all/").json() == {"marked": 0}


def test_anonymous_callers_are_refused(api):
    assert api().get(URL).status_code == 401
