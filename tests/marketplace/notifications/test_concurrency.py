"""Two email workers on PostgreSQL: the row lock each takes on a notification while it sends
its email (`select_for_update(skip_locked=True)`) makes the other skip that row, so an email
is sent once however many workers hold the event's task (a redelivered message, the sweeper).

Under CI=true these tests fail without PostgreSQL; elsewhere they skip (SQLite in memory is one
connection, so there is nothing concurrent to test). Rows are committed so that each connection
sees them (transaction=True).
"""

import threading

import pytest
from django.core import mail
from django.db import connections

from marketplace.events.models import Event
from marketplace.notifications.models import EmailStatus, Notification
from marketplace.notifications.services import (
    notification_email_send,
    notifications_email_for_event,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql"),
]

WAIT_SECONDS = 20


def test_a_row_one_worker_is_sending_is_skipped_by_another_and_sent_once(tender, vera, monkeypatch):
    tender.invite()  # delivered and emailed after commit: start again from pending
    event = Event.objects.get()
    Notification.objects.update(email_status=EmailStatus.PENDING, emailed_at=None)
    mail.outbox.clear()
    held = Notification.objects.get(event=event, recipient=vera)

    real_send = mail.EmailMultiAlternatives.send
    sending_held, may_finish = threading.Event(), threading.Event()
    sent_to = []

    def send(message, *args, **kwargs):
        if message.to == ["vera@example.com"]:
            sending_held.set()  # the first worker holds Vera's row, mid-send
            assert may_finish.wait(WAIT_SECONDS)
        sent_to.append(message.to[0])
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    first = {}

    def first_worker():
        try:
            first["status"] = notification_email_send(notification_id=held.pk)
        except Exception as error:
            first["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_worker)
    thread.start()
    try:
        assert sending_held.wait(WAIT_SECONDS)

        # The second worker, on its own connection, sends the others without waiting for the
        # locked row, and leaves it to the first.
        assert notifications_email_for_event(event_id=event.pk) == 2
        assert Notification.objects.get(pk=held.pk).email_status == EmailStatus.PENDING
    finally:
        may_finish.set()
        thread.join(WAIT_SECONDS)
    assert not thread.is_alive()

    assert first == {"status": EmailStatus.SENT}
    assert sorted(sent_to) == ["bob@example.com", "vera@example.com", "victor@example.com"]
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    # A later run (the task's redelivery, the sweeper) finds nothing left to send.
    assert notifications_email_for_event(event_id=event.pk) == 0
    assert len(sent_to) == 3
