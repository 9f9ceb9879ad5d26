"""GET /: what Norte is, a search into the directory, the sectors as ways into it."""

import re

import pytest

from marketplace.models import Sector, VendorExpertise
from tests.factories import VendorFactory, sector

from .pages import text


def test_it_renders_for_anonymous_visitors(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "Technology vendors in Canada for companies in Mexico" in text(response)
    assert "cannot be bought" in text(response)


def test_it_links_every_sector_into_the_filtered_directory(client, db):
    html = client.get("/").content.decode()

    for slug, name in Sector.objects.values_list("slug", "name"):
        assert f'href="/vendors/?sector={slug}"' in html
        assert name in html


def test_sector_counts_include_only_approved_vendors(client, vendor, pending_vendor):
    VendorExpertise.objects.create(vendor=vendor, sector=sector("lottery"), level=3, years=2)
    VendorExpertise.objects.create(vendor=pending_vendor, sector=sector("lottery"), level=5)
    hidden_elsewhere = VendorFactory(name="Elsewhere", status="suspended")
    VendorExpertise.objects.create(vendor=hidden_elsewhere, sector=sector("lottery"), level=4)

    page = text(client.get("/"))

    assert "Lottery 1 vendor" in page
    assert "Blockchain 0 vendors" in page


def test_the_search_box_asks_the_directory(client, db):
    html = client.get("/").content.decode()

    assert '<form class="search" action="/vendors/" method="get" role="search">' in html
    assert '<label for="home-search">Search the vendor directory</label>' in html
    assert 'id="home-search" type="search" name="q"' in html


@pytest.mark.parametrize(
    ("user", "shows_admin"), [(None, False), ("charlie", False), ("staff", True)]
)
def test_the_admin_link_is_for_staff_only(client, db, request, user, shows_admin):
    # `db` is asked for by name so pytest-django runs this with the other database tests.
    if user is not None:
        client.force_login(request.getfixturevalue(user))

    html = client.get("/").content.decode()

    assert ('href="/admin/"' in html) is shows_admin
    assert 'href="/vendors/"' in html
    assert 'href="/api/v1/docs/"' in html


def test_the_page_is_keyboard_and_screen_reader_friendly(client, db):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert '<main id="main" class="container" tabindex="-1">' in html
    assert '<label for="language-select" class="visually-hidden">Language</label>' in html
    assert html.count("<h1") == 1


def calls_to_action(response) -> list[tuple[str, str]]:
    """The buttons of the home page's two ways in: (label, link)."""
    html = response.content.decode().split('<ul class="calls-to-action">')
    if len(html) == 1:
        return []
    block = html[1].split("</ul>")[0]
    return re.findall(r'<a class="button" href="([^"]+)">([^<]+)</a>', block)


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (
            None,
            [
                ("/accounts/signup/?next=/onboarding/company/", "Publish a request"),
                ("/accounts/signup/?next=/onboarding/vendor/", "Create your listing"),
            ],
        ),
        (
            "charlie",
            [
                ("/onboarding/company/", "Publish a request"),
                ("/onboarding/vendor/", "Create your listing"),
            ],
        ),
        ("alice", [("/requests/new/", "Publish a request")]),
        ("bob", [("/requests/new/", "Publish a request")]),
        ("vera", [("/vendor/", "Go to your listing")]),
        ("staff", []),
    ],
)
def test_each_reader_is_shown_their_way_in(client, db, request, user, expected):
    if user is not None:
        client.force_login(request.getfixturevalue(user))

    assert calls_to_action(client.get("/")) == expected


def test_the_api_documentation_is_in_the_footer_not_the_main_menu(client, alice):
    client.force_login(alice)
    html = client.get("/").content.decode()

    menu = html.split('<nav class="site-nav"')[1].split("</nav>")[0]
    footer = html.split('<footer class="site-footer">')[1]
    assert "/api/v1/docs/" not in menu
    assert 'href="/api/v1/docs/"' in footer


def test_webhooks_are_in_the_account_menu_not_the_main_menu(client, alice):
    client.force_login(alice)
    html = client.get("/").content.decode()

    menu = html.split('<nav class="site-nav"')[1].split("</nav>")[0]
    account = html.split('<details class="account-menu">')[1].split("</details>")[0]
    assert "/webhooks/" not in menu
    assert 'href="/webhooks/"' in account


def test_people_who_may_not_manage_webhooks_are_not_offered_them(client, bob):
    client.force_login(bob)

    assert 'href="/webhooks/"' not in client.get("/").content.decode()
