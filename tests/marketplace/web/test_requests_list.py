"""GET /requests/: a company's requests, for its members only."""

from decimal import Decimal

import pytest

from marketplace.models import MatchRun
from tests.factories import OutsourcingRequestFactory

from .pages import text


@pytest.fixture
def draft(company):
    return OutsourcingRequestFactory(
        company=company,
        title="Casa de apuestas",
        budget_min=Decimal("1000000"),
        budget_max=Decimal("2500000.50"),
    )


@pytest.fixture
def olgas_request(other_company):
    return OutsourcingRequestFactory(company=other_company, title="Lotería instantánea")


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/requests/")

    assert response.status_code == 302
    assert "next=/requests/" in response.url


def test_members_see_their_companys_requests(client, bob, draft, olgas_request):
    client.force_login(bob)

    response = client.get("/requests/")

    assert response.status_code == 200
    page = text(response)
    assert "Casa de apuestas Sports betting Draft MXN\xa01,000,000 to MXN\xa02,500,000.50" in page
    assert "Not matched yet" in page
    assert "Lotería instantánea" not in page
    assert 'href="/requests/new/"' in response.content.decode()


def test_it_shows_the_latest_runs_status(client, bob, draft):
    MatchRun.objects.create(request=draft, trigger=MatchRun.Trigger.PUBLISH)
    client.force_login(bob)

    assert "Queued" in text(client.get("/requests/"))


@pytest.mark.parametrize("user", ["vera", "charlie"])
def test_people_outside_any_company_get_404(client, request, draft, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get("/requests/").status_code == 404


def test_the_nav_links_to_it_for_company_members_only(client, bob, vera):
    client.force_login(bob)
    assert 'href="/requests/"' in client.get("/").content.decode()

    client.force_login(vera)
    assert 'href="/requests/"' not in client.get("/").content.decode()


def test_it_is_in_spanish_for_a_mexican_browser(client, bob, draft):
    client.force_login(bob)

    response = client.get("/requests/", headers={"accept-language": "es-MX,es;q=0.9"})

    page = text(response)
    assert "Mis solicitudes" in page
    assert "Apuestas deportivas" in page
    assert "Borrador" in page
    assert "Nueva solicitud" in page
