"""marketplace/services/vendors.py: only a complete listing is approved, whichever way staff
approve it (the queue, the admin, the API, or creating and editing a vendor as approved)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.events.models import Event
from marketplace.models import Vendor
from marketplace.services.vendors import vendor_approve, vendor_create, vendor_update
from tests.factories import VendorFactory, sector, skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare_vendor(db):
    """Pending, with a description and nothing else a buyer is matched on."""
    return VendorFactory(name="Bare Bones", status=Vendor.Status.PENDING)


def refusal(action) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        action()
    return caught.value


def test_approving_an_incomplete_listing_says_what_it_lacks_and_changes_nothing(staff, bare_vendor):
    error = refusal(lambda: vendor_approve(vendor=bare_vendor, actor=staff))

    assert error.code == "listing_incomplete"
    assert error.messages == [
        "The listing is not complete: a sector with its level of expertise; at least one skill."
    ]
    bare_vendor.refresh_from_db()
    assert bare_vendor.status == Vendor.Status.PENDING
    assert bare_vendor.status_changed_by is None
    assert not Event.objects.exists()


def test_a_complete_listing_is_approved(staff, pending_vendor):
    vendor = vendor_approve(vendor=pending_vendor, actor=staff)

    assert vendor.status == Vendor.Status.APPROVED


def test_a_name_with_markup_saved_before_names_were_checked_blocks_approval(staff, pending_vendor):
    Vendor.objects.filter(pk=pending_vendor.pk).update(name="<script>alert(1)</script>")

    error = refusal(lambda: vendor_approve(vendor=pending_vendor, actor=staff))

    assert "a name that is a name" in error.messages[0]


def test_staff_cannot_create_an_incomplete_vendor_as_approved(staff):
    error = refusal(
        lambda: vendor_create(
            actor=staff,
            name="Hollow Co",
            province="ON",
            city="Ottawa",
            team_size=3,
            hourly_rate_min=Decimal("80"),
            hourly_rate_max=Decimal("90"),
            languages=["en"],
            status=Vendor.Status.APPROVED,
        )
    )

    assert error.code == "listing_incomplete"
    assert not Vendor.objects.filter(name="Hollow Co").exists()


def test_staff_create_a_complete_vendor_as_approved(staff):
    vendor = vendor_create(
        actor=staff,
        name="Full Co",
        province="ON",
        city="Ottawa",
        team_size=3,
        hourly_rate_min=Decimal("80"),
        hourly_rate_max=Decimal("90"),
        languages=["en"],
        description_fr="Nous faisons des cotes.",
        skills=[skill("odds-feeds")],
        expertise=[{"sector": sector("sports-betting"), "level": 3}],
        status=Vendor.Status.APPROVED,
    )

    assert vendor.status == Vendor.Status.APPROVED


def test_an_edit_that_approves_an_incomplete_listing_is_refused_whole(staff, bare_vendor):
    refusal(
        lambda: vendor_update(
            vendor=bare_vendor,
            actor=staff,
            data={"city": "Halifax", "status": Vendor.Status.APPROVED},
        )
    )

    bare_vendor.refresh_from_db()
    assert (bare_vendor.city, bare_vendor.status) == ("Toronto", Vendor.Status.PENDING)


def test_an_edit_that_completes_the_listing_may_approve_it_at_once(staff, bare_vendor):
    vendor = vendor_update(
        vendor=bare_vendor,
        actor=staff,
        data={
            "skills": [skill("odds-feeds")],
            "expertise": [{"sector": sector("sports-betting"), "level": 3}],
            "status": Vendor.Status.APPROVED,
        },
    )

    assert vendor.status == Vendor.Status.APPROVED


def test_descriptions_are_edited_per_language(vera, vendor):
    vendor_update(vendor=vendor, actor=vera, data={"description_es": "Hacemos momios."})

    vendor.refresh_from_db()
    assert vendor.descriptions == {
        "en": "We build sportsbook engines and casino platforms.",
        "es": "Hacemos momios.",
    }
