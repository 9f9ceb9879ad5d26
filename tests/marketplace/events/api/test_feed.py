"""GET /api/v1/events/: the events feed — the webhooks' payloads, for integrations polling
them, scoped to the caller's organisation, walked by id without gaps or repeats."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.events.services import event_record
from marketplace.webhooks.services import webhook_payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/events/"
Kind = Event.Kind


@pytest.fixture(autouse=True)
def no_delay(settings):
    settings.EVENTS_FEED_DELAY = 0


def record(kind=Kind.PROPOSAL_SUBMITTED, *, companies=(), vendors=(), **data) -> Event:
    return event_record(kind=kind, actor=None, companies=companies, vendors=vendors, data=data)


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_it_lists_the_organisations_events_oldest_first(api, alice, company, vendor, other_company):
    first = record(companies=[company], vendors=[vendor], proposal=7)
    record(companies=[other_company], proposal=8)
    second = record(Kind.REVIEW_POSTED, companies=[company], review=3)

    response = api(alice).get(URL)

    assert response.status_code == 200
    assert ids(response) == [first.pk, second.pk]
    assert response.json()["next"] is None


def test_olgas_company_never_sees_alices_events(api, olga, company, vendor):
    record(companies=[company], vendors=[vendor], proposal=7)

    assert api(olga).get(URL).json() == {"next": None, "results": []}


def test_a_vendor_reads_the_events_concerning_it(api, victor, company, vendor, other_company):
    shared = record(companies=[company], vendors=[vendor], proposal=7)
    record(companies=[other_company], proposal=8)

    assert ids(api(victor).get(URL)) == [shared.pk]


def test_staff_read_every_event_and_people_in_no_organisation_none(
    api, staff, charlie, company, other_company
):
    events = [record(companies=[company]), record(companies=[other_company])]

    assert ids(api(staff).get(URL)) == [event.pk for event in events]
    assert ids(api(charlie).get(URL)) == []


def test_anonymous_callers_are_refused(api):
    assert api().get(URL).status_code == 401


def test_each_item_is_the_webhook_body(api, alice, company):
    event = record(companies=[company], proposal=7)

    (item,) = api(alice).get(URL).json()["results"]

    assert item == json.loads(webhook_payload(event=event))
    assert item == {
        "id": event.pk,
        "type": "proposal.submitted",
        "created": item["created"],
        "data": {"proposal": 7, "request": None},
    }
    assert item["created"].endswith("Z")


def test_following_next_walks_every_event_once(api, alice, company):
    events = [record(companies=[company], proposal=n) for n in range(7)]
    client, seen, url, pages = api(alice), [], f"{URL}?limit=3", 0

    while url:
        body = client.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url, pages = body["next"], pages + 1

    assert seen == [event.pk for event in events]
    assert pages == 3


def test_after_resumes_where_the_client_left_off_including_what_came_since(api, alice, company):
    old = [record(companies=[company]) for _ in range(2)]
    client = api(alice)
    last = ids(client.get(URL))[-1]
    new = record(companies=[company])

    assert last == old[-1].pk
    assert ids(client.get(URL, {"after": last})) == [new.pk]
    assert ids(client.get(URL, {"after": new.pk})) == []


def test_type_filters_by_kind(api, alice, company):
    record(companies=[company])
    review = record(Kind.REVIEW_POSTED, companies=[company])

    assert ids(api(alice).get(URL, {"type": "review.posted"})) == [review.pk]


def test_an_event_shows_once_every_lower_id_has_had_time_to_commit(api, alice, company, settings):
    settings.EVENTS_FEED_DELAY = 10
    old = record(companies=[company])
    Event.objects.filter(pk=old.pk).update(recorded_at=timezone.now() - timedelta(seconds=11))
    record(companies=[company])  # too young: a lower id could still be on its way

    assert ids(api(alice).get(URL)) == [old.pk]


def test_a_back_dated_event_waits_like_any_other(api, alice, company, settings):
    """A service may date an event with what it reports (a moderation, with the status
    change): the feed counts from when the row was written, or the back-dated event would
    show at once, before a lower id still in its transaction."""
    settings.EVENTS_FEED_DELAY = 10
    back_dated = event_record(
        kind=Kind.PROPOSAL_SUBMITTED,
        actor=None,
        companies=[company],
        at=timezone.now() - timedelta(days=1),
    )

    assert ids(api(alice).get(URL)) == []
    assert back_dated.created_at < back_dated.recorded_at


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ({"after": "abc"}, "after", "invalid"),
        ({"after": "-1"}, "after", "min_value"),
        ({"after": "1" * 19}, "after", "max_value"),
        ({"limit": "0"}, "limit", "min_value"),
        ({"limit": "many"}, "limit", "invalid"),
        ({"type": "proposal.eaten"}, "type", "invalid_choice"),
        ({"page": "2"}, "page", "unknown_parameter"),
    ],
)
def test_a_bad_cursor_or_filter_is_a_400_in_the_error_envelope(api, alice, query, field, code):
    response = api(alice).get(URL, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request"
    assert field in error["fields"]
    assert error["fields"][field][0]["code"] == code


def test_a_limit_above_100_reads_as_100(api, alice, company):
    for _ in range(101):
        record(companies=[company])

    body = api(alice).get(URL, {"limit": 500}).json()

    assert len(body["results"]) == 100
    assert body["next"] is not None
