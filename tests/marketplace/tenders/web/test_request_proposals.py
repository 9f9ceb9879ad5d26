"""/requests/<id>/proposals/: the proposals side by side (prices in the request's currency and in
CAD, duration, team, match score and reasons, rating, answer time), shortlisting
(/proposals/<id>/shortlist/) and the award form (/requests/<id>/award/, owners)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.models import OutsourcingRequest, Vendor
from marketplace.tenders import services
from marketplace.tenders.models import Engagement, Proposal
from tests.marketplace.web.pages import text

from ..rankings import ranking


@pytest.fixture
def second(outsourcing_request, other_vendor, alice, una, proposal_terms):
    """Northern Lights, invited too, proposes in US dollars."""
    invitation = services.bid_invitation_create(
        actor=alice, outsourcing_request=outsourcing_request, vendor=other_vendor
    )
    services.bid_invitation_accept(actor=una, bid_invitation=invitation)
    return services.proposal_submit(
        actor=una,
        outsourcing_request=outsourcing_request,
        **{**proposal_terms, "price": Decimal("100000"), "currency": "USD", "team_size": 3},
    )


@pytest.fixture
def compared(outsourcing_request, vendor, other_vendor, proposal, second, exchange_rates):
    ranking(outsourcing_request, [vendor, other_vendor])
    Vendor.objects.filter(pk=vendor.pk).update(review_count=2, review_rating_total=9)
    return outsourcing_request


def plain(response) -> str:
    """The page's text with the no-break spaces that keep an amount together as plain ones."""
    return text(response).replace("\N{NO-BREAK SPACE}", " ")


def url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/proposals/"


def award_url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/award/"


def shortlist_url(proposal) -> str:
    return f"/proposals/{proposal.pk}/shortlist/"


def test_anonymous_visitors_are_sent_to_log_in(client, outsourcing_request, proposal):
    for response in (
        client.get(url(outsourcing_request)),
        client.post(shortlist_url(proposal)),
        client.post(award_url(outsourcing_request), {"proposal": proposal.pk, "reason": "x"}),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "una", "charlie"])
def test_other_companies_and_vendors_get_404(client, request, outsourcing_request, proposal, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(outsourcing_request)).status_code == 404
    assert client.post(shortlist_url(proposal)).status_code == 404
    award = {"proposal": proposal.pk, "reason": "Mine."}
    assert client.post(award_url(outsourcing_request), award).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert not Engagement.objects.exists()


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_company_compares_the_proposals_side_by_side(client, request, compared, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(compared))

    assert response.status_code == 200
    page = plain(response)
    assert "Maple Odds Submitted Northern Lights Submitted" in page
    assert "Price MXN 1,500,000 USD 100,000" in page
    # 100,000 USD × 1.36 = 136,000 CAD = 1,813,333.33 MXN at 0.075 CAD per peso.
    assert "In MXN MXN 1,500,000 MXN 1,813,333.33" in page
    assert "In CAD CAD 112,500 CAD 136,000" in page
    assert "Duration 20 weeks 20 weeks" in page
    assert "Team size 5 people 3 people" in page
    assert "Match score Score 90.0 of 100 Score 85.0 of 100" in page
    assert "✓ Works in Spanish." in page
    # Two reviews totalling 9 stars, pulled towards 3 by five phantom ones: 24 / 7.
    assert "Rating 3.4 of 5 from 2 reviews No reviews yet" in page
    assert "Median time to answer an invitation No answers yet under an hour" in page
    assert "How Maple Odds would do it" in page
    assert "Odds feed live, week 8 · MXN 500,000" in page


def test_withdrawn_proposals_are_listed_apart(client, bob, compared, second, una):
    services.proposal_withdraw(actor=una, proposal=second)
    client.force_login(bob)

    page = plain(client.get(url(compared)))

    assert "Maple Odds Submitted Price" in page
    assert "Withdrawn Northern Lights · USD 100,000" in page


def test_without_proposals_it_says_so(client, bob, outsourcing_request):
    client.force_login(bob)

    page = text(client.get(url(outsourcing_request)))

    assert "No proposal yet." in page
    assert "There is no proposal to award yet." not in page  # Bob is no owner


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_a_member_shortlists_and_the_vendor_is_told(client, request, compared, proposal, user):
    client.force_login(request.getfixturevalue(user))

    response = client.post(shortlist_url(proposal), follow=True)

    assert response.redirect_chain[0] == (f"{url(compared)}#proposal-{proposal.pk}", 302)
    page = text(response)
    assert "The proposal of Maple Odds is shortlisted; the vendor is told." in page
    assert "Maple Odds Shortlisted Northern Lights Submitted" in page
    proposal.refresh_from_db()
    assert proposal.is_shortlisted


def test_shortlisting_twice_shows_the_refusal(client, bob, compared, proposal):
    client.force_login(bob)
    client.post(shortlist_url(proposal))

    response = client.post(shortlist_url(proposal), follow=True)

    assert "Only a submitted proposal can be shortlisted; this one is shortlisted." in text(
        response
    )


def test_owners_get_the_award_form_and_members_read_why_not(client, alice, bob, compared):
    client.force_login(alice)
    owner = client.get(url(compared)).content.decode()
    client.force_login(bob)
    member = client.get(url(compared))

    assert f'action="/requests/{compared.pk}/award/"' in owner
    assert 'name="reason"' in owner
    assert f'action="/requests/{compared.pk}/award/"' not in member.content.decode()
    assert "Only the company's owners award its requests." in text(member)


def test_a_member_posting_an_award_gets_403_and_nothing_changes(client, bob, compared, proposal):
    client.force_login(bob)

    response = client.post(award_url(compared), {"proposal": proposal.pk, "reason": "Best."})

    assert response.status_code == 403
    compared.refresh_from_db()
    assert compared.is_published
    assert not Engagement.objects.exists()


def test_the_owner_awards_with_a_reason_and_lands_on_the_engagement(
    client, alice, compared, proposal, second
):
    client.force_login(alice)

    response = client.post(
        award_url(compared), {"proposal": proposal.pk, "reason": "Best odds feed."}, follow=True
    )

    engagement = Engagement.objects.get()
    assert response.redirect_chain[0] == (f"/engagements/{engagement.pk}/", 302)
    assert "The request is awarded to Maple Odds." in text(response)
    compared.refresh_from_db()
    second.refresh_from_db()
    assert compared.status == OutsourcingRequest.Status.AWARDED
    assert second.status == Proposal.Status.NOT_AWARDED
    assert second.outcome_reason == "Best odds feed."


def test_after_the_award_the_page_shows_the_outcome_not_the_form(client, alice, compared, proposal):
    services.request_award(
        actor=alice, outsourcing_request=compared, proposal=proposal, reason="Best odds feed."
    )
    client.force_login(alice)

    response = client.get(url(compared))

    page = text(response)
    assert "Awarded to Maple Odds. Reason: Best odds feed." in page
    assert "Maple Odds Awarded Northern Lights Not awarded" in page
    html = response.content.decode()
    assert f'href="/engagements/{Engagement.objects.get().pk}/"' in html
    assert "/award/" not in html
    assert "/shortlist/" not in html


def test_an_award_without_a_reason_says_what_to_write(client, alice, compared, proposal):
    client.force_login(alice)

    response = client.post(award_url(compared), {"proposal": proposal.pk, "reason": "  "})

    assert response.status_code == 200
    assert response.context["award_form"].errors["reason"] == ["Say why this proposal wins."]
    assert not Engagement.objects.exists()


def test_only_a_live_proposal_of_this_request_can_be_chosen(client, alice, compared, second, una):
    services.proposal_withdraw(actor=una, proposal=second)
    client.force_login(alice)

    response = client.post(award_url(compared), {"proposal": second.pk, "reason": "Cheap."})

    assert "Select a valid choice." in response.context["award_form"].errors["proposal"][0]
    assert not Engagement.objects.exists()


def test_awarding_while_an_invited_vendor_may_still_propose_is_refused_and_keeps_the_reason(
    client, alice, outsourcing_request, proposal, other_vendor
):
    services.bid_invitation_create(
        actor=alice, outsourcing_request=outsourcing_request, vendor=other_vendor
    )
    client.force_login(alice)

    response = client.post(
        award_url(outsourcing_request), {"proposal": proposal.pk, "reason": "Fast team."}
    )

    assert response.status_code == 200
    assert "vendors may still propose; award after that" in text(response)
    assert "Fast team.</textarea>" in response.content.decode()
    outsourcing_request.refresh_from_db()
    assert outsourcing_request.is_published


def test_after_the_deadline_the_owner_awards_even_with_vendors_silent(
    client, alice, outsourcing_request, proposal, other_vendor
):
    services.bid_invitation_create(
        actor=alice, outsourcing_request=outsourcing_request, vendor=other_vendor
    )
    outsourcing_request.proposals_due = timezone.now() - timedelta(hours=1)
    outsourcing_request.save()
    client.force_login(alice)

    response = client.post(
        award_url(outsourcing_request), {"proposal": proposal.pk, "reason": "Fast team."}
    )

    assert response.status_code == 302
    assert Engagement.objects.get().vendor == proposal.vendor


@pytest.mark.parametrize(
    ("language", "heading", "price"),
    [
        ("es-MX", "Propuestas lado a lado", "En CAD"),
        ("fr-CA", "Propositions côte à côte", "En CAD"),
    ],
)
def test_the_comparison_reads_in_the_readers_language(
    client, alice, compared, language, heading, price
):
    client.force_login(alice)

    page = text(client.get(url(compared), headers={"accept-language": language}))

    assert heading in page
    assert price in page
    assert "Proposals side by side" not in page


def test_the_403_page_says_who_may_award_in_the_readers_language(client, bob, compared, proposal):
    client.force_login(bob)

    response = client.post(
        award_url(compared),
        {"proposal": proposal.pk, "reason": "Mejor."},
        HTTP_ACCEPT_LANGUAGE="es-MX",
    )

    assert response.status_code == 403
    assert "No permitido" in text(response)
    assert "Only the company's owners award its requests." not in text(response)
