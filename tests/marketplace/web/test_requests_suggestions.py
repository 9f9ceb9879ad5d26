"""POST /requests/suggestions/: what the request form's text reads as so far — another sector
than the one chosen, skills it mentions that are not ticked — for htmx to swap in beside the
sector as the buyer types; and the form's pages, which say it on load too."""

import re

import pytest

from tests.factories import OutsourcingRequestFactory, sector, skill

from .pages import text

URL = "/requests/suggestions/"
HTMX = {"hx-request": "true"}
# Read by today's lexicon as the sportsbook and odds-feeds skills, both of sports betting.
BETTING = "Casa de apuestas deportivas con momios en vivo"


@pytest.fixture
def typed(db):
    """A buyer's form so far: a betting text under "Custom software development"."""
    return {
        "title": BETTING,
        "description": "Buscamos un equipo.",
        "sector": sector("software-development").pk,
        "skills": [],
        # The rest of the request form, which htmx posts too.
        "budget_min": "1000000",
        "currency": "MXN",
    }


def suggest(client, data, **headers):
    response = client.post(URL, data, headers={**HTMX, **headers})
    assert response.status_code == 200
    return response


def test_anonymous_visitors_are_sent_to_log_in(client, typed):
    response = client.post(URL, typed)

    assert response.status_code == 302
    assert f"next={URL}" in response.url


@pytest.mark.parametrize("user", ["vera", "charlie"])
def test_people_outside_any_company_get_404(client, request, typed, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(URL, typed).status_code == 404


def test_it_only_answers_posts(client, bob, typed):
    client.force_login(bob)

    assert client.get(URL, typed).status_code == 405


def test_a_text_about_another_sector_suggests_it_with_a_button_that_sets_it(client, bob, typed):
    client.force_login(bob)

    response = suggest(client, typed)

    html = response.content.decode()
    assert "Your request reads as Sports betting." in text(response)
    button = re.search(r"<button [^>]*>Use this sector</button>", html).group(0)
    assert 'data-suggest-field="sector"' in button
    assert f'data-suggest-value="{sector("sports-betting").pk}"' in button
    # htmx's answers come only with the script: their buttons show at once.
    assert "hidden" not in button
    # Only the suggestions: swapping fields in would wipe what is being typed.
    assert "<html" not in html
    assert "<input" not in html and "<textarea" not in html and "<select" not in html


def test_beside_another_sector_a_button_keeps_the_chosen_one(client, bob, typed):
    client.force_login(bob)

    html = suggest(client, typed).content.decode()

    button = re.search(r"<button [^>]*>Keep Custom software development</button>", html).group(0)
    assert 'data-suggest-field="sector_confirmed"' in button
    assert 'data-suggest-value="on"' in button


def test_a_sector_the_buyer_keeps_is_not_suggested_away_from(client, bob, typed):
    client.force_login(bob)

    page = text(suggest(client, {**typed, "sector_confirmed": "on"}))

    assert "reads as" not in page
    assert "Keep " not in page
    assert "Your text mentions:" in page  # the skills are still suggested


def test_the_skills_the_text_mentions_are_suggested_each_with_a_button_that_ticks_it(
    client, bob, typed
):
    client.force_login(bob)

    response = suggest(client, typed)

    # Weightiest first; these two weigh the same, so either may come first.
    named = re.search(r"Your text mentions: ([^.]+)\.", text(response)).group(1)
    assert sorted(named.split(", ")) == ["Odds feeds", "Sportsbook"]
    html = response.content.decode()
    for slug in ("odds-feeds", "sportsbook"):
        button = re.search(rf'<button [^>]*id="suggest-skill-{slug}"[^>]*>', html).group(0)
        assert 'data-suggest-field="skills"' in button
        assert f'data-suggest-value="{skill(slug).pk}"' in button
    added = re.findall(r">(Add [^<]+)</button>", html)
    assert sorted(added) == ["Add Odds feeds", "Add Sportsbook"]


def test_a_ticked_skill_is_no_longer_suggested(client, bob, typed):
    client.force_login(bob)

    response = suggest(client, {**typed, "skills": [skill("sportsbook").pk]})

    page = text(response)
    assert "Your text mentions: Odds feeds." in page
    assert "Add Sportsbook" not in page


def test_nothing_is_suggested_once_the_sector_and_skills_are_chosen(client, bob, typed):
    client.force_login(bob)
    chosen = {
        "sector": sector("sports-betting").pk,
        "skills": [skill("sportsbook").pk, skill("odds-feeds").pk],
    }

    assert text(suggest(client, {**typed, **chosen})) == ""


def test_a_text_read_as_no_skill_suggests_nothing(client, bob, typed):
    client.force_login(bob)

    assert text(suggest(client, {**typed, "title": "Un equipo", "description": ""})) == ""


@pytest.mark.parametrize(
    "bad",
    [
        {"sector": "not-a-sector"},
        {"sector": "999999"},
        {"skills": ["sportsbook"]},
        {"skills": ["999999"]},
        {"title": BETTING + "x" * 200},
        {"description": BETTING + " " + "x" * 5000},
        {"description": BETTING + "\x00"},
    ],
    ids=["sector", "unknown-sector", "skill", "unknown-skill", "long-title", "long-text", "nul"],
)
def test_input_no_form_sends_is_read_as_nothing(client, bob, typed, bad):
    client.force_login(bob)

    assert text(suggest(client, {**typed, **bad})) == ""


def test_half_a_form_is_still_read(client, bob):
    client.force_login(bob)

    response = suggest(client, {"description": BETTING})

    # No sector chosen yet: the one the text reads as is offered.
    assert "Your request reads as Sports betting." in text(response)


def test_staff_editing_a_companys_request_get_suggestions_too(client, staff, typed):
    client.force_login(staff)

    assert "Your request reads as Sports betting." in text(suggest(client, typed))


@pytest.mark.parametrize(
    "accept_language, sentences",
    [
        (
            "es-MX,es;q=0.9",
            [
                "Por lo que describe, su solicitud corresponde al sector «Apuestas deportivas».",
                "Usar este sector",
                "Su texto menciona: Momios en vivo.",
                "Agregar Momios en vivo",
            ],
        ),
        (
            "fr-CA,fr;q=0.9",
            [
                "D'après sa description, votre demande relève du secteur «\xa0Paris sportifs\xa0».",
                "Choisir ce secteur",
                "Votre texte mentionne : Flux de cotes.",
                "Ajouter Flux de cotes",
            ],
        ),
    ],
    ids=["es", "fr"],
)
def test_the_suggestions_are_in_the_readers_language(
    client, bob, typed, accept_language, sentences
):
    client.force_login(bob)

    ticked = {**typed, "skills": [skill("sportsbook").pk]}

    page = text(suggest(client, ticked, **{"accept-language": accept_language}))

    for sentence in sentences:
        assert sentence in page


def test_the_form_asks_for_suggestions_as_the_buyer_types(client, bob):
    client.force_login(bob)

    html = client.get("/requests/new/").content.decode()

    region = re.search(r'<div id="request-suggestions"[^>]*>', html).group(0)
    assert 'aria-live="polite"' in region
    assert 'hx-post="/requests/suggestions/"' in region
    for trigger in (
        "input changed delay:600ms from:#id_title",
        "input changed delay:600ms from:#id_description",
        "change from:#id_sector",
        "change from:#id_sector_confirmed",
        "change from:#id_skills",
    ):
        assert trigger in region
    # The form still checks itself on change, its errors swapped in out of band.
    assert 'hx-post="/requests/validate/" hx-trigger="change" hx-swap="none"' in html


def test_the_edit_page_says_on_load_what_the_saved_request_reads_as(client, bob, company):
    draft = OutsourcingRequestFactory(
        company=company, title=BETTING, sector=sector("software-development")
    )
    draft.skills.set([skill("odds-feeds")])
    client.force_login(bob)

    response = client.get(f"/requests/{draft.pk}/edit/")

    page = text(response)
    assert "Your request reads as Sports betting." in page
    assert "Your text mentions: Sportsbook." in page
    # Without the script its buttons would do nothing: the page hides them until it runs.
    html = response.content.decode()
    assert re.search(r"<button [^>]*hidden>Use this sector</button>", html)
    assert re.search(r"<button [^>]*hidden>Add Sportsbook</button>", html)


def test_a_refused_submit_still_says_what_the_text_reads_as(client, bob, typed):
    client.force_login(bob)

    response = client.post("/requests/new/", {**typed, "team_size": "-3"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Your request reads as Sports betting." in text(response)


def test_a_new_form_suggests_nothing_yet(client, bob):
    client.force_login(bob)

    html = client.get("/requests/new/").content.decode()

    assert "Your request reads as" not in html
    assert "data-suggest-field" not in html


def test_typing_faster_than_the_rate_is_told_to_wait(client, bob, typed, rates):
    rates(suggestions="2/minute")
    client.force_login(bob)
    suggest(client, typed)
    suggest(client, typed)

    response = client.post(URL, typed, headers=HTMX)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
