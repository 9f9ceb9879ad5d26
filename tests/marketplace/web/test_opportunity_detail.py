"""/opportunities/<id>/: a published request as an approved vendor's members read it, with what
their listing covers. Drafts, other people and vendors not approved get 404."""

from datetime import date

import pytest
from django.utils import formats

from marketplace.models import OutsourcingRequest
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish
from tests.factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    certification,
    sector,
    skill,
)

from .pages import text


@pytest.fixture
def draft(company):
    request = OutsourcingRequestFactory(
        company=company, title="Casa de apuestas", speaks_en=True, speaks_es=True
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    request.required_certifications.set([certification("gli-certified")])
    return request


@pytest.fixture
def published(alice, draft):
    request_publish(request=draft, actor=alice)
    return draft


def url(request) -> str:
    return f"/opportunities/{request.pk}/"


def test_anonymous_visitors_are_sent_to_log_in(client, published):
    assert client.get(url(published)).url == f"/accounts/login/?next={url(published)}"


@pytest.mark.parametrize("user", ["alice", "olga", "charlie", "staff", "pablo"])
def test_people_other_than_approved_vendors_get_404(client, request, published, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(published)).status_code == 404


def test_a_draft_is_not_found_even_by_an_approved_vendor(client, vera, draft):
    client.force_login(vera)

    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_an_approved_vendors_members_read_the_request_and_how_they_fit(
    client, request, vendor, published, user
):
    vendor.skills.set([skill("sportsbook")])
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(published))

    page = text(response)
    assert response.status_code == 200
    assert "Casa de apuestas" in page
    assert "Operadora Azteca, Jalisco" in page
    assert "Sportsbook: in your listing" in page
    assert "Odds feeds: not in your listing" in page
    assert "GLI certified: missing from your listing" in page
    assert "You share a working language with this company." in page


def test_a_held_certification_shows_as_held(client, vera, vendor, published):
    vendor.certifications.set([certification("gli-certified")])
    client.force_login(vera)

    assert "GLI certified: you hold it" in text(client.get(url(published)))


def test_it_speaks_french_to_a_quebec_browser(client, vera, published):
    client.force_login(vera)

    page = text(client.get(url(published), headers={"accept-language": "fr-CA"}))

    assert "Comment votre fiche correspond" in page


@pytest.fixture
def ranked(published, vendor):
    return rank_with_a_rival(published, vendor)


def rank_with_a_rival(published, vendor):
    """Maple Odds (Vera's) and Boreal Bets both hold the certification and are ranked; Boreal
    Bets, with level-5 expertise and both skills, ranks first."""
    gli = certification("gli-certified")
    vendor.certifications.set([gli])
    vendor.skills.set([skill("sportsbook")])
    VendorExpertiseFactory(vendor=vendor, level=3, years=2)
    rival = VendorFactory(name="Boreal Bets", slug="boreal-bets")
    rival.certifications.set([gli])
    rival.skills.set([skill("sportsbook"), skill("odds-feeds")])
    VendorExpertiseFactory(vendor=rival, level=5, years=12)
    return match_run_execute(run_id=published.match_runs.get().pk)


def test_a_ranked_vendor_reads_its_own_score_and_reasons_as_the_company_does(
    client, vera, bob, vendor, ranked
):
    own = ranked.results.get(vendor=vendor)
    client.force_login(vera)

    response = client.get(url(ranked.request))

    page = text(response)
    assert f"Norte scores your vendor {own.score} of 100 for this request." in page
    assert "✓ Level 3 of 5 in Sports betting, 2 years of practice." in page
    assert "✓ Has the skills: Sportsbook." in page
    assert "✗ Does not list: Odds feeds." in page
    assert f"Skills {own.breakdown['skills']:.1f} of 30" in page
    client.force_login(bob)
    company_page = text(client.get(f"/requests/{ranked.request.pk}/", {"others": "1"}))
    for sentence in ("✓ Has the skills: Sportsbook.", "✗ Does not list: Odds feeds."):
        assert sentence in company_page


def test_a_vendor_never_sees_another_vendors_score_reasons_or_its_own_rank(
    client, vera, vendor, ranked
):
    rival = ranked.results.get(vendor__slug="boreal-bets")
    own = ranked.results.get(vendor=vendor)
    client.force_login(vera)

    response = client.get(url(ranked.request))

    html = response.content.decode()
    page = text(response)
    assert "Boreal Bets" not in page
    assert "boreal-bets" not in html
    assert "Level 5 of 5" not in page
    assert f"{rival.score} of 100" not in page
    assert f"#{own.rank}" not in page


def test_a_vendor_the_ranking_did_not_keep_is_told_it_is_not_ranked(
    client, vera, vendor, published
):
    match_run_execute(run_id=published.match_runs.get().pk)  # Maple Odds lacks the certification
    client.force_login(vera)

    page = text(client.get(url(published)))

    assert "Not ranked for this request." in page
    assert "does not list your vendor" in page
    assert "GLI certified: missing from your listing" in page
    assert "Norte scores your vendor" not in page


def test_before_the_first_ranking_is_done_it_says_so(client, vera, published):
    client.force_login(vera)

    page = text(client.get(url(published)))

    assert "Not ranked for this request." in page
    assert "Norte has not finished ranking vendors for this request yet." in page


def test_another_vendor_gets_404_for_a_request_by_invitation_it_was_not_invited_to(
    client, vera, alice, draft
):
    draft.visibility = OutsourcingRequest.Visibility.INVITATION
    draft.save()
    request_publish(request=draft, actor=alice)
    client.force_login(vera)

    assert client.get(url(draft)).status_code == 404


def test_the_budget_is_also_in_canadian_dollars_dated_and_approximate(client, vera, published):
    client.force_login(vera)

    page = text(client.get(url(published)))

    # The factory's 1,000,000–2,000,000 MXN × 0.075, at the reference rate of 2025-01-01.
    day = formats.date_format(date(2025, 1, 1), "DATE_FORMAT")
    assert (
        f"≈ CAD\N{NO-BREAK SPACE}75,000 to CAD\N{NO-BREAK SPACE}150,000, approximately, "
        f"at the exchange rate of {day}"
    ) in page


def test_the_companys_own_request_page_shows_the_budget_as_quoted(client, alice, published):
    client.force_login(alice)

    assert "≈" not in text(client.get(f"/requests/{published.pk}/"))


def test_a_vendor_reads_that_the_request_was_ranked_as_another_sector(
    client, vera, vendor, published
):
    OutsourcingRequest.objects.filter(pk=published.pk).update(sector=sector("software-development"))
    ranked_run = rank_with_a_rival(published, vendor)
    assert ranked_run.sector.slug == "sports-betting"
    client.force_login(vera)

    page = text(client.get(url(published)))

    assert (
        "The company filed this request under Custom software development, but it reads as "
        "Sports betting: vendors were ranked as for Sports betting."
    ) in page


def test_no_word_of_another_sector_when_the_request_was_ranked_as_filed(
    client, vera, vendor, ranked
):
    client.force_login(vera)

    assert "but it reads as" not in text(client.get(url(ranked.request)))
