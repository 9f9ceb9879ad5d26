"""/vendor/, the tender part of a vendor's desk: its bid invitations (awaiting an answer first)
with Accept and Decline, its proposals with their outcome and the company's reason, its active
engagements."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation
from tests.factories import OutsourcingRequestFactory
from tests.marketplace.web.pages import text

URL = "/vendor/"


@pytest.fixture
def answered_invitation(company, vendor, alice, vera):
    """An older invitation Maple Odds already accepted, to another request."""
    earlier = OutsourcingRequestFactory(
        company=company,
        title="Bóveda de momios",
        status="published",
        published_at=timezone.now() - timedelta(days=5),
        speaks_en=True,
    )
    invitation = BidInvitation.objects.create(request=earlier, vendor=vendor, invited_by=alice)
    return services.bid_invitation_accept(actor=vera, bid_invitation=invitation)


def html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_vendors_members_see_the_invitation_with_its_company_and_due_date(
    client, request, bid_invitation, user
):
    client.force_login(request.getfixturevalue(user))

    response = client.get(URL)

    page = text(response)
    assert "Invitations to propose" in page
    assert bid_invitation.request.title in page
    assert "Operadora Azteca" in page
    assert "Awaiting an answer" in page
    assert f"/bid-invitations/{bid_invitation.pk}/accept/" in html(response)
    assert f"/bid-invitations/{bid_invitation.pk}/decline/" in html(response)
    assert f"/opportunities/{bid_invitation.request_id}/" in html(response)


def test_invitations_awaiting_an_answer_come_first(
    client, vera, answered_invitation, bid_invitation
):
    # The answered one is older; make it the newest to show the order is by state first.
    BidInvitation.objects.filter(pk=answered_invitation.pk).update(
        created_at=timezone.now() + timedelta(minutes=1)
    )
    client.force_login(vera)

    page = text(client.get(URL))

    assert page.index(bid_invitation.request.title) < page.index("Bóveda de momios")
    assert "Accepted" in page


def test_an_answered_invitation_has_no_buttons(client, vera, answered_invitation):
    client.force_login(vera)

    response = client.get(URL)

    assert f"/bid-invitations/{answered_invitation.pk}/accept/" not in html(response)


def test_a_suspended_vendor_sees_its_invitations_but_cannot_answer_them(
    client, vera, bid_invitation, suspended
):
    client.force_login(vera)

    response = client.get(URL)

    page = text(response)
    assert bid_invitation.request.title in page
    assert "While your vendor is not approved it cannot answer invitations" in page
    assert "/accept/" not in html(response)
    assert f"/opportunities/{bid_invitation.request_id}/" not in html(response)


def test_a_vendor_without_invitations_is_told_it_can_still_propose_to_open_requests(client, una):
    client.force_login(una)

    page = text(client.get(URL))

    assert "No company has invited your vendor to propose yet." in page
    assert "Your vendor has not proposed yet." in page
    assert "No active engagement." in page


def test_another_vendors_invitations_are_not_listed(client, una, bid_invitation):
    client.force_login(una)

    assert bid_invitation.request.title not in text(client.get(URL))


def test_the_proposal_is_listed_with_its_price_and_status(client, victor, proposal):
    client.force_login(victor)

    page = text(client.get(URL))

    assert "Your proposals" in page
    assert "MXN\xa01,500,000" in page
    assert "Submitted" in page


def test_the_losing_vendor_reads_the_award_reason(
    client, outsourcing_request, proposal, other_vendor, una, alice, proposal_terms
):
    services.bid_invitation_create(
        actor=alice, outsourcing_request=outsourcing_request, vendor=other_vendor
    )
    theirs = services.proposal_submit(
        actor=una, outsourcing_request=outsourcing_request, **proposal_terms
    )
    services.request_award(
        actor=alice,
        outsourcing_request=outsourcing_request,
        proposal=theirs,
        reason="Mejor precio.",
    )
    client.force_login(proposal.submitted_by)

    page = text(client.get(URL))

    assert "Not awarded" in page
    assert (
        "The company chose another vendor's proposal. The company's reason: Mejor precio." in page
    )


def test_the_winner_reads_the_reason_and_finds_its_active_engagement(client, vera, engagement):
    client.force_login(vera)

    page = text(client.get(URL))

    assert "Your proposal won. The company's reason: El mejor plan." in page
    assert "Active engagements" in page
    assert f"{engagement.request.title} · for Operadora Azteca, awarded on" in page


def test_a_cancelled_requests_proposers_read_why(
    client, vera, outsourcing_request, proposal, alice
):
    services.request_cancel(
        actor=alice, outsourcing_request=outsourcing_request, reason="Se canceló el presupuesto."
    )
    client.force_login(vera)

    page = text(client.get(URL))

    assert "Request cancelled" in page
    assert (
        "The company cancelled the request. The company's reason: Se canceló el presupuesto."
        in page
    )


def test_it_speaks_spanish_and_french(client, vera, proposal):
    client.force_login(vera)

    spanish = text(client.get(URL, headers={"accept-language": "es-MX"}))
    french = text(client.get(URL, headers={"accept-language": "fr-CA"}))

    assert "Sus propuestas" in spanish
    assert "Vos propositions" in french


def test_the_desk_takes_a_fixed_number_of_queries(
    client, vera, vendor, company, alice, bid_invitation, proposal, django_assert_max_num_queries
):
    for n in range(5):
        other = OutsourcingRequestFactory(company=company, title=f"Otra {n}", status="published")
        BidInvitation.objects.create(request=other, vendor=vendor, invited_by=alice)
    client.force_login(vera)

    with django_assert_max_num_queries(16):
        client.get(URL)
