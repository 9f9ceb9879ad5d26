"""What the tender API tests share besides the fixtures."""

from datetime import timedelta

from django.utils import timezone

from marketplace.models import OutsourcingRequest, Vendor

API = "/api/v1"


def past_due(outsourcing_request) -> None:
    """Proposals (and so questions) were due a minute ago."""
    OutsourcingRequest.objects.filter(pk=outsourcing_request.pk).update(
        proposals_due=timezone.now() - timedelta(minutes=1)
    )


def suspend(vendor) -> None:
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]
