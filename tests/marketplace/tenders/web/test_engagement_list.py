"""/engagements/: the engagements of the user's company or vendor; staff see all."""

import pytest

from tests.marketplace.web.pages import text

URL = "/engagements/"


def test_anonymous_visitors_are_sent_to_log_in(client, engagement):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_people_outside_any_organisation_get_404(client, charlie, engagement):
    client.force_login(charlie)

    assert client.get(URL).status_code == 404


@pytest.mark.parametrize("user", ["alice", "bob", "vera", "victor", "staff"])
def test_both_parties_and_staff_see_the_engagement(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(URL)

    assert response.status_code == 200
    page = text(response)
    assert "Plataforma de apuestas deportivas Operadora Azteca Maple Odds Active" in page
    assert f'href="/engagements/{engagement.pk}/"' in response.content.decode()


@pytest.mark.parametrize("user", ["olga", "una"])
def test_other_organisations_see_none(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(URL)

    assert response.status_code == 200
    assert f"/engagements/{engagement.pk}/" not in response.content.decode()
    assert "No engagement yet." in text(response)


@pytest.mark.parametrize("user", ["alice", "vera"])
def test_the_main_navigation_links_it_for_members(client, request, db, user):
    client.force_login(request.getfixturevalue(user))

    html = client.get(URL).content.decode()

    assert '<a href="/engagements/" aria-current="page">Engagements</a>' in html


def test_the_main_navigation_has_no_link_for_people_without_an_organisation(client, charlie):
    client.force_login(charlie)

    assert 'href="/engagements/"' not in client.get("/").content.decode()
