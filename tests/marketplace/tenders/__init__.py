"""What the tender tests share: refusing without writing anything, and reading the events."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from config.errors import Conflict, PermissionDenied
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Question, Review

# Every row a tender service may write or change.
WRITTEN = (OutsourcingRequest, BidInvitation, Question, Proposal, Engagement, Review, Event)


def everything() -> dict:
    """Every row a tender service could touch, with every column, and who each event concerns."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in WRITTEN}
    rows["Vendor"] = list(
        Vendor.objects.order_by("pk").values("pk", "status", "review_count", "review_rating_total")
    )
    rows["Event.companies"] = list(Event.companies.through.objects.order_by("pk").values())
    rows["Event.vendors"] = list(Event.vendors.through.objects.order_by("pk").values())
    return rows


@contextmanager
def refused(error, code: str | None = None, *, fields: set | None = None):
    """The block raises `error` (with `code`, or a ValidationError on `fields`) and leaves the
    database exactly as it found it: no row added, changed or removed, no event."""
    before = everything()
    with pytest.raises(error) as caught:
        yield caught
    if code is not None:
        assert caught.value.code == code
    if fields is not None:
        assert set(caught.value.message_dict) == fields, caught.value.message_dict
    assert everything() == before


def forbidden(code: str = "permission_denied"):
    return refused(PermissionDenied, code)


def conflict(code: str):
    return refused(Conflict, code)


def invalid(*fields: str):
    return refused(ValidationError, fields=set(fields))


def the_event(kind: str) -> Event:
    """The one event of `kind` (failing if there are none or several)."""
    return Event.objects.get(kind=kind)


def concerns(event: Event) -> tuple[set, set]:
    """(the companies, the vendors) an event concerns."""
    return set(event.companies.all()), set(event.vendors.all())


def set_request(outsourcing_request: OutsourcingRequest, **fields) -> OutsourcingRequest:
    """Change the request's row behind the services' back (a state the test needs) and return
    it fresh."""
    OutsourcingRequest.objects.filter(pk=outsourcing_request.pk).update(**fields)
    outsourcing_request.refresh_from_db()
    return outsourcing_request


def past_due(outsourcing_request: OutsourcingRequest) -> OutsourcingRequest:
    """Proposals (and so questions) were due a minute ago."""
    return set_request(
        outsourcing_request, proposals_due=timezone.now() - timedelta(minutes=1), questions_due=None
    )


def suspend(vendor: Vendor) -> Vendor:
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)
    vendor.refresh_from_db()
    return vendor
