"""event_record (marketplace/events/services.py): an event is written in the transaction of the
change it describes, with whom it concerns, and never on its own."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.events.services import event_record, events_as_history
from marketplace.notifications.models import Notification
from tests.factories import OutsourcingRequestFactory, VendorFactory

pytestmark = pytest.mark.django_db


def test_an_event_keeps_what_happened_to_what_and_whom_it_concerns(company, vendor, bob):
    outsourcing_request = OutsourcingRequestFactory(company=company)
    other_vendor = VendorFactory()

    event = event_record(
        kind=Event.Kind.PROPOSAL_SHORTLISTED,
        actor=bob,
        outsourcing_request=outsourcing_request,
        companies=[company, company],
        vendors=[vendor, other_vendor, vendor],
        data={"proposal": 7},
    )

    event.refresh_from_db()
    assert event.kind == "proposal.shortlisted"
    assert event.actor == bob
    assert event.request == outsourcing_request
    assert event.data == {"proposal": 7}
    assert set(event.companies.all()) == {company}
    assert set(event.vendors.all()) == {vendor, other_vendor}
    assert timezone.now() - event.created_at < timedelta(minutes=1)


def test_an_event_may_concern_nobody_and_have_no_actor(db):
    event = event_record(kind=Event.Kind.REQUEST_CANCELLED, actor=AnonymousUser())

    assert event.actor is None
    assert event.request is None
    assert event.data == {}
    assert not event.companies.exists()
    assert not event.vendors.exists()


def test_an_event_can_be_dated_when_it_happened(db):
    """Demo data spread over two years records its events on the day they happened."""
    then = timezone.now() - timedelta(days=400)

    event = event_record(kind=Event.Kind.REVIEW_POSTED, actor=None, at=then)

    assert event.created_at == then


def test_an_event_goes_when_its_change_is_rolled_back(company):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        event_record(kind=Event.Kind.REQUEST_AWARDED, actor=None, companies=[company])
        1 / 0  # noqa: B018 — the change fails after its event was written

    assert not Event.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_event_is_never_written_outside_a_transaction():
    """Outside the change's transaction an event could outlive a change that rolled back."""
    with pytest.raises(RuntimeError, match="inside the transaction"):
        event_record(kind=Event.Kind.REVIEW_POSTED, actor=None)

    assert not Event.objects.exists()


def test_history_is_delivered_as_it_is_written_and_tells_nobody_now(
    company, alice, bob, django_capture_on_commit_callbacks
):
    """seed_demo's award history: two-year-old events are news to nobody."""
    with django_capture_on_commit_callbacks(execute=True) as sent, events_as_history():
        history = event_record(kind=Event.Kind.REQUEST_AWARDED, actor=alice, companies=[company])

    assert sent == []
    history.refresh_from_db()
    assert history.delivered_at == history.recorded_at
    assert not Notification.objects.exists()


def test_events_after_the_history_are_told_as_usual(
    company, alice, bob, django_capture_on_commit_callbacks
):
    with events_as_history():
        pass

    with django_capture_on_commit_callbacks(execute=True) as sent:
        news = event_record(kind=Event.Kind.REQUEST_AWARDED, actor=alice, companies=[company])

    assert len(sent) == 1
    news.refresh_from_db()
    assert news.delivered_at is not None
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["bob"]
