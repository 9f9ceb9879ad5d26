"""/accounts/logout/ (allauth): by POST only (a link could log people out from another site);
a GET shows the button that does it."""

from django.contrib.auth import SESSION_KEY

from tests.marketplace.web.pages import text

from ...factories import api_token, api_token_exists

URL = "/accounts/logout/"


def test_it_logs_out_by_post_and_goes_home(client, charlie):
    client.force_login(charlie)

    response = client.post(URL)

    assert response.status_code == 302
    assert response.url == "/"
    assert SESSION_KEY not in client.session


def test_a_get_only_asks_to_confirm(client, charlie):
    client.force_login(charlie)

    response = client.get(URL)

    assert response.status_code == 200
    assert f'<form method="post" action="{URL}"' in response.content.decode()
    assert SESSION_KEY in client.session


def test_the_nav_offers_log_out_to_users_and_log_in_to_visitors(client, charlie):
    anonymous = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in anonymous
    assert 'href="/accounts/signup/"' in anonymous
    assert f'action="{URL}"' not in anonymous

    client.force_login(charlie)
    response = client.get("/")

    assert f'action="{URL}" method="post"' in response.content.decode()
    assert "charlie" in text(response)
    assert 'href="/accounts/login/"' not in response.content.decode()


def test_logging_out_revokes_the_api_token(client, api, charlie, alice):
    charlies, alices = api_token(charlie), api_token(alice)
    client.force_login(charlie)

    client.post(URL)

    rejected = api()
    rejected.credentials(HTTP_AUTHORIZATION=f"Token {charlies}")
    assert rejected.get("/api/v1/companies/").status_code == 401
    assert api_token_exists(alices)


def test_logging_out_of_the_admin_revokes_it_too(client, staff):
    token = api_token(staff)
    client.force_login(staff)

    client.post("/admin/logout/")

    assert not api_token_exists(token)


def test_a_visitor_logging_out_changes_nothing(client, charlie):
    token = api_token(charlie)

    assert client.post(URL).status_code == 302
    assert api_token_exists(token)
