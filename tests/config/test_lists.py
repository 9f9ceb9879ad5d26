"""What every list of the API takes (config/lists.py): its own filters, `ordering`, pages or a
cursor walk, the timestamps, and nothing else; and every time it answers is in UTC."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import django_filters
import pytest
from django.conf import settings

from companies.services import invitation_create
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish

from ..errors import refused_fields
from ..factories import OutsourcingRequestFactory, VendorFactory, skill

pytestmark = pytest.mark.django_db

# Every list, and who reads it.
LISTS = {
    "sectors": ("/api/v1/sectors/", None),
    "skills": ("/api/v1/skills/", None),
    "certifications": ("/api/v1/certifications/", None),
    "vendors": ("/api/v1/vendors/", None),
    "companies": ("/api/v1/companies/", "alice"),
    "requests": ("/api/v1/requests/", "alice"),
    "company invitations": ("/api/v1/companies/{company}/invitations/", "alice"),
    "vendor invitations": ("/api/v1/vendors/{vendor}/invitations/", "vera"),
    "matches": ("/api/v1/requests/{published}/matches/", "alice"),
    "run results": ("/api/v1/match-runs/{run}/results/", "alice"),
}


@pytest.fixture
def rows(alice, vera, company, vendor):
    """A row in every list: a published request ranked, an invitation from each side."""
    published = OutsourcingRequestFactory(company=company, speaks_en=True)
    published.skills.set([skill("sportsbook")])
    _published, run = request_publish(request=published, actor=alice)
    match_run_execute(run_id=run.pk)
    for owner, organisation in ((alice, company), (vera, vendor)):
        invitation_create(
            actor=owner,
            organisation=organisation,
            email=f"invitee-{organisation.pk}@example.com",
            role="member",
            base_url="https://norte.example/",
        )
    return {"company": company.pk, "vendor": vendor.pk, "published": published.pk, "run": run.pk}


@pytest.fixture
def read(request, api, rows):
    """`read(name, params)`: the list's answer to its reader."""

    def get(name, params=None):
        url, reader = LISTS[name]
        user = reader and request.getfixturevalue(reader)
        return api(user).get(url.format(**rows), params or {})

    return get


def times_in(value, key=""):
    """Every (key, value) of the answer that is a time."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from times_in(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from times_in(item, key)
    elif key.endswith("_at") and value is not None:
        yield key, value


def ids(page) -> list:
    return [row["id"] for row in page["results"]]


# --- Every list --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_an_unknown_parameter_is_refused_naming_it(read, name):
    response = read(name, {"colour": "blue", "sector__slug": "igaming"})

    fields = refused_fields(response)
    assert set(fields) == {"colour", "sector__slug"}
    assert "ordering" in fields["colour"][0]  # the message lists what the list does take


@pytest.mark.parametrize("name", LISTS)
def test_the_parameters_every_list_takes_are_taken(read, name):
    paged = read(name, {"format": "json", "page": 1, "page_size": 5, "pagination": "page"})
    walked = read(name, {"pagination": "cursor", "page_size": 5})

    assert paged.status_code == walked.status_code == 200
    assert paged.json()["count"] >= 1
    assert "count" not in walked.json()
    assert walked.json()["results"]


@pytest.mark.parametrize("name", LISTS)
def test_every_time_is_answered_in_utc(read, name):
    assert settings.TIME_ZONE == "America/Mexico_City"  # not UTC by chance

    times = list(times_in(read(name).json()))

    assert times, "every list shows some time"
    for key, value in times:
        assert value.endswith("Z"), (key, value)
        assert datetime.fromisoformat(value).utcoffset() == timedelta(0)


def test_the_schema_view_and_details_answer_in_utc_too(api, alice, rows):
    detail = api(alice).get(f"/api/v1/requests/{rows['published']}/").json()
    run = api(alice).get(f"/api/v1/match-runs/{rows['run']}/").json()

    for key, value in [*times_in(detail), *times_in(run)]:
        assert value.endswith("Z"), (key, value)


# --- Ordering ----------------------------------------------------------------------------------


@pytest.fixture
def vendors(db):
    return [VendorFactory(name=name) for name in ("Borealis", "Aurora", "Cascadia")]


def test_a_list_is_ordered_as_asked(api, vendors):
    def names(ordering):
        page = api().get("/api/v1/vendors/", {"ordering": ordering}).json()
        return [row["name"] for row in page["results"]]

    assert names("name") == ["Aurora", "Borealis", "Cascadia"]
    assert names("-name") == ["Cascadia", "Borealis", "Aurora"]
    assert names("created_at") == ["Borealis", "Aurora", "Cascadia"]
    assert names("-created_at") == ["Cascadia", "Aurora", "Borealis"]


@pytest.mark.parametrize("ordering", ["nombre", "status", "name,-created_at", "--name", "pk"])
def test_an_ordering_the_list_does_not_offer_is_refused(api, vendors, ordering):
    response = api().get("/api/v1/vendors/", {"ordering": ordering})

    [message] = refused_fields(response)["ordering"]
    assert "name, -name, created_at, -created_at" in message


def test_rows_that_tie_keep_one_order_across_pages(api, db):
    tied = [VendorFactory(hourly_rate_min=90) for _ in range(5)]
    expected = sorted(vendor.pk for vendor in tied)

    def walk(ordering):
        seen = []
        for page in (1, 2, 3):
            params = {"ordering": ordering, "page_size": 2, "page": page}
            seen += ids(api().get("/api/v1/vendors/", params).json())
        return seen

    assert walk("hourly_rate_min") == expected
    assert walk("-hourly_rate_min") == expected[::-1]


# --- Changed since -----------------------------------------------------------------------------

T = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def dated(company):
    """Three requests created an hour apart from T, the first edited a day later."""
    requests = []
    for hours in (0, 1, 2):
        request = OutsourcingRequestFactory(company=company)
        at = T + timedelta(hours=hours)
        OutsourcingRequest.objects.filter(pk=request.pk).update(created_at=at, updated_at=at)
        requests.append(request.pk)
    OutsourcingRequest.objects.filter(pk=requests[0]).update(updated_at=T + timedelta(days=1))
    return requests


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"created_after": "2026-04-01T13:00:00Z"}, [1, 2]),  # the instant itself is included
        ({"created_before": "2026-04-01T13:00:00Z"}, [0]),  # …and excluded from `before`
        ({"created_after": "2026-04-01T07:00:00-06:00"}, [1, 2]),  # 13:00 UTC in Mexico City
        ({"created_after": "2026-04-01T13:00:00.000001Z"}, [2]),
        ({"updated_after": "2026-04-01T14:00:00Z"}, [0, 2]),
        ({"updated_before": "2026-04-01T14:00:00Z"}, [1]),
        (
            {"created_after": "2026-04-01T12:00:00Z", "updated_before": "2026-04-02T00:00:00Z"},
            [1, 2],
        ),
    ],
)
def test_rows_are_found_by_when_they_were_created_or_changed(api, alice, dated, params, expected):
    page = api(alice).get("/api/v1/requests/", {**params, "ordering": "created_at"}).json()

    assert ids(page) == [dated[i] for i in expected]


@pytest.mark.parametrize(
    "value",
    [
        "2026-04-01T13:00:00",  # no offset: in which zone?
        "2026-04-01",
        "yesterday",
        "2026-13-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00",  # before year 1 once in UTC
        "9999-12-31T23:59:59-01:00",  # after year 9999 once in UTC
    ],
)
def test_a_time_that_is_not_rfc_3339_is_refused(api, alice, dated, value):
    response = api(alice).get("/api/v1/requests/", {"updated_after": value})

    assert refused_fields(response) == {
        "updated_after": ["Give a date and time with its offset, such as 2026-04-01T00:00:00Z."]
    }


# --- Cursor walks ------------------------------------------------------------------------------


def walk(api, url, params, *, between_pages=lambda page: None) -> list:
    """Every id a cursor walk finds, following `next` to the end."""
    seen, number, params = [], 0, {**params, "pagination": "cursor"}
    while url:
        page = api().get(url, params).json()
        assert "count" not in page
        seen += ids(page)
        number += 1
        between_pages(number)
        url, params = page["next"], None
    return seen


def test_a_cursor_walk_finds_every_row_while_rows_are_added(api, db):
    before = [VendorFactory().pk for _ in range(5)]
    added = []

    def add_rows(page):
        if page <= 2:
            added.append(VendorFactory(name=f"Aaa newcomer {page}").pk)

    seen = walk(api, "/api/v1/vendors/", {"page_size": 2}, between_pages=add_rows)

    # Oldest first: rows added during the walk come after the cursor, and nothing is skipped
    # or seen twice.
    assert seen == before + added


def test_a_cursor_walk_by_update_finds_rows_edited_during_it(api, staff, db):
    vendors = [VendorFactory() for _ in range(6)]
    for minutes, vendor in enumerate(vendors):
        Vendor.objects.filter(pk=vendor.pk).update(updated_at=T + timedelta(minutes=minutes))

    def edit(page):
        if page == 1:
            for vendor in (vendors[0], vendors[4]):  # one already seen, one not yet
                api(staff).patch(f"/api/v1/vendors/{vendor.pk}/", {"city": "Québec"})

    seen = walk(
        api, "/api/v1/vendors/", {"page_size": 2, "ordering": "updated_at"}, between_pages=edit
    )

    assert set(seen) == {vendor.pk for vendor in vendors}
    assert seen[-2:] == [vendors[0].pk, vendors[4].pk]  # edited: at the end, none skipped


def test_a_cursor_walk_goes_forward_in_time(api, vendors):
    refused = api().get("/api/v1/vendors/", {"pagination": "cursor", "ordering": "name"})

    assert refused_fields(refused) == {
        "ordering": ["With pagination=cursor, order by one of: created_at, updated_at."]
    }


@pytest.fixture
def cursor(api, vendors):
    """The `cursor` of the second page of vendors, oldest first."""
    page = api().get("/api/v1/vendors/", {"pagination": "cursor", "page_size": 1}).json()
    return parse_qs(urlsplit(page["next"]).query)["cursor"][0]


def test_a_cursor_goes_on_where_it_was_given(api, vendors, cursor):
    params = {"pagination": "cursor", "page_size": 1, "cursor": cursor}

    page = api().get("/api/v1/vendors/", params).json()

    assert ids(page) == [vendors[1].pk]


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/v1/vendors/", {"ordering": "updated_at"}),  # another order
        ("/api/v1/skills/", {}),  # another list
    ],
)
def test_a_cursor_serves_only_its_list_in_its_order(api, cursor, url, params):
    response = api().get(url, {**params, "pagination": "cursor", "cursor": cursor})

    assert set(refused_fields(response)) == {"cursor"}


def test_a_cursor_edited_by_hand_is_refused(api, cursor):
    value, _colon, signature = cursor.rpartition(":")
    forged = f"{value[:-4]}AAAA:{signature}"

    response = api().get("/api/v1/vendors/", {"cursor": forged})

    assert set(refused_fields(response)) == {"cursor"}


@pytest.mark.parametrize(
    "params",
    [
        {"pagination": "pages"},
        {"pagination": "page", "cursor": "x"},
        {"pagination": "cursor", "page": 2},
    ],
)
def test_pages_and_cursors_are_not_mixed(api, vendors, params):
    assert set(refused_fields(api().get("/api/v1/vendors/", params))) == {"pagination"}


# --- Filters shape lists only ------------------------------------------------------------------


def test_an_address_names_its_object_whatever_the_lists_filters_say(api, vendor):
    response = api().get(f"/api/v1/vendors/{vendor.pk}/", {"province": "QC"})

    assert vendor.province != "QC"
    assert response.status_code == 200


def test_a_refusal_is_in_the_callers_language(api, vendors):
    response = api().get("/api/v1/vendors/", {"ordering": "nombre"}, HTTP_ACCEPT_LANGUAGE="es-mx")

    [message] = refused_fields(response)["ordering"]
    assert message.startswith("Ordene por uno de: name, -name")


@pytest.mark.parametrize("value", ["-58800", "yes", "maybe"])
def test_a_yes_no_filter_refuses_what_is_neither(api, alice, value):
    response = api(alice).get("/api/v1/notifications/", {"unread": value})

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["unread"][0]["code"] == "invalid"


@pytest.mark.parametrize(("value", "count"), [("true", 0), ("false", 0), ("1", 0), ("", 0)])
def test_a_yes_no_filter_reads_true_and_false(api, alice, value, count):
    response = api(alice).get("/api/v1/notifications/", {"unread": value})

    assert response.status_code == 200
    assert len(response.json()["results"]) == count


# --- Lists asked for no filter skip the FilterSet (config.lists.FilterBackend) -------------------


@pytest.fixture
def filtersets_built(monkeypatch):
    """How many FilterSets the API builds from here on."""
    built = []
    original = django_filters.FilterSet.__init__

    def counting(self, *args, **kwargs):
        built.append(type(self).__name__)
        original(self, *args, **kwargs)

    monkeypatch.setattr(django_filters.FilterSet, "__init__", counting)
    return built


def test_an_unfiltered_list_is_answered_without_building_its_filterset(
    api, vendor, filtersets_built
):
    VendorFactory(name="Aurora Bets")

    page = api().get("/api/v1/vendors/", {"page": 1, "page_size": 5})

    assert page.status_code == 200
    assert [row["name"] for row in page.json()["results"]] == ["Aurora Bets", vendor.name]
    assert filtersets_built == []


def test_a_filtered_list_still_goes_through_its_filterset(api, vendor, filtersets_built):
    VendorFactory(name="Aurora Bets", province="BC")

    page = api().get("/api/v1/vendors/", {"province": "BC"})
    refused = api().get("/api/v1/vendors/", {"province": "XX"})

    assert [row["name"] for row in page.json()["results"]] == ["Aurora Bets"]
    assert refused.status_code == 400
    assert "VendorListFilter" in filtersets_built
