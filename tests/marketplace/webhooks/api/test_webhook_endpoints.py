import pytest
from django.test import override_settings

from marketplace.events.models import Event
from marketplace.webhooks.models import WebhookEndpoint
from marketplace.webhooks.services import webhook_deliver, webhook_endpoint_create

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhook-endpoints/"
HOOK = "http://127.0.0.1:9/hooks/norte"


@pytest.fixture
def endpoint(alice):
    return webhook_endpoint_create(actor=alice, url=HOOK, events=["proposal.submitted"])


def test_an_owner_registers_an_endpoint_and_reads_its_secret_once(api, alice, company):
    response = api(alice).post(
        URL, {"url": HOOK, "events": ["proposal.submitted", "request.awarded"]}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body["secret"] == endpoint.secret
    assert body["secret"].startswith("whsec_")
    assert body["company"] == company.pk and body["vendor"] is None
    assert response["Location"].endswith(f"{URL}{endpoint.pk}/")
    assert endpoint.created_by == alice

    read = api(alice).get(f"{URL}{endpoint.pk}/").json()
    assert "secret" not in read
    assert all("secret" not in row for row in api(alice).get(URL).json()["results"])


def test_a_vendor_owner_registers_one_for_the_vendor(api, vera, vendor):
    response = api(vera).post(URL, {"url": HOOK, "events": ["review.posted"]}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["vendor"] == vendor.pk


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=False)
def test_a_private_address_is_refused_naming_the_url(api, alice):
    response = api(alice).post(
        URL, {"url": "https://169.254.169.254/latest", "events": ["review.posted"]}, format="json"
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert "public internet address" in str(error["fields"]["url"])
    assert not WebhookEndpoint.objects.exists()


def test_unknown_or_missing_events_are_refused(api, alice):
    unknown = api(alice).post(URL, {"url": HOOK, "events": ["proposal.eaten"]}, format="json")
    empty = api(alice).post(URL, {"url": HOOK, "events": []}, format="json")

    assert unknown.status_code == 400 and "events.0" in unknown.json()["error"]["fields"]
    assert empty.status_code == 400 and "events" in empty.json()["error"]["fields"]


def test_a_member_reads_but_may_not_register_change_or_remove(api, bob, endpoint):
    client = api(bob)

    assert client.get(f"{URL}{endpoint.pk}/").status_code == 200
    created = client.post(URL, {"url": HOOK, "events": ["review.posted"]}, format="json")
    assert (created.status_code, created.json()["error"]["code"]) == (403, "owner_only")
    assert client.patch(f"{URL}{endpoint.pk}/", {"is_active": False}).status_code == 403
    assert client.post(f"{URL}{endpoint.pk}/roll-secret/").status_code == 403
    assert client.delete(f"{URL}{endpoint.pk}/").status_code == 403


def test_another_organisation_does_not_see_the_endpoint(api, olga, vera, charlie, endpoint):
    for person in (olga, vera, charlie):
        assert api(person).get(f"{URL}{endpoint.pk}/").status_code == 404
        assert api(person).delete(f"{URL}{endpoint.pk}/").status_code == 404
        assert api(person).get(URL).json()["results"] == []


def test_rolling_the_secret_shows_the_new_one_once(api, alice, endpoint):
    old = endpoint.secret

    response = api(alice).post(f"{URL}{endpoint.pk}/roll-secret/")

    assert response.status_code == 200
    endpoint.refresh_from_db()
    assert response.json()["secret"] == endpoint.secret != old


def test_an_owner_pauses_changes_and_removes_an_endpoint(api, alice, endpoint):
    client = api(alice)

    paused = client.patch(f"{URL}{endpoint.pk}/", {"is_active": False}, format="json")
    assert (paused.status_code, paused.json()["is_active"]) == (200, False)
    changed = client.put(
        f"{URL}{endpoint.pk}/",
        {"url": "http://127.0.0.1:8/new", "events": ["review.posted"], "is_active": True},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["url"] == "http://127.0.0.1:8/new"
    assert changed.json()["events"] == ["review.posted"]

    assert client.delete(f"{URL}{endpoint.pk}/").status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_members_read_the_delivery_attempts(api, bob, endpoint, company):
    event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)
    event.companies.add(company)
    webhook_deliver(endpoint=endpoint, event=event)  # nothing listens on port 9

    response = api(bob).get(f"{URL}{endpoint.pk}/deliveries/")

    assert response.status_code == 200
    [attempt] = response.json()["results"]
    assert attempt["event"] == event.pk
    assert attempt["event_type"] == "proposal.submitted"
    assert attempt["attempt"] == 1
    assert attempt["status_code"] is None
    assert attempt["error"]


def test_an_owner_replays_one_of_the_organisations_events(api, alice, bob, endpoint, company):
    event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)
    event.companies.add(company)
    elsewhere = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)

    replayed = api(alice).post(f"{URL}{endpoint.pk}/replay/", {"event": event.pk}, format="json")
    refused = api(alice).post(f"{URL}{endpoint.pk}/replay/", {"event": elsewhere.pk})
    by_member = api(bob).post(f"{URL}{endpoint.pk}/replay/", {"event": event.pk})

    assert replayed.status_code == 202
    assert (replayed.json()["event"], replayed.json()["attempt"]) == (event.pk, 1)
    assert replayed.json()["status_code"] is None  # queued: the outcome is in the deliveries
    assert replayed["Location"].endswith(f"{URL}{endpoint.pk}/deliveries/?event={event.pk}")
    assert refused.status_code == 400 and "event" in refused.json()["error"]["fields"]
    assert by_member.status_code == 403


def test_the_deliveries_are_filtered_by_event(api, alice, endpoint, company):
    first, second = (Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED) for _ in range(2))
    for event in (first, second):
        webhook_deliver(endpoint=endpoint, event=event)

    response = api(alice).get(f"{URL}{endpoint.pk}/deliveries/", {"event": second.pk})

    assert [row["event"] for row in response.json()["results"]] == [second.pk]


def test_a_company_may_not_ask_for_a_vendors_own_events(api, alice, vera):
    """A company is never told of a vendor's moderation or of the requests that fit a vendor:
    an endpoint asking for them would wait for nothing."""
    refused = api(alice).post(
        URL, {"url": HOOK, "events": ["proposal.submitted", "request.published"]}, format="json"
    )
    allowed = api(vera).post(
        URL, {"url": HOOK, "events": ["request.published", "vendor.suspended"]}, format="json"
    )

    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["fields"]["events"][0]["message"] == (
        "A company is never told of these events: request.published."
    )
    assert allowed.status_code == 201
    assert WebhookEndpoint.objects.get().vendor is not None
