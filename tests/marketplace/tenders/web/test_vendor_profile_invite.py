"""/vendors/<slug>/: a company's members may invite the vendor to one of their published
requests still taking proposals (one button per request); nobody else sees the form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation
from tests.factories import OutsourcingRequestFactory
from tests.marketplace.web.pages import text

PROFILE = "/vendors/northern-lights/"


@pytest.fixture
def second_request(company, alice):
    return OutsourcingRequestFactory(
        company=company,
        author=alice,
        title="Casino en vivo",
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
    )


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_members_get_a_button_per_open_request(
    client, request, outsourcing_request, second_request, other_vendor, user
):
    closed = OutsourcingRequestFactory(
        company=outsourcing_request.company,
        title="Closed already",
        status=OutsourcingRequest.Status.PUBLISHED,
        proposals_due=timezone.now() - timedelta(days=1),
    )
    draft = OutsourcingRequestFactory(company=outsourcing_request.company, title="A draft")
    client.force_login(request.getfixturevalue(user))

    response = client.get(PROFILE)

    html = response.content.decode()
    page = text(response)
    assert "Invite to bid" in page
    assert f'formaction="/requests/{outsourcing_request.pk}/bid-invitations/"' in html
    assert f'formaction="/requests/{second_request.pk}/bid-invitations/"' in html
    assert "Invite to “Casino en vivo”" in page
    assert f"/requests/{closed.pk}/bid-invitations/" not in html
    assert f"/requests/{draft.pk}/bid-invitations/" not in html


def test_a_request_the_vendor_is_invited_to_is_not_offered_again(
    client, bob, outsourcing_request, vendor, bid_invitation
):
    client.force_login(bob)

    response = client.get("/vendors/maple-odds/")

    assert f"/requests/{outsourcing_request.pk}/bid-invitations/" not in response.content.decode()
    assert "it is invited already, or proposals are closed" in text(response)


def test_the_button_invites_and_comes_back_to_the_profile(
    client, bob, outsourcing_request, other_vendor
):
    client.force_login(bob)

    response = client.post(
        f"/requests/{outsourcing_request.pk}/bid-invitations/",
        {"vendor": other_vendor.pk, "next": PROFILE},
        follow=True,
    )

    assert response.redirect_chain[0] == (PROFILE, 302)
    assert "Northern Lights is invited to propose." in text(response)
    assert BidInvitation.objects.get().vendor == other_vendor


@pytest.mark.parametrize("user", [None, "charlie", "vera", "una", "staff"])
def test_nobody_outside_a_company_sees_the_form(
    client, request, outsourcing_request, other_vendor, user
):
    if user:
        client.force_login(request.getfixturevalue(user))

    response = client.get(PROFILE)

    assert response.status_code == 200
    assert "bid-invitations" not in response.content.decode()


def test_another_companys_member_sees_only_their_own_requests(
    client, olga, outsourcing_request, other_vendor
):
    client.force_login(olga)

    response = client.get(PROFILE)

    assert f"/requests/{outsourcing_request.pk}/" not in response.content.decode()
    assert "None of your company's published requests is open" in text(response)
