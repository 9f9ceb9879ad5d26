"""/requests/<id>/bid-invitations/: the company's invited vendors with their answers (GET), and
inviting one more (POST `vendor`), from the matches or from the vendor's profile."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import Vendor
from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation
from tests.marketplace.web.pages import text


def url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/bid-invitations/"


def test_anonymous_visitors_are_sent_to_log_in(client, outsourcing_request, other_vendor):
    assert "next=" in client.get(url(outsourcing_request)).url
    response = client.post(url(outsourcing_request), {"vendor": other_vendor.pk})

    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize("user", ["olga", "vera", "una", "charlie"])
def test_other_companies_and_vendors_get_404(
    client, request, outsourcing_request, other_vendor, user
):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(outsourcing_request)).status_code == 404
    assert client.post(url(outsourcing_request), {"vendor": other_vendor.pk}).status_code == 404
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_company_sees_each_invitation_with_its_answer_and_reason(
    client, request, outsourcing_request, bid_invitation, other_vendor, una, user
):
    declined = services.bid_invitation_create(
        actor=request.getfixturevalue("alice"),
        outsourcing_request=outsourcing_request,
        vendor=other_vendor,
    )
    services.bid_invitation_decline(actor=una, bid_invitation=declined, reason="Fully booked.")
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(outsourcing_request))

    assert response.status_code == 200
    page = text(response)
    assert "Maple Odds Awaiting an answer" in page
    assert "Northern Lights Declined" in page
    assert "Fully booked." in page
    assert 'aria-current="page">Invitations' in response.content.decode()


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_a_member_invites_a_vendor_and_goes_back_where_they_were(
    client, request, outsourcing_request, other_vendor, user
):
    client.force_login(request.getfixturevalue(user))
    back = f"/requests/{outsourcing_request.pk}/#matches"

    response = client.post(
        url(outsourcing_request), {"vendor": other_vendor.pk, "next": back}, follow=True
    )

    assert response.redirect_chain[0] == (back, 302)
    assert "Northern Lights is invited to propose." in text(response)
    invitation = BidInvitation.objects.get()
    assert invitation.vendor == other_vendor
    assert invitation.invited_by == request.getfixturevalue(user)


def test_without_a_safe_next_it_goes_to_the_invitations(client, bob, outsourcing_request, vendor):
    client.force_login(bob)

    response = client.post(
        url(outsourcing_request), {"vendor": vendor.pk, "next": "https://evil.example/"}
    )

    assert response.url == url(outsourcing_request)


def test_inviting_twice_shows_the_refusal(client, bob, outsourcing_request, bid_invitation, vendor):
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"vendor": vendor.pk}, follow=True)

    assert "This vendor is already invited to this request." in text(response)
    assert BidInvitation.objects.count() == 1


def test_a_vendor_missing_the_requirements_is_refused_with_why(
    client, bob, outsourcing_request, other_vendor
):
    other_vendor.speaks_en = other_vendor.speaks_es = False
    other_vendor.speaks_fr = True
    other_vendor.save()
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"vendor": other_vendor.pk}, follow=True)

    assert (
        "This vendor does not meet the request's requirements: no shared working language."
        in text(response)
    )
    assert not BidInvitation.objects.exists()


def test_after_the_deadline_inviting_is_refused(client, bob, outsourcing_request, other_vendor):
    outsourcing_request.proposals_due = timezone.now() - timedelta(hours=1)
    outsourcing_request.save()
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"vendor": other_vendor.pk}, follow=True)

    assert "Proposals for this request were due on" in text(response)
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize("vendor_id", ["", "abc", "999999"])
def test_an_unknown_vendor_is_404(client, bob, outsourcing_request, vendor_id):
    client.force_login(bob)

    assert client.post(url(outsourcing_request), {"vendor": vendor_id}).status_code == 404


def test_a_pending_vendor_the_company_cannot_see_is_404(
    client, bob, outsourcing_request, pending_vendor
):
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"vendor": pending_vendor.pk})

    assert response.status_code == 404
    assert pending_vendor.status == Vendor.Status.PENDING
    assert not BidInvitation.objects.exists()
