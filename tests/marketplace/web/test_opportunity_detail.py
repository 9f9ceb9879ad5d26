"""/opportunities/<id>/: a published request as an approved vendor's members read it, with what
their listing covers. Drafts, other people and vendors not approved get 404."""

import pytest

from marketplace.services.requests import request_publish
from tests.factories import OutsourcingRequestFactory, certification, skill

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
