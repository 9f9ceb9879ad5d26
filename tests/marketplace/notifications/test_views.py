"""The notifications page, the header's bell, and marking read."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.events.models import Event
from marketplace.notifications.models import Notification
from marketplace.tenders import services

from .conftest import deliver_all

pytestmark = pytest.mark.django_db

LIST = "/notifications/"
BELL = "/notifications/bell/"


@pytest.fixture
def told(tender):
    tender.invite()
    tender.propose(actor=tender.people.victor)  # accepts the invitation, then proposes
    deliver_all()
    return tender


def test_the_page_lists_newest_first_with_the_unread_said_in_words(client, told, alice):
    client.force_login(alice)

    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.content.decode()
    title = told.request.title
    submitted = body.index(f"Maple Odds submitted a proposal for “{title}”")
    accepted = body.index(f"Maple Odds accepted the invitation to bid on “{title}”")
    assert submitted < accepted
    assert body.count(">Unread<") == 2
    assert "Mark all as read" in body
    assert reverse("tenders:request-proposals", kwargs={"pk": told.request.pk}) in body


def test_it_shows_only_the_users_own(client, told, una):
    client.force_login(una)

    body = client.get(LIST).content.decode()

    assert told.request.title not in body


def test_marking_one_read_returns_to_the_page(client, told, alice):
    notification = Notification.objects.filter(recipient=alice).first()
    client.force_login(alice)

    response = client.post(f"/notifications/{notification.pk}/read/")

    assert response.status_code == 302
    assert response.url == LIST
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(LIST).content.decode().count(">Unread<") == 1


def test_another_persons_notification_is_not_found(client, told, alice, bob):
    notification = Notification.objects.filter(recipient=alice).first()
    client.force_login(bob)

    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read(client, told, alice, bob):
    client.force_login(alice)

    response = client.post("/notifications/read-all/")

    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 3
    body = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Unread<" not in body and "Nothing unread." in body


def test_the_bell_says_the_unread_count_in_its_name_and_polls(client, told, alice):
    client.force_login(alice)

    body = client.get(BELL, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'aria-label="Notifications, 2 unread"' in body
    assert 'hx-get="/notifications/bell/"' in body
    assert 'hx-trigger="every 30s"' in body
    client.post("/notifications/read-all/")
    assert (
        'aria-label="Notifications, none unread"'
        in client.get(BELL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_bell_is_in_the_header_of_every_page_for_signed_in_users(client, told, alice):
    client.force_login(alice)

    body = client.get("/", HTTP_ACCEPT_LANGUAGE="es-mx").content.decode()

    assert 'id="notification-bell"' in body
    assert 'aria-label="Notificaciones, 2 sin leer"' in body


def test_visitors_see_no_bell_and_the_poll_swaps_nothing_in(client, db):
    assert 'id="notification-bell"' not in client.get("/").content.decode()
    assert client.get(BELL).status_code == 204


def bell_tag(html: str) -> str:
    """The bell's opening tag."""
    return re.search(r'<a id="notification-bell".*?>', html, flags=re.S).group(0)


def test_the_bell_is_the_current_page_on_the_notifications_page_even_after_a_poll(
    client, told, alice
):
    client.force_login(alice)

    assert 'aria-current="page"' in bell_tag(client.get(LIST).content.decode())
    polled = client.get(BELL, HTTP_HX_CURRENT_URL="http://testserver/notifications/")
    assert 'aria-current="page"' in bell_tag(polled.content.decode())
    elsewhere = client.get(BELL, HTTP_HX_CURRENT_URL="http://testserver/vendor/")
    assert 'aria-current="page"' not in bell_tag(elsewhere.content.decode())


# --- Queries ---------------------------------------------------------------------------------


@pytest.fixture
def finished(tender):
    """A tender to its end with two vendors: Vera's proposal won over Una's, was completed,
    reviewed and replied to — the events of most kinds."""
    tender.invite()
    tender.invite(tender.other_vendor)
    won = tender.propose()
    tender.propose(actor=tender.people.una)
    engagement = tender.award(won)
    services.engagement_complete(actor=tender.people.alice, engagement=engagement)
    review = services.review_create(
        actor=tender.people.bob, engagement=engagement, rating=5, text="Bien."
    )
    services.review_reply(actor=tender.people.vera, review=review, text="Gracias.")
    deliver_all()
    return tender


def told_again(reader, times: int) -> None:
    """`reader` told `times` more of each event they were told of (rows of the same kinds,
    naming the same objects)."""
    events = list(Event.objects.filter(notifications__recipient=reader))
    for _ in range(times):
        for event in events:
            copy = Event.objects.create(
                kind=event.kind, data=event.data, request=event.request, actor=event.actor
            )
            Notification.objects.create(recipient=reader, event=copy, kind=copy.kind)


def page_queries(client, reader) -> int:
    client.force_login(reader)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


@pytest.mark.parametrize("reader", ["alice", "una"])
def test_the_page_reads_a_fixed_number_of_queries_however_many_rows(
    client, finished, reader, django_assert_max_num_queries
):
    """The company reads the reply to its review (the review's engagement), the vendor that
    lost reads the award (its own proposal): neither is a query per row."""
    person = getattr(finished.people, reader)
    rows = Notification.objects.filter(recipient=person)
    kinds = set(rows.values_list("kind", flat=True))
    told_again(person, 1)
    few = page_queries(client, person)
    told_again(person, 6)

    assert rows.count() >= 8 * len(kinds) and len(kinds) >= (4 if reader == "alice" else 2)
    with django_assert_max_num_queries(few):
        client.get(LIST)
    with django_assert_max_num_queries(25):
        client.get(LIST)
