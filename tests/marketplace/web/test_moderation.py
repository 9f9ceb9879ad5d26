"""/moderation/: staff's queue of pending vendors (oldest first) to approve or suspend with a
reason, and the suspended vendors to reinstate. Everyone else finds nothing there."""

from datetime import timedelta

import pytest

from marketplace.models import Vendor, VendorExpertise
from tests.factories import VendorFactory, listing_complete

from .pages import text

QUEUE = "/moderation/"


def approve_url(vendor) -> str:
    return f"/moderation/vendors/{vendor.pk}/approve/"


def suspend_url(vendor) -> str:
    return f"/moderation/vendors/{vendor.pk}/suspend/"


def test_anonymous_visitors_are_sent_to_log_in(client, pending_vendor):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert "next=" in response.url
    assert client.post(approve_url(pending_vendor)).status_code == 302
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING


@pytest.mark.parametrize("user", ["charlie", "alice", "pablo"])
def test_people_who_are_not_staff_get_404(db, client, request, pending_vendor, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(QUEUE).status_code == 404
    assert client.post(approve_url(pending_vendor)).status_code == 404
    assert client.post(suspend_url(pending_vendor), {"reason": "Spam"}).status_code == 404
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING


def test_the_nav_links_to_the_queue_for_staff_only(client, staff, charlie):
    client.force_login(charlie)
    assert 'href="/moderation/"' not in client.get("/").content.decode()

    client.force_login(staff)
    assert 'href="/moderation/"' in client.get("/").content.decode()


def test_staff_see_the_pending_vendors_oldest_first(client, staff, vendor, pending_vendor):
    older = VendorFactory(name="Yukon Loops", status=Vendor.Status.PENDING)
    Vendor.objects.filter(pk=older.pk).update(
        created_at=pending_vendor.created_at - timedelta(days=3)
    )
    VendorExpertise.objects.filter(vendor=pending_vendor).update(level=3)
    client.force_login(staff)

    response = client.get(QUEUE)

    assert response.status_code == 200
    html = response.content.decode()
    page = text(response)
    queue = page[page.index("waiting for approval") : page.index("Suspended vendors")]
    assert queue.index("Yukon Loops") < queue.index("Prairie Bits")
    assert "Maple Odds" not in queue
    assert 'href="/vendors/prairie-bits/"' in html
    assert "Sports betting (level 3 of 5)" in queue
    assert "Ontario" in queue
    assert f'action="{approve_url(pending_vendor)}"' in html
    assert f'action="{suspend_url(pending_vendor)}"' in html
    assert f'action="{approve_url(vendor)}"' not in html


def test_approving_makes_the_vendor_public(client, staff, pending_vendor):
    client.force_login(staff)

    response = client.post(approve_url(pending_vendor), follow=True)

    assert response.redirect_chain[-1][0] == QUEUE
    assert "Prairie Bits is approved." in text(response)
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert pending_vendor.status_changed_by == staff


def test_suspending_records_the_reason_and_who(client, staff, pending_vendor):
    client.force_login(staff)

    response = client.post(
        suspend_url(pending_vendor), {"reason": "  Business number does not match.  "}, follow=True
    )

    assert "Prairie Bits is suspended." in text(response)
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.SUSPENDED
    assert pending_vendor.status_reason == "Business number does not match."
    assert pending_vendor.status_changed_by == staff
    suspended = text(response)[text(response).index("Suspended vendors") :]
    assert "Prairie Bits Business number does not match." in suspended


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "   "}])
def test_suspending_without_a_reason_changes_nothing(client, staff, pending_vendor, data):
    client.force_login(staff)

    response = client.post(suspend_url(pending_vendor), data, follow=True)

    assert "Say why the vendor is suspended." in text(response)
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING
    assert pending_vendor.status_changed_by is None


def test_a_suspended_vendor_can_be_reinstated(client, staff, vendor):
    listing_complete(vendor)
    vendor.status, vendor.status_reason = Vendor.Status.SUSPENDED, "Unpaid invoices"
    vendor.save()
    client.force_login(staff)

    page = text(client.get(QUEUE))
    assert "Maple Odds Unpaid invoices" in page

    response = client.post(approve_url(vendor), follow=True)

    assert "Maple Odds is approved." in text(response)
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED
    assert vendor.status_reason == ""


def test_approving_an_approved_vendor_is_a_conflict(client, staff, vendor):
    client.force_login(staff)

    response = client.post(approve_url(vendor), follow=True)

    assert "The vendor is already Approved." in text(response)
    assert "Maple Odds is approved." not in text(response)


def test_an_unknown_vendor_is_404(client, staff):
    client.force_login(staff)

    assert client.post("/moderation/vendors/999999/approve/").status_code == 404


def test_the_actions_only_accept_post(client, staff, pending_vendor):
    client.force_login(staff)

    assert client.get(approve_url(pending_vendor)).status_code == 405
    assert client.get(suspend_url(pending_vendor)).status_code == 405
    assert client.post(QUEUE).status_code == 405
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING


def test_the_queue_speaks_spanish(client, staff, pending_vendor):
    client.force_login(staff)

    response = client.get(QUEUE, headers={"accept-language": "es-MX"})

    page = text(response)
    assert '<html lang="es-mx">' in response.content.decode()
    assert "Moderación" in page
    assert "Aprobar" in page
    assert "Suspender" in page


def test_a_reason_over_the_limit_changes_nothing(client, staff, pending_vendor):
    client.force_login(staff)

    response = client.post(suspend_url(pending_vendor), {"reason": "x" * 2001}, follow=True)

    assert "Ensure this value has at most 2000 characters (it has 2001)." in text(response)
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING


def test_the_queue_says_what_an_incomplete_listing_lacks(client, staff, pending_vendor):
    VendorFactory(name="Bare Bones", status=Vendor.Status.PENDING)
    client.force_login(staff)

    page = text(client.get(QUEUE))

    bare = page[page.index("Bare Bones") :]
    assert (
        "Not ready for approval. The listing lacks: a sector with its level of expertise "
        "at least one skill"
    ) in bare
    complete = page[page.index("Prairie Bits") : page.index("Bare Bones")]
    assert "Not ready for approval" not in complete


def test_approving_an_incomplete_listing_is_refused_with_what_it_lacks(client, staff):
    bare = VendorFactory(name="Bare Bones", status=Vendor.Status.PENDING)
    client.force_login(staff)

    response = client.post(approve_url(bare), follow=True)

    assert response.redirect_chain[-1][0] == QUEUE
    assert (
        "The listing is not complete: a sector with its level of expertise; at least one skill."
        in text(response)
    )
    bare.refresh_from_db()
    assert bare.status == Vendor.Status.PENDING
