"""Who is told of each event, once, and what the sweeper sends again."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from companies.choices import Role
from companies.models import Invitation, User
from companies.services import invitation_accept, invitation_create
from marketplace.events.models import Event
from marketplace.models import MatchResult, MatchRun
from marketplace.notifications.models import Notification
from marketplace.notifications.services import (
    events_sweep_undelivered,
    notification_mark_read,
    notifications_create_for_event,
    notifications_mark_all_read,
)
from marketplace.services.matching.alerts import opportunity_alert_record
from marketplace.services.vendors import vendor_approve, vendor_suspend
from marketplace.tenders import services
from marketplace.webhooks.services import webhook_endpoint_create, webhook_endpoint_disable
from tests.factories import UserFactory

from .conftest import deliver_all

pytestmark = pytest.mark.django_db

Kind = Event.Kind
COMPANY = {"alice", "bob"}
VENDOR = {"vera", "victor"}


def _invited(t):
    t.invite()


def _proposed(t):
    t.invite()
    return t.propose()


def _awarded(t):
    return t.award(_proposed(t))


def _completed(t):
    return services.engagement_complete(actor=t.people.alice, engagement=_awarded(t))


def _reviewed(t):
    return services.review_create(
        actor=t.people.bob, engagement=_completed(t), rating=5, text="Bien."
    )


# (the steps, the kind of the last event, who did it, who is told)
STEPS = {
    "invited": (_invited, Kind.BID_INVITATION_SENT, "alice", {"bob", *VENDOR}),
    "accepted": (
        lambda t: services.bid_invitation_accept(actor=t.people.vera, bid_invitation=t.invite()),
        Kind.BID_INVITATION_ACCEPTED,
        "vera",
        {*COMPANY, "victor"},
    ),
    "declined": (
        lambda t: services.bid_invitation_decline(
            actor=t.people.victor, bid_invitation=t.invite(), reason="Sin equipo."
        ),
        Kind.BID_INVITATION_DECLINED,
        "victor",
        {*COMPANY, "vera"},
    ),
    "asked": (
        lambda t: (
            t.invite(),
            services.question_ask(actor=t.people.vera, outsourcing_request=t.request, text="¿API?"),
        ),
        Kind.QUESTION_ASKED,
        "vera",
        {*COMPANY, "victor"},
    ),
    "answered": (
        lambda t: (
            t.invite(),
            services.question_answer(
                actor=t.people.bob,
                question=services.question_ask(
                    actor=t.people.vera, outsourcing_request=t.request, text="¿API?"
                ),
                text="Sí.",
            ),
        ),
        Kind.QUESTION_ANSWERED,
        "bob",
        {"alice", *VENDOR},
    ),
    "proposed": (_proposed, Kind.PROPOSAL_SUBMITTED, "vera", {*COMPANY, "victor"}),
    "withdrawn": (
        lambda t: services.proposal_withdraw(actor=t.people.victor, proposal=_proposed(t)),
        Kind.PROPOSAL_WITHDRAWN,
        "victor",
        {*COMPANY, "vera"},
    ),
    "shortlisted": (
        lambda t: services.proposal_shortlist(actor=t.people.bob, proposal=_proposed(t)),
        Kind.PROPOSAL_SHORTLISTED,
        "bob",
        {"alice", *VENDOR},
    ),
    "awarded": (_awarded, Kind.REQUEST_AWARDED, "alice", {"bob", *VENDOR}),
    "cancelled": (
        lambda t: (
            _proposed(t),
            services.request_cancel(
                actor=t.people.alice, outsourcing_request=t.request, reason="Sin presupuesto."
            ),
        ),
        Kind.REQUEST_CANCELLED,
        "alice",
        {"bob", *VENDOR},
    ),
    "completed": (_completed, Kind.ENGAGEMENT_COMPLETED, "alice", {"bob", *VENDOR}),
    "engagement cancelled": (
        lambda t: services.engagement_cancel(
            actor=t.people.alice, engagement=_awarded(t), reason="Se fueron."
        ),
        Kind.ENGAGEMENT_CANCELLED,
        "alice",
        {"bob", *VENDOR},
    ),
    "reviewed": (_reviewed, Kind.REVIEW_POSTED, "bob", {"alice", *VENDOR}),
    "replied": (
        lambda t: services.review_reply(
            actor=t.people.victor, review=_reviewed(t), text="Gracias."
        ),
        Kind.REVIEW_REPLIED,
        "victor",
        {*COMPANY, "vera"},
    ),
}


def _staff(t):
    return UserFactory(username="sam", is_staff=True)


def _team_invited(t):
    return invitation_create(
        actor=t.people.alice,
        organisation=t.request.company,
        email="nora@example.com",
        role=Role.MEMBER,
        base_url="https://norte.example",
    )


def _team_joined(t):
    Invitation.objects.create(
        company=t.request.company,
        email="charlie@example.com",
        role=Role.MEMBER,
        token_hash=Invitation.hash_token("join-us"),
        invited_by=t.people.alice,
        expires_at=timezone.now() + timedelta(days=7),
    )
    return invitation_accept(token="join-us", user=t.people.charlie)


def _suspended(t):
    return vendor_suspend(vendor=t.vendor, actor=_staff(t), reason="Licencia vencida.")


def _approved_again(t):
    vendor = _suspended(t)
    return vendor_approve(vendor=vendor, actor=User.objects.get(username="sam"))


def _alerted(t):
    t.invite()
    run = MatchRun.objects.create(
        request=t.request,
        trigger=MatchRun.Trigger.PUBLISH,
        status=MatchRun.Status.DONE,
        requested_by=t.people.alice,
    )
    MatchResult.objects.create(run=run, vendor=t.vendor, rank=1, score=Decimal("80"))
    return opportunity_alert_record(run=run)


def _endpoint_disabled(t):
    endpoint = webhook_endpoint_create(
        actor=t.people.alice, url="http://127.0.0.1:9/hooks", events=[Kind.PROPOSAL_SUBMITTED]
    )
    t.invite()
    failed = Event.objects.get(kind=Kind.BID_INVITATION_SENT)
    return webhook_endpoint_disable(
        webhook_endpoint=endpoint, reason="A day of failures.", failed_event=failed
    )


# Outside the tenders: teams, moderation, opportunity alerts, webhooks.
STEPS |= {
    "team invitation sent": (_team_invited, Kind.INVITATION_SENT, "alice", {"bob"}),
    "team invitation accepted": (
        _team_joined,
        Kind.INVITATION_ACCEPTED,
        "charlie",
        COMPANY,
    ),
    "vendor suspended": (_suspended, Kind.VENDOR_SUSPENDED, "sam", VENDOR),
    "vendor approved": (_approved_again, Kind.VENDOR_APPROVED, "sam", VENDOR),
    # Alice published: the vendor the ranking fits is told, not the company.
    "opportunity alert": (_alerted, Kind.REQUEST_PUBLISHED, "alice", VENDOR),
    # Nobody did it (a worker gave up); only the owners may turn it back on.
    "webhook endpoint disabled": (
        _endpoint_disabled,
        Kind.WEBHOOK_ENDPOINT_DISABLED,
        "nobody",
        {"alice"},
    ),
}


def test_every_event_kind_has_a_case():
    assert {kind for _steps, kind, _actor, _told in STEPS.values()} == set(Kind)


@pytest.mark.parametrize("step", STEPS)
def test_each_event_tells_both_organisations_but_not_whoever_did_it(tender, step):
    steps, kind, actor, told = STEPS[step]
    steps(tender)
    deliver_all()

    event = Event.objects.filter(kind=kind).latest("pk")
    recipients = set(
        Notification.objects.filter(event=event).values_list("recipient__username", flat=True)
    )
    assert recipients == told
    assert actor not in recipients
    assert not recipients & {"una", "olga", "charlie"}  # other organisations, nobody's
    assert set(Notification.objects.filter(event=event).values_list("kind", flat=True)) == {kind}


def test_an_event_is_delivered_after_its_transaction_commits(
    tender, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tender.invite()

    assert len(callbacks) == 1
    event = Event.objects.get(kind=Kind.BID_INVITATION_SENT)
    assert event.delivered_at is not None
    assert set(event.notifications.values_list("recipient__username", flat=True)) == {
        "bob",
        *VENDOR,
    }


def test_a_rolled_back_change_tells_nobody(tender, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tender.invite()
        raise RuntimeError("the change fails after its event was written")

    assert callbacks == []
    assert not Event.objects.exists()
    assert not Notification.objects.exists()


def test_delivering_an_event_twice_tells_nobody_twice(tender):
    tender.invite()
    event = Event.objects.get()

    first = notifications_create_for_event(event=event)
    delivered_at = Event.objects.get().delivered_at
    second = notifications_create_for_event(event=event)

    assert len(first) == len(second) == 3
    assert Notification.objects.count() == 3
    assert Event.objects.get().delivered_at == delivered_at  # the first delivery's time stays


def test_the_broker_being_down_leaves_the_event_for_the_sweeper(
    tender, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "marketplace.notifications.tasks.deliver_event.delay", side_effect=OSError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tender.invite()  # the change itself succeeds

    event = Event.objects.get()
    assert event.delivered_at is None
    assert not Notification.objects.exists()


def test_the_sweeper_sends_again_events_left_undelivered_for_a_minute(tender):
    tender.invite()  # on_commit never ran: as if the broker or the worker lost it
    event = Event.objects.get()
    assert event.delivered_at is None

    assert events_sweep_undelivered(now=event.created_at + timedelta(seconds=30)) == 0
    assert not Notification.objects.exists()  # too young: its first delivery may be on its way

    assert events_sweep_undelivered(now=event.created_at + timedelta(minutes=2)) == 1
    event.refresh_from_db()
    assert event.delivered_at is not None
    assert Notification.objects.filter(event=event).count() == 3
    assert events_sweep_undelivered(now=timezone.now() + timedelta(minutes=2)) == 0


def test_the_sweeper_runs_every_minute_on_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-undelivered-events"]
    assert entry["task"] == "marketplace.notifications.tasks.sweep_undelivered_events"
    assert entry["schedule"] == 60


def test_a_notification_is_marked_read_once(tender, vera):
    tender.invite()
    deliver_all()
    notification = Notification.objects.get(recipient=vera)

    notification_mark_read(notification=notification)
    first = notification.read_at
    notification_mark_read(notification=notification)

    notification.refresh_from_db()
    assert notification.read_at == first is not None


def test_marking_all_read_marks_only_the_persons_own(tender, vera, victor):
    tender.invite()
    deliver_all()

    assert notifications_mark_all_read(user=vera) == 1
    assert notifications_mark_all_read(user=vera) == 0
    assert Notification.objects.get(recipient=victor).read_at is None
