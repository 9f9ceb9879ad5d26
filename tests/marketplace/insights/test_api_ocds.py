"""GET /api/v1/ocds/releases/: the OCDS release package, for anyone, walked by date with signed
cursors, synced with `updated_after`, valid against the OCDS 1.1.5 package schema."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from marketplace.insights.ocds import ocds_date
from marketplace.models import OutsourcingRequest
from marketplace.tenders.services import engagement_complete

from ...errors import error
from .ocds_helpers import assert_valid_package, build_market, published

pytestmark = pytest.mark.django_db

URL = "/api/v1/ocds/releases/"


@pytest.fixture
def market(company, alice, vendor, vera):
    return build_market(company=company, alice=alice, vendor=vendor, vera=vera)


def walk(client, url=URL, **params) -> list[dict]:
    """Every page from `url`, following `links.next`."""
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content[:300]
        pages.append(response.json())
        next_link = pages[-1]["links"]["next"]
        if next_link is None:
            return pages
        response = client.get(next_link)


def test_anyone_reads_a_valid_release_package(market):
    response = APIClient().get(URL)

    assert response.status_code == 200
    package = response.json()
    assert_valid_package(package)
    assert package["version"] == "1.1"
    assert package["publisher"] == {"name": "Norte"}
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["uri"] == f"http://testserver{URL}"
    assert package["publicationPolicy"] == (
        "http://testserver/api/v1/docs/#/ocds/ocds_releases_list"
    )
    assert package["publishedDate"] == max(release["date"] for release in package["releases"])
    assert package["links"] == {"next": None, "prev": None}
    assert len(package["releases"]) == 6


def test_staff_read_a_valid_package_with_the_values(api, staff, market):
    package = api(staff).get(URL).json()

    assert_valid_package(package)
    assert len(package["releases"]) == 8
    assert all("value" in award for r in package["releases"] for award in r.get("awards", []))


@pytest.mark.parametrize("who", ["anonymous", "bob", "vera"])
def test_members_read_what_visitors_read(api, market, who, request):
    client = api() if who == "anonymous" else api(request.getfixturevalue(who))

    releases = client.get(URL).json()["releases"]

    assert {r["tender"]["title"] for r in releases} == {
        "Bingo",
        "Casa de apuestas en línea",
        "Plataforma open_awarded",
        "Plataforma completed",
        "Plataforma cancelled",
        "Plataforma no_business_number",
    }
    assert not any("value" in a for r in releases for a in r.get("awards", []))
    assert not any("value" in c for r in releases for c in r.get("contracts", []))
    assert not any("tenderers" in r["tender"] for r in releases)
    names = {p["name"] for r in releases for p in r["parties"]}
    # Northern Lights lost the open one and won "completed"; Prairie Bits won one.
    assert names == {"Operadora Azteca", "Maple Odds", "Northern Lights", "Prairie Bits"}
    awarded = next(r for r in releases if r["tender"]["title"] == "Plataforma open_awarded")
    assert {p["name"] for p in awarded["parties"]} == {"Operadora Azteca", "Maple Odds"}


def test_the_same_answer_in_every_language(market):
    bodies = {
        language: Client().get(URL, HTTP_ACCEPT_LANGUAGE=language).json()
        for language in ("es-mx", "fr-ca", "en")
    }

    for body in bodies.values():
        body.pop("publishedDate")  # "now" on an empty page only; here, the same
    assert bodies["es-mx"] == bodies["fr-ca"] == bodies["en"]
    regions = {p["address"]["region"] for r in bodies["fr-ca"]["releases"] for p in r["parties"]}
    assert regions == {"Jalisco", "Ontario", "Quebec", "British Columbia"}


# --- Walking by date ----------------------------------------------------------------------------


def test_pages_follow_the_release_dates_without_overlap(api, staff, market):
    pages = walk(api(staff), page_size=3)

    assert [len(page["releases"]) for page in pages] == [3, 3, 2]
    releases = [release for page in pages for release in page["releases"]]
    keys = [(release["date"], int(release["tender"]["id"])) for release in releases]
    assert keys == sorted(keys)
    assert len({release["ocid"] for release in releases}) == 8
    for page in pages:
        assert_valid_package(page)
    assert pages[0]["links"]["prev"] is None
    assert pages[1]["links"]["prev"] is not None
    # `prev` leads back to the first page.
    back = api(staff).get(pages[1]["links"]["prev"]).json()
    assert [r["id"] for r in back["releases"]] == [r["id"] for r in pages[0]["releases"]]


def test_a_release_that_changes_during_a_walk_is_met_again_later(api, alice, staff, market):
    client = api(staff)
    first = client.get(URL, {"page_size": 3}).json()
    [changed] = [
        r for r in first["releases"] if r.get("contracts", [{}])[0].get("status") == "active"
    ]
    engagement = next(
        e for e in market.engagements.values() if str(e.request_id) == changed["tender"]["id"]
    )

    engagement_complete(actor=alice, engagement=engagement)
    rest = walk(client, first["links"]["next"])

    later = [r for page in rest for r in page["releases"] if r["ocid"] == changed["ocid"]]
    assert [r["tag"][-1] for r in later] == ["contractTermination"]
    assert later[0]["date"] > changed["date"]


def test_a_cursor_from_elsewhere_is_refused(api, staff, market):
    next_link = api(staff).get(URL, {"page_size": 2}).json()["links"]["next"]
    cursor = next_link.split("cursor=")[1].split("&")[0]

    tampered = api(staff).get(URL, {"cursor": cursor[:-3] + "abc"})
    from_another_list = api(staff).get("/api/v1/engagements/", {"cursor": cursor})

    assert tampered.status_code == 400
    assert error(tampered)["code"] == "invalid"
    assert set(error(tampered)["fields"]) == {"cursor"}
    assert "start again without one" in error(tampered)["fields"]["cursor"][0]["message"]
    assert from_another_list.status_code == 400


def test_updated_after_gives_what_changed_since(api, alice, staff, market):
    releases = api(staff).get(URL, {"page_size": 100}).json()["releases"]
    since = releases[-1]["date"]
    engagement_complete(actor=alice, engagement=market.engagements["open_awarded"])

    changed = api(staff).get(URL, {"updated_after": since}).json()["releases"]

    # The latest release (at that instant, again) and the one completed since.
    assert [r["tender"]["title"] for r in changed] == [
        releases[-1]["tender"]["title"],
        "Plataforma open_awarded",
    ]
    assert changed[-1]["date"] > since


def test_an_unreadable_updated_after_is_refused(api, market):
    response = api().get(URL, {"updated_after": "yesterday"})

    assert response.status_code == 400
    assert error(response)["fields"]["updated_after"][0]["code"] == "invalid"


@pytest.mark.parametrize("parameter", ["ordering", "page", "pagination", "updated_before", "q"])
def test_a_parameter_the_list_does_not_take_is_refused(api, market, parameter):
    response = api().get(URL, {parameter: "1"})

    assert response.status_code == 400
    body = error(response)
    assert body["type"] == "invalid_request"
    assert body["fields"][parameter][0]["code"] == "unknown_parameter"
    assert "cursor, format, page_size, updated_after." in body["fields"][parameter][0]["message"]


@pytest.mark.parametrize("size", ["0", "-1", "abc"])
def test_a_page_size_below_one_is_refused(api, market, size):
    response = api().get(URL, {"page_size": size})

    assert response.status_code == 400
    assert set(error(response)["fields"]) == {"page_size"}


def test_an_empty_list_is_an_empty_package(db):
    package = APIClient().get(URL).json()

    assert package["releases"] == []
    assert package["links"] == {"next": None, "prev": None}


def test_it_is_throttled_like_every_call(market, rates):
    rates(anon="2/minute")
    client = APIClient()

    statuses = [client.get(URL).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


# --- Queries ------------------------------------------------------------------------------------


def _more_requests(company, alice, count: int) -> None:
    for n in range(count):
        published(company=company, alice=alice, title=f"Otra {n}")


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_the_query_count_does_not_grow_with_the_page(
    api, company, alice, staff, market, who, django_assert_num_queries
):
    _more_requests(company, alice, 4)
    client = api(staff) if who == "staff" else api()
    client.get(URL)  # the token's first use is written; every later call reads the same
    # Anonymous: the page; staff: the token, its user, the page and the tenderers, plus the
    # token's last use (knox updates it at most once per minute; not here).
    expected = 1 if who == "anonymous" else 4

    with django_assert_num_queries(expected):
        small = client.get(URL, {"page_size": 2})
    with django_assert_num_queries(expected):
        large = client.get(URL, {"page_size": 11})

    assert len(small.json()["releases"]) == 2
    assert len(large.json()["releases"]) == (10 if who == "anonymous" else 11)


def test_the_published_date_of_an_empty_page_is_now(db):
    before = timezone.now() - timedelta(seconds=1)

    package = APIClient().get(URL).json()

    assert package["publishedDate"] > ocds_date(before)


def test_invitation_only_requests_stay_out_for_their_own_company(api, alice, market):
    titles = {r["tender"]["title"] for r in api(alice).get(URL).json()["releases"]}

    invited = OutsourcingRequest.objects.filter(
        visibility=OutsourcingRequest.Visibility.INVITATION
    ).values_list("title", flat=True)
    assert titles.isdisjoint(invited)
