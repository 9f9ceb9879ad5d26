"""/requests/new/: a member drafts a request with a form that checks itself as they type."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from marketplace.models import OutsourcingRequest
from tests.factories import sector, skill

from .pages import text


@pytest.fixture
def valid(db):
    return {
        "title": "Casa de apuestas con momios en vivo",
        "description": "Un equipo para construir la plataforma.",
        "sector": sector("sports-betting").pk,
        "skills": [skill("sportsbook").pk, skill("odds-feeds").pk],
        "budget_min": "1000000",
        "budget_max": "2000000",
        "currency": "MXN",
        "team_size": "5",
        "duration_weeks": "20",
        "languages": ["es", "en"],
        "visibility": "open",
        "proposals_due": "",
        "questions_due": "",
    }


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/requests/new/")

    assert response.status_code == 302
    assert "next=/requests/new/" in response.url


@pytest.mark.parametrize("user", ["vera", "charlie"])
def test_people_outside_any_company_get_404(client, request, user, valid):
    client.force_login(request.getfixturevalue(user))

    assert client.get("/requests/new/").status_code == 404
    assert client.post("/requests/new/", valid).status_code == 404
    assert not OutsourcingRequest.objects.exists()


def test_the_form_lists_every_field_with_skills_grouped_by_sector(client, bob):
    client.force_login(bob)

    response = client.get("/requests/new/")

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title", "description", "sector", "budget_min", "budget_max", "currency"):
        assert f'name="{name}"' in html
    for name in ("team_size", "duration_weeks", "languages", "skills", "required_certifications"):
        assert f'name="{name}"' in html
    assert "Sports betting" in text(response)


def test_the_deadlines_are_pickers_in_the_readers_time_zone(client, bob):
    client.force_login(bob)

    response = client.get("/requests/new/")

    html = response.content.decode()
    assert '<input type="datetime-local" name="proposals_due"' in html
    assert '<input type="datetime-local" name="questions_due"' in html
    assert 'type="radio" name="visibility" value="open"' in html
    page = text(response)
    assert "Who may propose" in page
    assert "By invitation only" in page
    assert "Times are in Mexico City time." in page


@pytest.mark.parametrize(
    "language, words",
    [
        ("es-MX", "Las horas están en hora de la Ciudad de México."),
        ("fr-CA", "Les heures sont à l’heure de Mexico."),
    ],
)
def test_the_deadlines_time_zone_is_said_in_the_readers_words(client, bob, language, words):
    client.force_login(bob)

    page = text(client.get("/requests/new/", headers={"accept-language": language}))

    assert words in page
    assert "America/Mexico_City" not in page


def test_the_budget_currency_starts_in_pesos_and_may_be_changed(client, bob, valid):
    client.force_login(bob)

    html = client.get("/requests/new/").content.decode()
    client.post("/requests/new/", {**valid, "currency": "USD"})

    assert '<option value="MXN" selected>' in html
    assert OutsourcingRequest.objects.get().currency == "USD"


def test_a_time_zone_without_words_is_named_as_it_is(client, bob, settings):
    settings.TIME_ZONE = "America/Toronto"
    client.force_login(bob)

    page = text(client.get("/requests/new/"))

    assert "Times are in America/Toronto." in page


def test_a_request_by_invitation_keeps_its_deadlines_in_the_company_time_zone(client, bob, valid):
    client.force_login(bob)

    response = client.post(
        "/requests/new/",
        {
            **valid,
            "visibility": "invitation",
            "proposals_due": "2030-05-04T17:00",
            "questions_due": "2030-04-30T12:30",
        },
    )

    assert response.status_code == 302
    created = OutsourcingRequest.objects.get()
    assert created.visibility == OutsourcingRequest.Visibility.INVITATION
    mexico = ZoneInfo("America/Mexico_City")
    assert created.proposals_due == datetime(2030, 5, 4, 17, 0, tzinfo=mexico)
    assert created.questions_due == datetime(2030, 4, 30, 12, 30, tzinfo=mexico)


def test_questions_closing_after_proposals_are_refused_with_the_models_message(client, bob, valid):
    client.force_login(bob)

    response = client.post(
        "/requests/new/",
        {**valid, "proposals_due": "2030-05-04T17:00", "questions_due": "2030-05-05T09:00"},
    )

    assert response.status_code == 200
    assert "Questions must close no later than proposals." in text(response)
    assert not OutsourcingRequest.objects.exists()


def test_a_member_saves_a_draft(client, bob, company, valid):
    client.force_login(bob)

    response = client.post("/requests/new/", valid)

    created = OutsourcingRequest.objects.get()
    assert response.status_code == 302
    assert response.url == f"/requests/{created.pk}/"
    assert created.company == company
    assert created.author == bob
    assert created.is_draft
    assert created.languages == ["en", "es"]
    assert set(created.skills.values_list("slug", flat=True)) == {"sportsbook", "odds-feeds"}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"budget_min": "3000000"},
            "budget_min",
            "The minimum budget cannot exceed the maximum budget.",
        ),
        ({"currency": "EUR"}, "currency", "Select a valid choice. EUR is not one of"),
        ({"team_size": "0"}, "team_size", "Ensure this value is greater than or equal to 1."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_invalid_input_is_shown_next_to_the_field_and_kept(
    client, bob, valid, overrides, field, message
):
    client.force_login(bob)

    response = client.post("/requests/new/", {**valid, **overrides})

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    html = response.content.decode()
    assert f'aria-describedby="id_{field}_error"' in html
    assert 'value="Casa de apuestas con momios en vivo"' in html or field == "title"
    assert "Un equipo para construir la plataforma." in html
    assert not OutsourcingRequest.objects.exists()


def test_the_validate_view_returns_the_errors_so_far_and_no_field(client, bob):
    client.force_login(bob)

    response = client.post(
        "/requests/validate/",
        {"budget_min": "5000", "budget_max": "100", "title": "Casino", "team_size": "0"},
        headers={"hx-request": "true"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "The minimum budget cannot exceed the maximum budget." in html
    assert (
        '<div id="id_team_size_errors" hx-swap-oob="innerHTML">'
        '<ul class="errorlist" id="id_team_size_error">'
    ) in html
    assert "Ensure this value is greater than or equal to 1." in html
    # Swapping a field in would wipe what the person typed into it meanwhile.
    assert "<input" not in html and "<textarea" not in html and "<select" not in html
    # Fields not filled in yet are not reported as mistakes while the person types.
    assert "This field is required." not in html


def test_every_fields_error_is_reported_at_once_with_the_models_rule(client, bob, valid):
    client.force_login(bob)
    wrong = {"budget_min": "-5", "duration_weeks": "0", "team_size": "-3"}

    response = client.post("/requests/new/", {**valid, **wrong})

    errors = response.context["form"].errors
    assert errors == {
        "budget_min": ["Ensure this value is greater than or equal to 1."],
        "duration_weeks": ["Ensure this value is greater than or equal to 1."],
        "team_size": ["Ensure this value is greater than or equal to 1."],
    }
    assert not OutsourcingRequest.objects.exists()


def summary_links(response) -> list[tuple[str, str]]:
    """The error summary's links: where each leads, and what it says."""
    html = response.content.decode()
    summary = re.search(r'<div class="alert alert--error error-summary".*?</div>', html, re.S)
    assert summary, "no error summary"
    assert 'role="alert" tabindex="-1" autofocus' in summary.group(0)
    return [
        (href, " ".join(unescape(label).split()))
        for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', summary.group(0), re.S)
    ]


def test_a_refused_submit_sums_up_every_error_at_the_top_with_links_to_the_fields(
    client, bob, valid
):
    client.force_login(bob)
    wrong = {"budget_min": "3000000", "team_size": "0", "skills": ["999999"]}

    response = client.post("/requests/new/", {**valid, **wrong})

    assert summary_links(response) == [
        ("#id_budget_min", "Minimum budget: The minimum budget cannot exceed the maximum budget."),
        ("#id_team_size", "Team size: Ensure this value is greater than or equal to 1."),
        (
            "#id_skills_errors",
            "Skills: Select a valid choice. 999999 is not one of the available choices.",
        ),
    ]


def test_the_form_before_any_submit_has_no_error_summary(client, bob):
    client.force_login(bob)

    assert "error-summary" not in client.get("/requests/new/").content.decode()


@pytest.mark.parametrize("team_size", ["-3", "0"])
def test_a_team_below_one_gets_the_same_message_however_far_below(client, bob, valid, team_size):
    client.force_login(bob)

    response = client.post("/requests/new/", {**valid, "team_size": team_size})

    assert response.context["form"].errors["team_size"] == [
        "Ensure this value is greater than or equal to 1."
    ]
    assert 'min="1"' in response.content.decode()


def test_the_team_size_box_asks_for_the_models_bounds_not_the_columns(client, bob):
    client.force_login(bob)

    html = client.get("/requests/new/").content.decode()

    team_size = re.search(r'<input[^>]*name="team_size"[^>]*>', html).group()
    assert 'min="1"' in team_size
    assert "max=" not in team_size


def test_a_team_beyond_what_the_database_stores_is_still_refused(client, bob, valid):
    client.force_login(bob)

    response = client.post("/requests/new/", {**valid, "team_size": str(2**63)})

    assert response.context["form"].errors["team_size"]
    assert not OutsourcingRequest.objects.exists()


def test_the_languages_field_says_publishing_needs_one_while_none_is_ticked(client, bob, valid):
    client.force_login(bob)
    notice = "Choose at least one working language before publishing."

    assert notice in text(client.get("/requests/new/"))
    none = client.post("/requests/validate/", {**valid, "languages": []}).content.decode()
    assert '<div id="id_languages_notice" hx-swap-oob="innerHTML"><p class="notice">' in none
    assert notice in none
    assert notice not in client.post("/requests/validate/", valid).content.decode()


def test_a_draft_without_a_language_is_still_saved(client, bob, valid):
    client.force_login(bob)

    response = client.post("/requests/new/", {**valid, "languages": []})

    assert response.status_code == 302
    assert OutsourcingRequest.objects.get().languages == []


def test_the_form_posts_to_the_validate_view_on_change(client, bob):
    client.force_login(bob)

    html = client.get("/requests/new/").content.decode()

    assert 'hx-post="/requests/validate/"' in html
    assert 'hx-trigger="change"' in html


@pytest.mark.parametrize("user", ["vera", "charlie"])
def test_the_validate_view_is_for_company_members(client, request, db, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post("/requests/validate/", {}).status_code == 404


def test_a_description_over_five_thousand_characters_is_refused_and_nothing_saved(
    client, bob, valid
):
    client.force_login(bob)

    response = client.post("/requests/new/", {**valid, "description": "x" * 10_000})

    assert response.context["form"].errors["description"] == [
        "Ensure this value has at most 5000 characters (it has 10000)."
    ]
    assert 'maxlength="5000"' in response.content.decode()
    assert not OutsourcingRequest.objects.exists()
