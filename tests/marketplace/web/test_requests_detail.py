"""/requests/<id>/: the request, publishing it, and its ranked vendors with the reasons; the
match section (/requests/<id>/matches/) polls itself while a run is queued or running."""

from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.models import MatchRun, OutsourcingRequest
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
    request = OutsourcingRequestFactory(company=company, title="Casa de apuestas", speaks_en=True)
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    return request


@pytest.fixture
def published(alice, draft):
    request_publish(request=draft, actor=alice)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def matched(published):
    """Northern Odds is a strong match (score 60 or more), Fraser Digital a weak one, and
    Gaspé Logiciel, speaking only French, is left out."""
    expert = VendorFactory(
        name="Northern Odds",
        slug="northern-odds",
        hourly_rate_min=Decimal("30"),
        hourly_rate_max=Decimal("60"),
    )
    expert.skills.set([skill("sportsbook")])
    VendorExpertiseFactory(vendor=expert, level=5, years=8)
    VendorFactory(name="Fraser Digital", slug="fraser-digital", speaks_en=False, speaks_es=True)
    VendorFactory(name="Gaspé Logiciel", slug="gaspe-logiciel", speaks_en=False, speaks_fr=True)
    return match_run_execute(run_id=published.match_runs.get().pk)


def detail_url(request) -> str:
    return f"/requests/{request.pk}/"


def matches_url(request) -> str:
    return f"/requests/{request.pk}/matches/"


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.get(detail_url(draft))

    assert response.status_code == 302
    assert "next=" in response.url


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "charlie"])
def test_others_get_404_even_for_a_published_request(client, request, published, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(detail_url(published)).status_code == 404
    assert client.get(matches_url(published)).status_code == 404
    assert client.post(f"/requests/{published.pk}/rematch/").status_code == 404


def test_others_cannot_publish(client, olga, draft):
    client.force_login(olga)

    assert client.post(f"/requests/{draft.pk}/publish/").status_code == 404
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_draft_shows_its_details_and_a_publish_button(client, bob, draft):
    client.force_login(bob)

    response = client.get(detail_url(draft))

    page = text(response)
    assert "Casa de apuestas" in page
    assert "Sports betting" in page
    assert "Publish the request to have vendors ranked for it." in page
    assert f'action="/requests/{draft.pk}/publish/"' in response.content.decode()


def test_publishing_starts_a_ranking(client, bob, draft, django_capture_on_commit_callbacks):
    client.force_login(bob)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/requests/{draft.pk}/publish/", follow=True)

    draft.refresh_from_db()
    assert draft.status == OutsourcingRequest.Status.PUBLISHED
    run = draft.match_runs.get()
    assert run.trigger == MatchRun.Trigger.PUBLISH
    assert run.status == MatchRun.Status.DONE
    assert "The request is published." in text(response)


def test_publishing_twice_shows_the_conflict(client, bob, published):
    client.force_login(bob)

    response = client.post(f"/requests/{published.pk}/publish/", follow=True)

    assert "This request is already published." in text(response)
    assert published.match_runs.count() == 1


def test_a_draft_without_languages_is_not_published(client, bob, draft):
    draft.languages = []
    draft.save()
    client.force_login(bob)

    response = client.post(f"/requests/{draft.pk}/publish/", follow=True)

    assert "Choose at least one working language before publishing." in text(response)
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_ranking_lists_vendors_with_scores_reasons_and_profile_links(client, bob, matched):
    client.force_login(bob)

    response = client.get(detail_url(matched.request))

    html = response.content.decode()
    page = text(response)
    assert 'href="/vendors/northern-odds/"' in html
    best = matched.results.get(rank=1)
    assert f"#1 Northern Odds Score {best.score} of 100" in page
    assert "✓ Level 5 of 5 in Sports betting, 8 years of practice." in page
    assert "✓ Has the skills: Sportsbook." in page
    assert "✗ Does not list: Odds feeds." in page
    assert "Sector expertise" in page
    assert 'hx-trigger="every 2s"' not in html


def test_strong_matches_come_first_and_the_others_on_demand(client, bob, matched):
    client.force_login(bob)

    response = client.get(detail_url(matched.request))

    html = response.content.decode()
    page = text(response)
    assert "1 strong match (score 60 or more)" in page
    assert "Fraser Digital" not in page
    assert "Show 1 more match scoring below 60" in page
    assert 'href="?others=1#others-title"' in html
    assert f'hx-get="/requests/{matched.request.pk}/matches/?others=1"' in html


def test_asking_for_the_others_lists_them_after_the_strong_ones(client, bob, matched):
    client.force_login(bob)

    for url in (detail_url(matched.request), matches_url(matched.request)):
        page = text(client.get(url, {"others": "1"}))

        assert page.index("Northern Odds") < page.index("1 more match scoring below 60")
        assert page.index("1 more match scoring below 60") < page.index("#2 Fraser Digital")
        assert "✗ Does not work in English." in page
        assert "Show 1 more" not in page


def test_inviting_one_of_the_others_comes_back_to_them(client, bob, matched):
    client.force_login(bob)

    html = client.get(detail_url(matched.request), {"others": "1"}).content.decode()

    back = f'name="next" value="/requests/{matched.request.pk}/?others=1#matches"'
    assert html.count(back) == 2


@pytest.mark.parametrize("user", ["olga", "vera"])
def test_others_get_404_for_the_others_too(client, request, matched, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(matches_url(matched.request), {"others": "1"}).status_code == 404


def test_it_says_who_was_left_out_and_why(client, bob, matched):
    client.force_login(bob)

    page = text(client.get(detail_url(matched.request)))

    assert (
        "1 approved vendor was left out for failing a requirement of the request: "
        "1 shares no working language with the request"
    ) in page
    assert "Gaspé Logiciel" not in page


def test_it_names_the_certification_vendors_lack(client, bob, alice, draft):
    draft.required_certifications.set([certification("gli-certified")])
    request_publish(request=draft, actor=alice)
    VendorFactory.create_batch(2)
    run = match_run_execute(run_id=draft.match_runs.get().pk)
    client.force_login(bob)

    page = text(client.get(detail_url(draft)))

    assert run.excluded == 2
    assert "2 approved vendors were left out" in page
    assert "2 lack a required certification: GLI certified" in page
    assert "No approved vendor meets this request's requirements yet." in page


def test_a_run_done_before_exclusions_were_counted_says_nothing_about_them(client, bob, matched):
    MatchRun.objects.filter(pk=matched.pk).update(excluded=None, exclusions=None)
    client.force_login(bob)

    page = text(client.get(detail_url(matched.request)))

    assert "left out" not in page
    assert "Every approved vendor meets" not in page
    assert "Northern Odds" in page


def test_it_says_how_many_met_the_requirements_beyond_the_results_kept(client, bob, matched):
    MatchRun.objects.filter(pk=matched.pk).update(candidates=52)
    client.force_login(bob)

    page = text(client.get(detail_url(matched.request)))

    assert "50 more vendors meet the requirements but rank below the best 50" in page


@pytest.mark.parametrize(
    "language, left_out, beyond",
    [
        ("es-MX", "1,234 proveedores aprobados quedaron fuera", "1,998 proveedores más cumplen"),
        (
            "fr-CA",
            "1\N{NO-BREAK SPACE}234 fournisseurs approuvés ont été exclus",
            "1\N{NO-BREAK SPACE}998 autres fournisseurs remplissent",
        ),
    ],
)
def test_the_counts_left_out_are_grouped_as_the_reader_writes_numbers(
    client, bob, matched, language, left_out, beyond
):
    MatchRun.objects.filter(pk=matched.pk).update(excluded=1234, candidates=2000)
    client.force_login(bob)

    response = client.get(detail_url(matched.request), headers={"accept-language": language})

    page = text(response)
    assert left_out in page
    assert beyond in page


def test_each_signal_shows_against_its_maximum(client, bob, matched):
    client.force_login(bob)

    response = client.get(detail_url(matched.request))

    html = response.content.decode()
    page = text(response)
    best = matched.results.get(rank=1)
    skills = best.breakdown["skills"]
    assert f"Skills {skills:.1f} of 30" in page
    assert f'<meter min="0" max="30.0" value="{skills}"' in html
    assert "Rating 1.5 of 3" in page


def test_the_reasons_follow_the_readers_language(client, bob, matched):
    client.force_login(bob)

    response = client.get(detail_url(matched.request), headers={"accept-language": "es-MX"})

    assert "Nivel 5 de 5 en Apuestas deportivas" in text(response)


@pytest.fixture
def misfiled(alice, company):
    """A betting request filed under "Custom software development", ranked: its skills say
    sports betting, so the run ranked it as such."""
    expert = VendorFactory(name="Northern Odds", slug="northern-odds")
    expert.skills.set([skill("sportsbook")])
    VendorExpertiseFactory(vendor=expert, level=5, years=8)
    request = OutsourcingRequestFactory(
        company=company,
        title="Casa de apuestas deportivas",
        sector=sector("software-development"),
        speaks_en=True,
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    request_publish(request=request, actor=alice)
    run = match_run_execute(run_id=request.match_runs.get().pk)
    assert run.sector == sector("sports-betting")
    return run


RANKED_AS = "Your request reads as Sports betting; ranked as such."


def test_a_request_ranked_as_another_sector_says_so_above_the_matches(client, bob, misfiled):
    client.force_login(bob)

    response = client.get(detail_url(misfiled.request))

    page = text(response)
    assert f"{RANKED_AS} Change the request's sector" in page
    assert page.index("Latest ranking") < page.index(RANKED_AS) < page.index("(score 60 or more)")
    edit = f'<a href="/requests/{misfiled.request.pk}/edit/">Change the request'
    assert edit in response.content.decode()
    # The match section alone (polled, or asked for with the weaker matches) says it too.
    assert RANKED_AS in text(client.get(matches_url(misfiled.request)))


@pytest.mark.parametrize(
    "accept_language, sentence",
    [
        (
            "es-MX,es;q=0.9",
            "Por lo que describe, su solicitud corresponde al sector «Apuestas deportivas»; los "
            "proveedores se clasificaron en consecuencia. Cambiar el sector de la solicitud",
        ),
        (
            "fr-CA,fr;q=0.9",
            "D'après sa description, votre demande relève du secteur «\xa0Paris sportifs\xa0»\u202f; les "
            "fournisseurs ont été classés en conséquence. Changer le secteur de la demande",
        ),
    ],
    ids=["es", "fr"],
)
def test_the_sector_ranked_as_is_said_in_the_readers_language(
    client, bob, misfiled, accept_language, sentence
):
    client.force_login(bob)

    response = client.get(
        detail_url(misfiled.request), headers={"accept-language": accept_language}
    )

    assert sentence in text(response)


def test_a_closed_request_says_how_it_was_ranked_without_offering_to_change_it(
    client, bob, misfiled
):
    OutsourcingRequest.objects.filter(pk=misfiled.request_id).update(
        status=OutsourcingRequest.Status.CANCELLED
    )
    client.force_login(bob)

    page = text(client.get(detail_url(misfiled.request)))

    assert RANKED_AS in page
    assert "Change the request's sector" not in page


def keep_url(request) -> str:
    return f"/requests/{request.pk}/keep-sector/"


def test_the_buyer_keeps_the_filed_sector_and_it_is_ranked_as_such(client, bob, misfiled):
    request = misfiled.request
    client.force_login(bob)
    html = client.get(detail_url(request)).content.decode()
    assert f'<form method="post" action="{keep_url(request)}">' in html
    assert "Keep Custom software development</button>" in html

    response = client.post(keep_url(request), follow=True)

    assert response.redirect_chain == [(detail_url(request), 302)]
    assert "Kept: ranked again as Custom software development." in text(response)
    request.refresh_from_db()
    assert request.sector_confirmed is True
    run = request.match_runs.order_by("-id").first()
    assert (run.trigger, run.status) == (MatchRun.Trigger.EDIT, MatchRun.Status.QUEUED)
    assert match_run_execute(run_id=run.pk).sector == sector("software-development")
    page = text(client.get(detail_url(request)))
    assert "reads as" not in page
    assert "Keep Custom software development" not in page


def test_keeping_the_sector_is_said_in_the_readers_language(client, bob, misfiled):
    client.force_login(bob)

    response = client.post(
        keep_url(misfiled.request), follow=True, headers={"accept-language": "es-MX"}
    )

    assert "Sector conservado: los proveedores se clasifican de nuevo como" in text(response)


@pytest.mark.parametrize("user", ["olga", "vera", "charlie"])
def test_others_cannot_keep_the_sector(client, request, misfiled, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(keep_url(misfiled.request)).status_code == 404
    misfiled.request.refresh_from_db()
    assert misfiled.request.sector_confirmed is False


def test_anonymous_visitors_are_sent_to_log_in_to_keep_the_sector(client, misfiled):
    response = client.post(keep_url(misfiled.request))

    assert response.status_code == 302
    assert "next=" in response.url


def test_keeping_the_sector_takes_a_post_only(client, bob, misfiled):
    client.force_login(bob)

    assert client.get(keep_url(misfiled.request)).status_code == 405


def test_an_awarded_request_cannot_keep_its_sector(client, bob, misfiled):
    OutsourcingRequest.objects.filter(pk=misfiled.request_id).update(
        status=OutsourcingRequest.Status.AWARDED, closed_at=timezone.now()
    )
    client.force_login(bob)

    page = text(client.get(detail_url(misfiled.request)))
    assert "Keep Custom software development" not in page
    response = client.post(keep_url(misfiled.request), follow=True)

    assert "This request is awarded; it can no longer change." in text(response)
    misfiled.request.refresh_from_db()
    assert misfiled.request.sector_confirmed is False
    assert misfiled.request.match_runs.count() == 1


def test_a_run_ranked_as_the_filed_sector_says_nothing_of_it(client, bob, matched):
    assert matched.sector == matched.request.sector
    client.force_login(bob)

    assert "reads as" not in text(client.get(detail_url(matched.request)))


def test_a_run_from_before_runs_kept_their_sector_says_nothing_of_it(client, bob, misfiled):
    MatchRun.objects.filter(pk=misfiled.pk).update(sector=None)
    client.force_login(bob)

    assert "reads as" not in text(client.get(detail_url(misfiled.request)))


def test_the_match_section_polls_while_the_run_is_queued(client, bob, published):
    client.force_login(bob)

    response = client.get(matches_url(published))

    html = response.content.decode()
    assert html.lstrip().startswith("<section")
    assert "<html" not in html
    assert f'hx-get="/requests/{published.pk}/matches/"' in html
    assert 'hx-trigger="every 2s"' in html
    assert "Queued" in text(response)
    assert 'hx-trigger="every 2s"' in client.get(detail_url(published)).content.decode()


def test_polling_keeps_the_others_shown_once_the_buyer_asked_for_them(client, bob, matched):
    MatchRun.objects.create(request=matched.request, trigger=MatchRun.Trigger.REMATCH)
    client.force_login(bob)

    response = client.get(matches_url(matched.request), {"others": "1"})

    html = response.content.decode()
    assert f'hx-get="/requests/{matched.request.pk}/matches/?others=1"' in html
    assert 'hx-trigger="every 2s"' in html
    assert "Fraser Digital" in text(response)
    back = f'name="next" value="/requests/{matched.request.pk}/?others=1#matches"'
    assert html.count(back) == 2


def test_the_match_section_stops_polling_once_the_run_is_done(client, bob, matched):
    client.force_login(bob)

    response = client.get(matches_url(matched.request))

    assert 'hx-trigger="every 2s"' not in response.content.decode()
    assert "Northern Odds" in text(response)


def test_a_failed_run_tells_the_company_to_try_later_and_stops_polling(client, bob, published):
    published.match_runs.update(
        status=MatchRun.Status.FAILED, error="OperationalError: the database went away"
    )
    client.force_login(bob)

    response = client.get(matches_url(published))

    page = text(response)
    assert 'hx-trigger="every 2s"' not in response.content.decode()
    assert (
        "The ranking could not be completed. Norte's staff can see what went wrong; "
        "please try ranking again later." in page
    )
    assert "OperationalError" not in page
    assert "database" not in page


def test_staff_see_why_a_run_failed(client, staff, published):
    published.match_runs.update(
        status=MatchRun.Status.FAILED, error="OperationalError: the database went away"
    )
    client.force_login(staff)

    page = text(client.get(matches_url(published)))

    assert "The ranking could not be completed. OperationalError: the database went away" in page


def test_the_failure_sentence_follows_the_readers_language(client, bob, published):
    published.match_runs.update(status=MatchRun.Status.FAILED, error="OperationalError: gone")
    client.force_login(bob)

    response = client.get(matches_url(published), headers={"accept-language": "es-MX"})

    assert "intente clasificar de nuevo más tarde" in text(response)


def test_rematch_queues_a_new_run_and_keeps_the_last_ranking(client, bob, matched):
    client.force_login(bob)

    response = client.post(f"/requests/{matched.request.pk}/rematch/", follow=True)

    assert "Norte is ranking vendors again." in text(response)
    latest = matched.request.match_runs.order_by("-id").first()
    assert latest.trigger == MatchRun.Trigger.REMATCH
    assert latest.status == MatchRun.Status.QUEUED
    html = response.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert 'href="/vendors/northern-odds/"' in html


def test_rematches_from_the_page_share_the_apis_rate(client, api, bob, matched, rates):
    rates(rematch="2/minute")
    client.force_login(bob)
    api(bob).post(f"/api/v1/requests/{matched.request.pk}/rematch/")
    client.post(f"/requests/{matched.request.pk}/rematch/")
    runs = matched.request.match_runs.count()

    response = client.post(f"/requests/{matched.request.pk}/rematch/")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests from you in a short time." in text(response)
    assert matched.request.match_runs.count() == runs
