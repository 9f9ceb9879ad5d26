"""POST /api/v1/vendors/{id}/approve/ and /suspend/: staff moderate the directory."""

import pytest
from auditlog.models import LogEntry

from marketplace.models import Vendor
from tests.factories import VendorFactory, listing_complete

from ...errors import error


def approve_url(vendor):
    return f"/api/v1/vendors/{vendor.pk}/approve/"


def suspend_url(vendor):
    return f"/api/v1/vendors/{vendor.pk}/suspend/"


def test_staff_approve_a_pending_vendor_and_it_becomes_public(api, staff, pending_vendor):
    response = api(staff).post(approve_url(pending_vendor), {"reason": "BN checked"})

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["status_reason"] == "BN checked"
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert pending_vendor.status_changed_by == staff
    assert pending_vendor.status_changed_at is not None
    assert api().get(f"/api/v1/vendors/{pending_vendor.pk}/").status_code == 200
    assert "Prairie Bits" in {
        row["name"] for row in api().get("/api/v1/vendors/").json()["results"]
    }


def test_approving_needs_no_reason(api, staff, pending_vendor):
    response = api(staff).post(approve_url(pending_vendor))

    assert response.status_code == 200
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED


def test_approving_an_approved_vendor_is_a_conflict(api, staff, vendor):
    response = api(staff).post(approve_url(vendor))

    assert response.status_code == 409
    assert error(response) == {
        "type": "conflict",
        "code": "vendor_status_unchanged",
        "message": "The vendor is already Approved.",
    }
    vendor.refresh_from_db()
    assert vendor.status_changed_by is None


def test_the_change_is_in_the_audit_trail(api, staff, pending_vendor):
    api(staff).post(approve_url(pending_vendor), {"reason": "BN checked"})

    entry = LogEntry.objects.get_for_object(pending_vendor).latest("timestamp")
    assert entry.actor == staff
    assert entry.changes_dict["status"] == ["pending", "approved"]


def test_staff_suspend_a_vendor_with_a_reason_and_it_leaves_the_directory(
    api, staff, vendor, victor
):
    response = api(staff).post(suspend_url(vendor), {"reason": "Licence lapsed"})

    assert response.status_code == 200
    assert response.json()["status"] == "suspended"
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED
    assert vendor.status_reason == "Licence lapsed"
    assert vendor.status_changed_by == staff
    assert api().get(f"/api/v1/vendors/{vendor.pk}/").status_code == 404
    assert api().get("/api/v1/vendors/").json()["count"] == 0
    # Its own members still see it, with the reason.
    own = api(victor).get(f"/api/v1/vendors/{vendor.pk}/").json()
    assert own["status_reason"] == "Licence lapsed"


@pytest.mark.parametrize(
    ("payload", "code"),
    [({}, "required"), ({"reason": ""}, "blank"), ({"reason": "   "}, "blank")],
)
def test_suspending_needs_a_reason(api, staff, vendor, payload, code):
    response = api(staff).post(suspend_url(vendor), payload)

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "reason": [{"code": code, "message": "Say why the vendor is suspended."}]
    }
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED


def test_suspending_a_suspended_vendor_is_a_conflict(api, staff, vendor):
    api(staff).post(suspend_url(vendor), {"reason": "Licence lapsed"})

    response = api(staff).post(suspend_url(vendor), {"reason": "Again"})

    assert response.status_code == 409
    assert error(response) == {
        "type": "conflict",
        "code": "vendor_status_unchanged",
        "message": "The vendor is already Suspended.",
    }
    vendor.refresh_from_db()
    assert vendor.status_reason == "Licence lapsed"


def test_staff_approve_a_suspended_vendor_again(api, staff, vendor):
    listing_complete(vendor)
    api(staff).post(suspend_url(vendor), {"reason": "Licence lapsed"})

    response = api(staff).post(approve_url(vendor), {"reason": "Licence renewed"})

    assert response.status_code == 200
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED
    assert vendor.status_reason == "Licence renewed"


@pytest.mark.parametrize("action", ["approve", "suspend"])
@pytest.mark.parametrize("who", ["charlie", "alice", "victor", "pablo"])
def test_non_staff_cannot_moderate(request, api, pending_vendor, vendor, who, action):
    user = request.getfixturevalue(who)
    target = pending_vendor if action == "approve" else vendor

    response = api(user).post(f"/api/v1/vendors/{target.pk}/{action}/", {"reason": "Because"})

    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "You do not have permission to perform this action.",
    }
    target.refresh_from_db()
    assert target.status_changed_by is None
    assert target.status_reason == ""


@pytest.mark.parametrize("action", ["approve", "suspend"])
def test_anonymous_cannot_moderate(api, pending_vendor, action):
    response = api().post(f"/api/v1/vendors/{pending_vendor.pk}/{action}/", {"reason": "Because"})

    assert response.status_code == 401
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING


def test_moderating_an_unknown_vendor_is_404(api, staff, db):
    assert api(staff).post("/api/v1/vendors/999999/approve/").status_code == 404


def test_an_incomplete_listing_is_not_approved_and_the_answer_says_what_it_lacks(api, staff):
    vendor = VendorFactory(status=Vendor.Status.PENDING)

    response = api(staff).post(approve_url(vendor))

    assert response.status_code == 400
    assert error(response)["code"] == "listing_incomplete"
    assert error(response)["message"] == (
        "The listing is not complete: a sector with its level of expertise; at least one skill."
    )
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
