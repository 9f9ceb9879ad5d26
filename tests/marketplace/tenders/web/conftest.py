"""What the tender pages' tests share, beside the tender cast of ../conftest.py: moving a request
past its deadlines, awarding it, suspending a vendor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import OutsourcingRequest
from marketplace.services.vendors import vendor_suspend
from marketplace.tenders import services


def past_deadline(outsourcing_request, *, questions_only: bool = False) -> None:
    """Questions (and, unless `questions_only`, proposals) closed an hour ago."""
    hour_ago = timezone.now() - timedelta(hours=1)
    fields = {"questions_due": hour_ago}
    if not questions_only:
        fields["proposals_due"] = hour_ago
    OutsourcingRequest.objects.filter(pk=outsourcing_request.pk).update(**fields)


@pytest.fixture
def open_request(outsourcing_request):
    """The cast's request, open to every vendor that meets its requirements."""
    outsourcing_request.visibility = OutsourcingRequest.Visibility.OPEN
    outsourcing_request.save(update_fields=["visibility"])
    return outsourcing_request


@pytest.fixture
def suspended(vendor, staff):
    """Maple Odds, suspended by staff."""
    return vendor_suspend(vendor=vendor, actor=staff, reason="Certificado GLI vencido.")


@pytest.fixture
def engagement(outsourcing_request, proposal, alice):
    """Maple Odds' proposal won (nobody else was still expected, so before the deadline)."""
    return services.request_award(
        actor=alice,
        outsourcing_request=outsourcing_request,
        proposal=proposal,
        reason="El mejor plan.",
    )


@pytest.fixture
def completed(engagement, bob):
    return services.engagement_complete(actor=bob, engagement=engagement)


@pytest.fixture
def review(completed, bob):
    return services.review_create(
        actor=bob, engagement=completed, rating=4, text="On time, clear reports."
    )
