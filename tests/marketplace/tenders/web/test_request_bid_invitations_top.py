"""/requests/<id>/bid-invitations/top/ (POST `count`): "invite the top N" from the matches."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import MatchRun
from marketplace.tenders.models import BidInvitation
from tests.factories import VendorFactory
from tests.marketplace.web.pages import text

from ..rankings import ranking


@pytest.fixture
def ranked(outsourcing_request, vendor, other_vendor):
    third = VendorFactory(name="Boreal Bets", speaks_es=True)
    ranking(outsourcing_request, [vendor, other_vendor, third])
    return [vendor, other_vendor, third]


def url(outsourcing_request) -> str:
    return f"/requests/{outsourcing_request.pk}/bid-invitations/top/"


def test_anonymous_visitors_are_sent_to_log_in(client, outsourcing_request, ranked):
    response = client.post(url(outsourcing_request), {"count": 2})

    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize("user", ["olga", "vera", "charlie"])
def test_other_companies_and_vendors_get_404(client, request, outsourcing_request, ranked, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(url(outsourcing_request), {"count": 2}).status_code == 404
    assert not BidInvitation.objects.exists()


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_a_member_invites_the_top_n_and_reads_who(
    client, request, outsourcing_request, ranked, user
):
    client.force_login(request.getfixturevalue(user))

    response = client.post(url(outsourcing_request), {"count": 2}, follow=True)

    assert response.redirect_chain[0] == (f"/requests/{outsourcing_request.pk}/#matches", 302)
    assert "2 vendors are invited to propose: Maple Odds, Northern Lights." in text(response)
    assert {i.vendor for i in BidInvitation.objects.all()} == set(ranked[:2])


def test_the_matches_then_say_invited_with_the_status(client, bob, outsourcing_request, ranked):
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"count": 1}, follow=True)

    page = text(response)
    assert "Maple Odds Score 90.0 of 100 Invited · Awaiting an answer" in page
    assert "Invite to bid : Northern Lights" in page


def test_when_everyone_is_invited_it_says_so(client, bob, outsourcing_request, ranked):
    client.force_login(bob)
    client.post(url(outsourcing_request), {"count": 10})

    response = client.post(url(outsourcing_request), {"count": 3}, follow=True)

    assert "Every ranked vendor that still meets the requirements is invited already." in text(
        response
    )
    assert BidInvitation.objects.count() == 3


@pytest.mark.parametrize("count", ["0", "11", "", "three", "-2"])
def test_a_count_out_of_range_is_refused_with_the_range(
    client, bob, outsourcing_request, ranked, count
):
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"count": count}, follow=True)

    assert "Invite from 1 to 10 vendors at a time." in text(response)
    assert not BidInvitation.objects.exists()


def test_before_any_ranking_it_says_to_wait(client, bob, outsourcing_request):
    ranking(outsourcing_request, [], status=MatchRun.Status.RUNNING)
    client.force_login(bob)

    response = client.post(url(outsourcing_request), {"count": 3}, follow=True)

    assert "Norte has not finished ranking vendors for this request yet" in text(response)


def test_after_the_deadline_nothing_is_offered_nor_done(client, bob, outsourcing_request, ranked):
    outsourcing_request.proposals_due = timezone.now() - timedelta(hours=1)
    outsourcing_request.save()
    client.force_login(bob)

    page = client.get(f"/requests/{outsourcing_request.pk}/").content.decode()
    response = client.post(url(outsourcing_request), {"count": 3}, follow=True)

    assert "bid-invitations/top/" not in page
    assert "Invite to bid" not in page
    assert "Proposals for this request were due on" in text(response)
    assert not BidInvitation.objects.exists()
