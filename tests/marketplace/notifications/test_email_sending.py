"""Who is emailed of each tender event, when (at once, in the digest, never), and once."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from celery.exceptions import Retry
from celery.schedules import crontab
from django.core import mail
from django.utils import timezone

from companies.services import invitation_create
from config.celery_app import app
from marketplace.events.models import Event
from marketplace.notifications import services as notification_services
from marketplace.notifications import tasks as tasks_module
from marketplace.notifications.models import EmailChoice, EmailStatus, Notification
from marketplace.notifications.selectors import DEFAULT_EMAIL, GROUPS
from marketplace.notifications.services import (
    events_sweep_undelivered,
    notification_email_send,
    notification_preference_set,
    notifications_create_for_event,
    notifications_digest_send,
)
from marketplace.notifications.tasks import (
    deliver_event,
    send_daily_digests,
    send_digest,
    send_event_emails,
)
from marketplace.tenders import services

from .conftest import deliver_and_email_all
from .test_services import STEPS

pytestmark = pytest.mark.django_db

Kind = Event.Kind


def emailed() -> dict[str, list]:
    """Address → the subjects sent to it."""
    found: dict[str, list] = {}
    for message in mail.outbox:
        for address in message.to:
            found.setdefault(address, []).append(message.subject)
    return found


def immediate_for_everyone(*people):
    for person in people:
        for kind in Kind.values:
            notification_preference_set(user=person, kind=kind, email=EmailChoice.IMMEDIATE)


def test_every_kind_has_a_default_and_a_place_on_the_page():
    assert set(DEFAULT_EMAIL) == set(Kind)
    grouped = [kind for _group, kinds in GROUPS for kind in kinds]
    assert sorted(grouped) == sorted(Kind.values)


@pytest.mark.parametrize("step", STEPS)
def test_each_step_emails_the_people_told_but_not_whoever_did_it(tender, step):
    steps, kind, actor, told = STEPS[step]
    immediate_for_everyone(*vars(tender.people).values())
    steps(tender)
    mail.outbox.clear()
    event = Event.objects.filter(kind=kind).latest("pk")
    Event.objects.filter(pk__lt=event.pk).update(delivered_at=timezone.now())

    deliver_event.delay(event.pk)

    assert set(emailed()) == {f"{name}@example.com" for name in told}
    assert all(len(subjects) == 1 for subjects in emailed().values())
    assert f"{actor}@example.com" not in emailed()
    assert set(Notification.objects.filter(event=event).values_list("email_status", flat=True)) == {
        EmailStatus.SENT
    }
    assert all(message.extra_headers["X-Norte-Event"] == str(event.pk) for message in mail.outbox)


def test_the_defaults_email_every_tender_step_at_once_and_team_news_in_the_digest(tender, alice):
    tender.invite()
    deliver_and_email_all()

    assert set(emailed()) == {"bob@example.com", "vera@example.com", "victor@example.com"}

    mail.outbox.clear()
    services.bid_invitation_accept(
        actor=tender.people.vera, bid_invitation=tender.request.bid_invitations.get()
    )
    deliver_and_email_all()

    assert set(emailed()) == {"alice@example.com", "bob@example.com", "victor@example.com"}

    mail.outbox.clear()
    invitation_create(
        actor=alice,
        organisation=alice.membership.company,
        email="nuevo@example.com",
        role="member",
        base_url="http://testserver",
    )
    deliver_and_email_all()

    assert "bob@example.com" not in emailed()  # the invitation itself went to nuevo@
    told = Notification.objects.filter(kind=Kind.INVITATION_SENT)
    assert set(told.values_list("email_status", flat=True)) == {EmailStatus.DIGEST}


def test_never_sends_nothing_and_daily_waits_for_the_digest(tender, vera, victor, bob):
    notification_preference_set(user=vera, kind=Kind.BID_INVITATION_SENT, email="never")
    notification_preference_set(user=victor, kind=Kind.BID_INVITATION_SENT, email="daily")

    tender.invite()
    deliver_and_email_all()

    assert set(emailed()) == {"bob@example.com"}
    statuses = dict(Notification.objects.values_list("recipient__username", "email_status"))
    assert statuses == {
        "bob": EmailStatus.SENT,
        "vera": EmailStatus.SKIPPED,
        "victor": EmailStatus.DIGEST,
    }


def test_someone_without_a_verified_address_is_not_emailed(tender, vera):
    EmailAddress.objects.filter(user=vera).update(verified=False)

    tender.invite()
    deliver_and_email_all()

    assert "vera@example.com" not in emailed()
    assert Notification.objects.get(recipient=vera).email_status == EmailStatus.SKIPPED


def test_an_event_that_is_no_longer_news_is_told_in_the_app_only(tender, vera, victor):
    """After an outage longer than a day, or history loaded by seed_demo: no email, old news."""
    immediate_for_everyone(vera, victor)
    tender.invite()
    event = Event.objects.get(kind=Kind.BID_INVITATION_SENT)
    Event.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - notification_services.EMAIL_NEWS_FOR - timedelta(minutes=1)
    )
    mail.outbox.clear()

    deliver_and_email_all()

    assert mail.outbox == []
    assert set(Notification.objects.filter(event=event).values_list("email_status", flat=True)) == {
        EmailStatus.SKIPPED
    }


def test_an_event_just_inside_a_day_is_still_emailed(tender, vera, victor):
    immediate_for_everyone(vera, victor)
    tender.invite()
    event = Event.objects.get(kind=Kind.BID_INVITATION_SENT)
    Event.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - notification_services.EMAIL_NEWS_FOR + timedelta(minutes=1)
    )
    mail.outbox.clear()

    deliver_and_email_all()

    assert {"vera@example.com", "victor@example.com"} <= set(emailed())


def test_the_address_comes_from_one_place(tender, vera):
    with mock.patch.object(
        notification_services,
        "notification_email_address",
        lambda *, user: "verified@example.com" if user == vera else None,
    ):
        tender.invite()
        deliver_and_email_all()

    assert set(emailed()) == {"verified@example.com"}


def test_delivering_an_event_twice_sends_one_email_each(tender):
    tender.invite()
    event = Event.objects.get()

    deliver_event.delay(event.pk)
    deliver_event.delay(event.pk)
    send_event_emails.delay(event.pk)

    assert sorted(emailed()) == ["bob@example.com", "vera@example.com", "victor@example.com"]
    assert all(len(subjects) == 1 for subjects in emailed().values())


def test_a_notification_claimed_elsewhere_is_left_to_its_claimer(tender, vera):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())
    notification = Notification.objects.get(recipient=vera)
    Notification.objects.filter(pk=notification.pk).update(email_status=EmailStatus.SENT)

    assert notification_email_send(notification_id=notification.pk) is None
    assert mail.outbox == []


def test_a_mail_server_failure_is_retried_and_nothing_is_marked_sent_meanwhile(tender, monkeypatch):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())
    real_send = mail.EmailMultiAlternatives.send
    attempts = []

    def flaky_send(message, *args, **kwargs):
        attempts.append(message.to)
        if len(attempts) == 2:
            # The state seen by the second attempt: the first one is sent, this one is not.
            assert Notification.objects.filter(email_status=EmailStatus.SENT).count() == 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky_send)

    # Eagerly, Celery runs the retry at once; a worker would run it after the backoff.
    result = send_event_emails.apply(args=[Event.objects.get().pk], throw=False)

    assert result.state == "SUCCESS"
    assert len(attempts) == 4  # one of three failed once, then was sent on the retry
    assert sorted(emailed()) == ["bob@example.com", "vera@example.com", "victor@example.com"]
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_a_mail_server_that_stays_down_leaves_the_emails_pending(tender, monkeypatch):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())
    monkeypatch.setattr(
        mail.EmailMultiAlternatives,
        "send",
        mock.Mock(side_effect=ConnectionRefusedError("mail server down")),
    )

    # Eagerly, the retries run at once and the last failure reaches the caller.
    with pytest.raises((ConnectionRefusedError, Retry)):
        send_event_emails.apply(args=[Event.objects.get().pk], throw=False)

    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.PENDING}
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_a_mail_server_that_is_down_is_tried_once_per_attempt_not_once_per_email(
    tender, monkeypatch
):
    """Each recipient waiting for its own connection timeout would outlast the task's time
    limit with enough of them; the task retries them all later instead."""
    tender.invite()
    event = Event.objects.get()
    notifications_create_for_event(event=event)
    opened = mock.Mock(side_effect=smtplib.SMTPConnectError(421, b"down"))
    monkeypatch.setattr(mail.get_connection().__class__, "open", opened)

    with pytest.raises(smtplib.SMTPConnectError):
        notification_services.notifications_email_for_event(event_id=event.pk)

    assert opened.call_count == 1
    assert set(statuses().values()) == {EmailStatus.PENDING}


def test_the_sweeper_sends_the_emails_a_lost_task_left_pending(tender):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())  # the email task was lost
    later = timezone.now() + timedelta(minutes=5)

    events_sweep_undelivered(now=later)
    events_sweep_undelivered(now=later)

    assert sorted(emailed()) == ["bob@example.com", "vera@example.com", "victor@example.com"]
    assert len(mail.outbox) == 3


def test_the_sweeper_leaves_young_pending_emails_to_their_task(tender):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())

    events_sweep_undelivered(now=timezone.now())

    assert mail.outbox == []


# --- A refused address, and the sweeper during a mail outage -----------------------------------


def refusing(monkeypatch, address: str, code: int, *, times: int | None = None) -> list:
    """The mail server refuses `address` with `code` (the first `times` attempts, or always);
    returns the addresses each attempt was for."""
    real_send = mail.EmailMultiAlternatives.send
    attempts = []

    def send(message, *args, **kwargs):
        attempts.append(message.to[0])
        refused = [to for to in attempts if to == address]
        if message.to == [address] and (times is None or len(refused) <= times):
            raise smtplib.SMTPRecipientsRefused({address: (code, b"Refused")})
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    return attempts


def statuses() -> dict[str, str]:
    return dict(Notification.objects.values_list("recipient__username", "email_status"))


def test_an_address_refused_for_good_is_failed_and_the_others_are_sent(tender, monkeypatch):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())
    attempts = refusing(monkeypatch, "bob@example.com", 550)

    result = send_event_emails.apply(args=[Event.objects.get().pk], throw=False)

    assert result.state == "SUCCESS"
    assert sorted(emailed()) == ["vera@example.com", "victor@example.com"]
    assert statuses() == {
        "bob": EmailStatus.FAILED,
        "vera": EmailStatus.SENT,
        "victor": EmailStatus.SENT,
    }
    assert attempts.count("bob@example.com") == 1  # not retried
    assert not Notification.objects.get(recipient__username="bob").emailed_at


def test_an_address_refused_for_now_stays_pending_and_only_it_is_retried(tender, monkeypatch):
    tender.invite()
    event = Event.objects.get()
    notifications_create_for_event(event=event)
    attempts = refusing(monkeypatch, "bob@example.com", 450, times=1)

    with pytest.raises(smtplib.SMTPRecipientsRefused):
        notification_services.notifications_email_for_event(event_id=event.pk)

    assert sorted(emailed()) == ["vera@example.com", "victor@example.com"]
    assert statuses()["bob"] == EmailStatus.PENDING

    # The task's retry (at once, eagerly) takes only what is still pending.
    assert send_event_emails.apply(args=[event.pk], throw=False).state == "SUCCESS"
    assert sorted(attempts) == [
        "bob@example.com",
        "bob@example.com",
        "vera@example.com",
        "victor@example.com",
    ]
    assert set(statuses().values()) == {EmailStatus.SENT}


def test_a_task_whose_emails_were_refused_for_now_retries(tender, monkeypatch):
    tender.invite()
    event = Event.objects.get()
    notifications_create_for_event(event=event)
    refusing(monkeypatch, "bob@example.com", 421)

    with pytest.raises((smtplib.SMTPRecipientsRefused, Retry)):
        send_event_emails.apply(args=[event.pk], throw=False)

    assert statuses() == {
        "bob": EmailStatus.PENDING,
        "vera": EmailStatus.SENT,
        "victor": EmailStatus.SENT,
    }
    assert len(mail.outbox) == 2  # the retries sent nobody twice


@pytest.mark.parametrize(
    ("error", "for_good"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"No such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (452, b"Mailbox full")}), False),
        # Our own sender refused (530, 553): our server's configuration, retried until fixed.
        (smtplib.SMTPSenderRefused(553, b"Sender refused", "norte@example.com"), False),
        (smtplib.SMTPSenderRefused(451, b"Try later", "norte@example.com"), False),
        (smtplib.SMTPDataError(554, b"Rejected as spam"), True),
        (smtplib.SMTPDataError(421, b"Service closing"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError("down"), False),
    ],
)
def test_only_a_5xx_is_a_refusal_for_good(error, for_good):
    assert notification_services.refused_for_good(error) is for_good


def test_a_digest_refused_for_good_is_failed_not_retried(waiting, vera, monkeypatch):
    attempts = refusing(monkeypatch, "vera@example.com", 550)

    assert send_digest.apply(args=[vera.pk], throw=False).state == "SUCCESS"

    assert len(attempts) == 1
    assert mail.outbox == []
    assert set(
        Notification.objects.filter(recipient=vera, kind=Kind.BID_INVITATION_SENT).values_list(
            "email_status", flat=True
        )
    ) == {EmailStatus.FAILED}


def test_one_task_sends_its_emails_over_one_connection(tender, monkeypatch):
    tender.invite()
    notifications_create_for_event(event=Event.objects.get())
    opened = []
    real_get_connection = notification_services.get_connection
    monkeypatch.setattr(
        notification_services,
        "get_connection",
        lambda *args, **kwargs: opened.append(1) or real_get_connection(*args, **kwargs),
    )

    send_event_emails.delay(Event.objects.get().pk)

    assert len(mail.outbox) == 3
    assert len(opened) == 1


@pytest.fixture
def queued(tender, monkeypatch):
    """An event's emails pending, their task queued at `queued.at` and still in its backoff
    (a mail outage); `queued.tasks` counts the tasks the sweeper queues."""
    tender.invite()
    event = Event.objects.get()
    notifications_create_for_event(event=event)
    at = timezone.now()
    Notification.objects.filter(event=event).update(email_queued_at=at)
    tasks = mock.Mock()
    monkeypatch.setattr(send_event_emails, "delay", tasks)
    return mock.Mock(at=at, tasks=tasks, event=event)


def test_the_sweeper_leaves_an_email_task_in_its_backoff_alone(queued):
    for minutes in range(2, 105, 7):  # the sweeps while the task may still be retrying
        events_sweep_undelivered(now=queued.at + timedelta(minutes=minutes))

    assert queued.tasks.call_count == 0


def test_the_sweeper_queues_an_email_task_that_outlived_its_retries_once(queued):
    window = tasks_module.MAIL_RETRY_WINDOW
    assert window > timedelta(minutes=90)  # eight backoffs of 30 s doubling up to 30 min

    events_sweep_undelivered(now=queued.at + window - timedelta(minutes=1))
    assert queued.tasks.call_count == 0

    later = queued.at + window + timedelta(minutes=1)
    events_sweep_undelivered(now=later)
    events_sweep_undelivered(now=later + timedelta(minutes=1))

    queued.tasks.assert_called_once_with(queued.event.pk)
    assert set(Notification.objects.values_list("email_queued_at", flat=True)) == {later}


def test_the_retry_window_is_the_tasks_backoffs(settings):
    backoffs = [30, 60, 120, 240, 480, 960, 1800, 1800]
    attempts = len(backoffs) + 1
    assert (
        timedelta(seconds=sum(backoffs)) + attempts * tasks_module.MAIL_ATTEMPT_TIME
    ) == tasks_module.MAIL_RETRY_WINDOW


def test_emails_the_sweeper_sends_late_are_still_no_news_after_a_day(tender):
    tender.invite()
    event = Event.objects.get()
    notifications_create_for_event(event=event)
    queued_at = timezone.now() - notification_services.EMAIL_NEWS_FOR - timedelta(minutes=5)
    Event.objects.filter(pk=event.pk).update(created_at=queued_at)
    Notification.objects.filter(event=event).update(created_at=queued_at, email_queued_at=queued_at)

    events_sweep_undelivered()

    assert mail.outbox == []
    assert set(statuses().values()) == {EmailStatus.SKIPPED}


# --- The daily digest --------------------------------------------------------------------------


@pytest.fixture
def waiting(tender, vera, victor):
    """Vera wants the invitations and questions answered in the digest; two are waiting."""
    for kind in (Kind.BID_INVITATION_SENT, Kind.QUESTION_ANSWERED):
        notification_preference_set(user=vera, kind=kind, email=EmailChoice.DAILY)
    tender.invite()
    question = services.question_ask(actor=victor, outsourcing_request=tender.request, text="¿API?")
    services.question_answer(actor=tender.people.bob, question=question, text="Sí.")
    deliver_and_email_all()
    mail.outbox.clear()
    return tender


def test_the_digest_sends_one_email_with_all_that_waits_once(waiting, vera):
    send_daily_digests.delay()
    send_daily_digests.delay()

    assert list(emailed()) == ["vera@example.com"]
    [digest] = mail.outbox
    assert "2" in digest.subject
    assert waiting.request.title in digest.body
    assert set(
        Notification.objects.filter(recipient=vera).values_list("email_status", flat=True)
    ) == {EmailStatus.SENT}


def test_the_next_digest_has_only_what_came_since(waiting, vera):
    notifications_digest_send(user_id=vera.pk)
    mail.outbox.clear()
    waiting.propose(actor=waiting.people.victor)
    for kind in (Kind.PROPOSAL_SUBMITTED, Kind.BID_INVITATION_ACCEPTED):
        notification_preference_set(user=vera, kind=kind, email="daily")
    deliver_and_email_all()
    mail.outbox.clear()  # the company's, emailed at once

    # Victor accepted the invitation as he proposed: both wait in the digest, by her choice.
    assert notifications_digest_send(user_id=vera.pk) == 2
    [digest] = mail.outbox
    assert "accepted the invitation" in digest.body and "submitted a proposal" in digest.body
    assert "answered a question" not in digest.body


def test_a_kind_turned_off_before_the_digest_is_left_out(waiting, vera):
    notification_preference_set(user=vera, kind=Kind.QUESTION_ANSWERED, email="never")

    assert notifications_digest_send(user_id=vera.pk) == 1
    assert (
        Notification.objects.get(recipient=vera, kind=Kind.QUESTION_ANSWERED).email_status
        == EmailStatus.SKIPPED
    )


def test_a_digest_whose_mail_server_fails_is_sent_whole_on_the_retry(waiting, vera, monkeypatch):
    real_send = mail.EmailMultiAlternatives.send
    attempts = []

    def flaky_send(message, *args, **kwargs):
        attempts.append(message)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky_send)

    # Eagerly, Celery runs the retry at once; a worker would run it after the backoff.
    result = send_digest.apply(args=[vera.pk], throw=False)

    assert result.state == "SUCCESS"
    assert len(attempts) == 2
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(email_status=EmailStatus.DIGEST).exists()


def test_celery_beat_sends_the_digests_once_a_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-daily-digests"]

    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {0}
