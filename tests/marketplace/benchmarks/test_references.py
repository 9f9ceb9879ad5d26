"""The reference views (marketplace/benchmarks) answer what the real endpoints answer — the
same JSON, the same vendors and requests on the pages, the same refusals for whoever may not
see — which is what makes them a fair measure of the real ones; and nobody is served them
unless REFERENCE_VIEWS asks."""

import importlib
import json
import re

import pytest
from django.urls import clear_url_caches, set_urlconf

import config.urls
from marketplace.models import Vendor
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish

from ...factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    certification,
    sector,
    skill,
)

pytestmark = pytest.mark.django_db


def _remount():
    importlib.reload(config.urls)
    clear_url_caches()
    set_urlconf(None)


@pytest.fixture
def references(settings):
    settings.REFERENCE_VIEWS = True
    _remount()
    yield
    settings.REFERENCE_VIEWS = False
    _remount()


@pytest.fixture
def listed(vendor, pending_vendor):
    """A directory with something on each card and in each API field."""
    vendors = [vendor]
    for n in range(24):
        other = VendorFactory(name=f"Vendor {n:02d}", languages=["en", "fr"][: 1 + n % 2])
        other.skills.set([skill("sportsbook"), skill("odds-feeds")][: 1 + n % 2])
        VendorExpertiseFactory(vendor=other, sector=sector("sports-betting"), level=1 + n % 5)
        if n % 3 == 0:
            other.certifications.set([certification("iso-27001")])
        vendors.append(other)
    Vendor.objects.filter(pk=vendors[3].pk).update(review_count=2, review_rating_total=9)
    return vendors


@pytest.fixture
def matched(alice, company):
    request = OutsourcingRequestFactory(company=company, title="Casa de apuestas", speaks_en=True)
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    for n in range(24):
        expert = VendorFactory(name=f"Odds {n:02d}")
        expert.skills.set([skill("sportsbook")])
        VendorExpertiseFactory(vendor=expert, sector=sector("sports-betting"), level=1 + n % 5)
    request_publish(request=request, actor=alice)
    match_run_execute(run_id=request.match_runs.get().pk)
    return request


def assert_same_json(real, reference):
    """Equal, the reference's links leading to its own pages."""
    assert real.status_code == reference.status_code == 200
    assert real.json() == json.loads(reference.content.decode().replace("/_reference/", "/"))


def between(html: bytes, start: str, end: str) -> str:
    text = html.decode()
    return text[text.index(start) : text.index(end, text.index(start))]


def choices(html: bytes) -> list[tuple[str, str]]:
    """Every choice the form offers: (field, value), in order."""
    form = between(html, '<form class="directory__filters', "</form>")
    options = re.findall(r'<select name="(\w+)"(.*?)</select>', form, flags=re.S)
    found = [
        (name, value)
        for name, body in options
        for value in re.findall(r'<option value="([^"]*)"', body)
    ]
    return found + [
        ("skills", value) for value in re.findall(r'name="skills" value="([^"]*)"', form)
    ]


VENDOR_QUERIES = [
    "",
    "?page=2",
    "?page_size=7&page=3",
    "?sector=sports-betting&min_level=3",
    "?skills=sportsbook,odds-feeds&ordering=-rating",
    "?language=fr&certification=iso-27001&ordering=-experience",
    "?q=vendor&province=ON&max_rate=500&ordering=hourly_rate_min",
]


@pytest.mark.parametrize("query", VENDOR_QUERIES)
def test_the_vendor_list_is_the_apis(references, api, alice, victor, staff, listed, query):
    for client in (api(), api(alice), api(victor), api(staff)):
        assert_same_json(
            client.get(f"/api/v1/vendors/{query}"),
            client.get(f"/_reference/api/v1/vendors/{query}"),
        )


def test_a_vendor_is_the_apis(references, api, alice, listed):
    for vendor in listed[:4]:
        assert_same_json(
            api(alice).get(f"/api/v1/vendors/{vendor.pk}/"),
            api(alice).get(f"/_reference/api/v1/vendors/{vendor.pk}/"),
        )


def test_a_vendor_hidden_from_the_reader_is_not_found_by_either(
    references, api, alice, victor, pending_vendor, pablo
):
    for url in (f"/api/v1/vendors/{pending_vendor.pk}/", "/_reference/api/v1/vendors/{pk}/"):
        assert api(alice).get(url.format(pk=pending_vendor.pk)).status_code == 404
    # Its own members see it, in both.
    assert_same_json(
        api(pablo).get(f"/api/v1/vendors/{pending_vendor.pk}/"),
        api(pablo).get(f"/_reference/api/v1/vendors/{pending_vendor.pk}/"),
    )


@pytest.mark.parametrize("query", ["", "?page=2", "?page_size=5&page=3"])
def test_the_matches_are_the_apis_with_a_token_or_a_session(
    references, api, client, alice, matched, query
):
    path = f"/api/v1/requests/{matched.pk}/matches/{query}"
    assert_same_json(api(alice).get(path), api(alice).get(f"/_reference{path}"))
    client.force_login(alice)
    assert_same_json(client.get(path), client.get(f"/_reference{path}"))


def test_the_matches_are_refused_to_whoever_the_api_refuses(references, api, olga, victor, matched):
    path = f"/api/v1/requests/{matched.pk}/matches/"
    for user in (olga, victor):
        assert api(user).get(path).status_code == 404
        assert api(user).get(f"/_reference{path}").status_code == 404
    assert api().get(path).status_code == 401
    assert api().get(f"/_reference{path}").status_code == 401


@pytest.mark.parametrize(
    "query",
    ["", "?page=2", "?sector=sports-betting&skills=sportsbook&ordering=-rating", "?q=vendor"],
)
def test_the_directory_shows_the_same_vendors_and_choices(
    references, client, alice, staff, listed, query
):
    for user in (None, alice, staff):
        if user is not None:
            client.force_login(user)
        real = client.get(f"/vendors/{query}")
        reference = client.get(f"/_reference/vendors/{query}")

        assert real.status_code == reference.status_code == 200
        results = ('<section id="vendor-results"', "</section>")
        assert between(real.content, *results) == between(reference.content, *results)
        assert choices(real.content) == choices(reference.content)


def test_the_dashboard_lists_the_same_requests(references, client, alice, matched, company):
    OutsourcingRequestFactory.create_batch(3, company=company)
    client.force_login(alice)

    real, reference = client.get("/requests/"), client.get("/_reference/requests/")

    assert real.status_code == reference.status_code == 200
    table = ("<tbody>", "</tbody>")
    assert between(real.content, *table) == between(reference.content, *table)


def test_the_dashboard_is_refused_to_whoever_the_page_refuses(references, client, victor):
    assert client.get("/_reference/requests/").status_code == 302  # to log in
    client.force_login(victor)
    assert client.get("/requests/").status_code == 404
    assert client.get("/_reference/requests/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/_reference/vendors/", "/_reference/api/v1/vendors/", "/_reference/requests/"],
)
def test_the_references_are_not_served_by_default(client, db, path):
    assert client.get(path).status_code == 404
