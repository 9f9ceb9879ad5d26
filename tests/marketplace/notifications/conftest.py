"""The tender cast (tests/marketplace/tenders/conftest.py), and a tender told step by step.

`tender` drives Operadora Azteca's by-invitation request through the tender services, as the
pages and the API do; each step returns what it made, and the events it recorded are
delivered as the Celery task would deliver them."""

from types import SimpleNamespace

import pytest

from marketplace.events.models import Event
from marketplace.notifications.services import notifications_create_for_event
from marketplace.notifications.tasks import deliver_event
from marketplace.tenders import services

# The tender cast's fixtures (una, other_vendor, outsourcing_request, proposal_terms…).
from tests.factories import listing_complete
from tests.marketplace.tenders.conftest import *  # noqa: F403


def deliver_all() -> None:
    """Deliver every event not yet delivered, as the task does after commit."""
    for event in Event.objects.filter(delivered_at__isnull=True).order_by("pk"):
        notifications_create_for_event(event=event)


def deliver_and_email_all() -> None:
    """Deliver every event not yet delivered through the Celery task, which then sends the
    emails (eagerly, in tests)."""
    for event_id in (
        Event.objects.filter(delivered_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    ):
        deliver_event.delay(event_id)


class Tender:
    """Steps of one tender; each builds on the ones before it."""

    def __init__(self, *, request, vendor, other_vendor, people, terms):
        self.request = request
        self.vendor = vendor
        self.other_vendor = other_vendor
        self.people = people
        self.terms = terms

    def invite(self, vendor=None):
        return services.bid_invitation_create(
            actor=self.people.alice, outsourcing_request=self.request, vendor=vendor or self.vendor
        )

    def propose(self, *, actor=None):
        return services.proposal_submit(
            actor=actor or self.people.vera, outsourcing_request=self.request, **self.terms
        )

    def award(self, proposal):
        return services.request_award(
            actor=self.people.alice,
            outsourcing_request=self.request,
            proposal=proposal,
            reason="El mejor plan.",
        )


@pytest.fixture
def people(alice, bob, vera, victor, una, olga, charlie):
    return SimpleNamespace(
        alice=alice, bob=bob, vera=vera, victor=victor, una=una, olga=olga, charlie=charlie
    )


@pytest.fixture
def tender(outsourcing_request, vendor, other_vendor, people, proposal_terms):
    return Tender(
        request=outsourcing_request,
        # Complete, so that staff may approve it again after suspending it.
        vendor=listing_complete(vendor),
        other_vendor=other_vendor,
        people=people,
        terms=proposal_terms,
    )
