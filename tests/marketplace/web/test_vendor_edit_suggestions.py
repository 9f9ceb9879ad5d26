"""POST /vendor/edit/suggestions/: the skills the descriptions being typed on the edit page
mention and the vendor has not ticked, for htmx to swap in as its owner types; and the edit page,
which says on load which of them its saved descriptions mention."""

import re

import pytest

from marketplace.models import Vendor
from marketplace.services.matching.prose import vendor_described_skills_refresh
from tests.factories import skill

from .pages import text

URL = "/vendor/edit/suggestions/"
HTMX = {"hx-request": "true"}
CLOUD = "We run Kubernetes and Terraform for sportsbooks."


@pytest.fixture
def described(vendor):
    """Maple Odds lists the sportsbook skill; its saved description also names two it does
    not list."""
    Vendor.objects.filter(pk=vendor.pk).update(description_en=CLOUD)
    vendor.refresh_from_db()
    vendor.skills.set([skill("sportsbook")])
    vendor_described_skills_refresh(vendor=vendor)
    return vendor


def typed(**overrides) -> dict:
    """The edit form as htmx posts it: the three descriptions and the ticked skills (and the
    rest of the form, which is read for nothing)."""
    return {
        "name": "Maple Odds",
        "description_en": CLOUD,
        "description_fr": "",
        "description_es": "",
        "skills": [skill("sportsbook").pk],
        "expertise-TOTAL_FORMS": "2",
        **overrides,
    }


def suggest(client, data, **headers):
    response = client.post(URL, data, headers={**HTMX, **headers})
    assert response.status_code == 200
    return response


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.post(URL, typed()).url == f"/accounts/login/?next={URL}"


@pytest.mark.parametrize("user", ["alice", "charlie", "staff"])
def test_people_outside_a_vendor_get_404(client, request, db, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(URL, typed()).status_code == 404


def test_a_member_who_is_not_an_owner_gets_403(client, victor):
    client.force_login(victor)

    assert client.post(URL, typed()).status_code == 403


def test_it_only_answers_posts(client, vera):
    client.force_login(vera)

    assert client.get(URL).status_code == 405


def test_the_skills_the_descriptions_mention_and_are_not_ticked_are_suggested(client, vera):
    client.force_login(vera)

    response = suggest(client, typed())

    assert "Your description mentions Kubernetes, Terraform — add them as skills?" in text(response)
    html = response.content.decode()
    assert re.findall(r">(Add [^<]+)</button>", html) == ["Add Kubernetes", "Add Terraform"]
    button = re.search(r'<button [^>]*id="suggest-skill-kubernetes"[^>]*>', html).group(0)
    assert 'data-suggest-field="skills"' in button
    assert f'data-suggest-value="{skill("kubernetes").pk}"' in button
    assert "hidden" not in button
    assert "<input" not in html and "<textarea" not in html


def test_a_skill_ticked_meanwhile_is_no_longer_suggested(client, vera):
    client.force_login(vera)
    ticked = [skill("sportsbook").pk, skill("kubernetes").pk]

    page = text(suggest(client, typed(skills=ticked)))

    assert "Your description mentions Terraform — add it as a skill?" in page
    assert "Add Kubernetes" not in page


def test_each_languages_description_is_read(client, vera):
    client.force_login(vera)

    page = text(
        suggest(
            client,
            typed(description_en="", description_es="Operamos Kubernetes.", skills=[]),
        )
    )

    assert "Your description mentions Kubernetes — add it as a skill?" in page


def test_descriptions_naming_no_skill_suggest_nothing(client, vera):
    client.force_login(vera)

    assert text(suggest(client, typed(description_en="We are a friendly team."))) == ""


@pytest.mark.parametrize(
    "bad",
    [
        {"skills": ["kubernetes"]},
        {"skills": ["999999"]},
        {"description_en": CLOUD + " " + "x" * 5000},
        {"description_fr": "Kubernetes\x00"},
    ],
    ids=["skill", "unknown-skill", "long-text", "nul"],
)
def test_input_no_form_sends_is_read_as_nothing(client, vera, bad):
    client.force_login(vera)

    assert text(suggest(client, typed(**bad))) == ""


@pytest.mark.parametrize(
    "accept_language, sentence, button",
    [
        (
            "es-MX,es;q=0.9",
            "Su descripción menciona Kubernetes, Terraform: ¿desea agregarlas a sus habilidades?",
            "Agregar Kubernetes",
        ),
        (
            "fr-CA,fr;q=0.9",
            "Votre description mentionne Kubernetes, Terraform : voulez-vous les ajouter à vos "
            "compétences?",
            "Ajouter Kubernetes",
        ),
    ],
    ids=["es", "fr"],
)
def test_the_suggestions_are_in_the_readers_language(
    client, vera, accept_language, sentence, button
):
    client.force_login(vera)

    page = text(suggest(client, typed(), **{"accept-language": accept_language}))

    assert sentence in page
    assert button in page


def test_the_edit_page_offers_on_load_the_skills_its_descriptions_mention(client, vera, described):
    client.force_login(vera)

    response = client.get("/vendor/edit/")

    assert "Your description mentions Kubernetes, Terraform — add them as skills?" in text(response)
    # Without the script its buttons would do nothing: the page hides them until it runs.
    assert re.search(r"<button [^>]*hidden>Add Kubernetes</button>", response.content.decode())


def test_the_edit_page_offers_nothing_the_vendor_lists(client, vera, described):
    described.skills.add(skill("kubernetes"), skill("terraform"))
    client.force_login(vera)

    assert "Your description mentions" not in text(client.get("/vendor/edit/"))


def test_the_edit_page_asks_for_suggestions_as_the_owner_types(client, vera, described):
    client.force_login(vera)

    html = client.get("/vendor/edit/").content.decode()

    region = re.search(r'<div id="vendor-skill-suggestions"[^>]*>', html).group(0)
    assert 'aria-live="polite"' in region
    assert f'hx-post="{URL}"' in region
    for name in Vendor.DESCRIPTION_FIELDS:
        assert f"input changed delay:600ms from:#id_{name}" in region
    assert "change from:#id_skills" in region


def test_a_refused_save_reads_the_descriptions_as_typed(client, vera, described):
    client.force_login(vera)

    response = client.post(
        "/vendor/edit/",
        {**typed(description_en="Nous faisons du Terraform."), "hourly_rate_min": "-1"},
    )

    assert response.status_code == 200
    page = text(response)
    assert "Your description mentions Terraform — add it as a skill?" in page
    assert "Add Kubernetes" not in page


def test_typing_faster_than_the_rate_is_told_to_wait(client, vera, rates):
    rates(suggestions="1/minute")
    client.force_login(vera)
    suggest(client, typed())

    response = client.post(URL, typed(), headers=HTMX)

    assert response.status_code == 429
