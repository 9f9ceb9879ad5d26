"""The moderator's reason in a moderation's sentence (notifications/messages.py
`_status_reason`): shown while the status change the event reports is still the vendor's latest,
even when the event's time is not exactly the change's (a row dated a moment later, or a
database keeping less precision); hidden once a later change replaced it."""

from datetime import timedelta

import pytest

from companies.models import User
from marketplace.events.models import Event
from marketplace.services.vendors import vendor_approve, vendor_suspend

from .conftest import deliver_all
from .test_messages import said

pytestmark = pytest.mark.django_db


def test_the_reason_shows_when_the_event_is_dated_a_moment_after_the_change(tender, vera):
    staff = User.objects.create_user(username="sam", is_staff=True)
    vendor_suspend(vendor=tender.vendor, actor=staff, reason="Licencia vencida.")
    event = Event.objects.get(kind=Event.Kind.VENDOR_SUSPENDED)
    Event.objects.filter(pk=event.pk).update(
        created_at=event.created_at + timedelta(milliseconds=3)
    )
    deliver_all()

    assert [text for text, _url in said(vera)] == ["Norte suspended Maple Odds: Licencia vencida."]


def test_a_later_change_still_hides_the_older_reason(tender, vera):
    staff = User.objects.create_user(username="sam", is_staff=True)
    vendor_suspend(vendor=tender.vendor, actor=staff, reason="Licencia vencida.")
    vendor_approve(vendor=tender.vendor, actor=staff, reason="Licencia renovada.")
    deliver_all()

    assert [text for text, _url in said(vera)] == [
        "Norte approved Maple Odds: Licencia renovada.",
        "Norte suspended Maple Odds",
    ]
