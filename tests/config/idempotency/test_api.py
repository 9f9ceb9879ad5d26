"""`Idempotency-Key` on the API's POSTs: a retry with the key answers the first success again
without acting twice, another request with the key is refused, keys are each user's own and
expire, and a request that failed leaves its key to the retry."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from companies.choices import Role
from companies.models import Invitation, Membership
from config.idempotency.errors import IdempotencyKeyInvalid, IdempotencyKeyReused
from config.idempotency.models import IdempotencyKey
from marketplace.api import views as marketplace_views
from marketplace.models import MatchRun, OutsourcingRequest, Vendor
from marketplace.services.requests import request_publish

from ...factories import OutsourcingRequestFactory
from . import KEY, key_header, refused_with

pytestmark = pytest.mark.django_db

URL = "/api/v1/requests/"
REPLAYED = "Idempotent-Replayed"


def new_request(**overrides) -> dict:
    return {
        "title": "Plataforma de apuestas deportivas",
        "description": "Buscamos un equipo que construya nuestra casa de apuestas.",
        "sector": "sports-betting",
        "budget_min": "500000.00",
        "budget_max": "900000.00",
        "currency": "MXN",
        "team_size": 6,
        "duration_weeks": 24,
        "languages": ["es", "en"],
        **overrides,
    }


def post(client, url=URL, data=None, key=KEY):
    return client.post(url, data, headers=key_header(key))


@pytest.fixture
def draft(company):
    return OutsourcingRequestFactory(company=company, speaks_en=True)


@pytest.fixture
def published(alice, draft):
    request_publish(request=draft, actor=alice)
    return draft


# --- Creating ------------------------------------------------------------------------------------


def test_a_retry_with_the_key_answers_the_first_draft_without_drafting_another(api, bob):
    client = api(bob)

    first = post(client, data=new_request())
    retry = post(client, data=new_request())

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry[REPLAYED] == "true"
    assert not first.has_header(REPLAYED)
    assert OutsourcingRequest.objects.count() == 1


def test_without_a_key_each_post_drafts_again(api, bob):
    client = api(bob)

    client.post(URL, new_request())
    client.post(URL, new_request())

    assert OutsourcingRequest.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


def test_the_same_json_written_otherwise_is_the_same_request(api, bob):
    client = api(bob)
    payload = new_request()

    first = client.post(
        URL, json.dumps(payload), content_type="application/json", headers=key_header()
    )
    reordered = dict(reversed(payload.items()))
    retry = client.post(
        URL, json.dumps(reordered, indent=4), content_type="application/json", headers=key_header()
    )

    assert retry[REPLAYED] == "true"
    assert retry.json() == first.json()
    assert OutsourcingRequest.objects.count() == 1


def test_the_key_sent_with_another_body_is_refused_and_nothing_more_is_drafted(api, bob):
    client = api(bob)
    post(client, data=new_request())

    response = post(client, data=new_request(title="Otra plataforma"))

    assert refused_with(response, IdempotencyKeyReused)
    assert response.status_code == 422
    assert list(OutsourcingRequest.objects.values_list("title", flat=True)) == [
        "Plataforma de apuestas deportivas"
    ]


def test_the_key_sent_to_another_address_is_refused(api, alice, draft):
    client = api(alice)
    post(client, data=new_request())

    response = post(client, f"{URL}{draft.pk}/publish/")

    assert refused_with(response, IdempotencyKeyReused)
    draft.refresh_from_db()
    assert draft.is_draft


def test_another_user_may_use_the_same_key_for_their_own_request(api, alice, bob):
    for_alice = post(api(alice), data=new_request())
    for_bob = post(api(bob), data=new_request())

    assert for_alice.status_code == for_bob.status_code == 201
    assert not for_bob.has_header(REPLAYED)
    assert for_alice.json()["id"] != for_bob.json()["id"]
    assert OutsourcingRequest.objects.count() == 2


# --- Lifetime ------------------------------------------------------------------------------------


def test_a_key_answers_for_as_long_as_the_settings_say(api, bob, settings):
    settings.IDEMPOTENCY_KEY_TTL_HOURS = 2

    post(api(bob), data=new_request())

    key = IdempotencyKey.objects.get()
    assert key.expires_at - key.completed_at == timedelta(hours=2)


def test_an_expired_key_acts_again_and_then_answers_the_new_request(api, bob):
    client = api(bob)
    first = post(client, data=new_request())
    IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    again = post(client, data=new_request())
    retry = post(client, data=new_request())

    assert again.status_code == 201
    assert not again.has_header(REPLAYED)
    assert again.json()["id"] != first.json()["id"]
    assert retry.json() == again.json()
    assert OutsourcingRequest.objects.count() == 2


# --- Failures ------------------------------------------------------------------------------------


def test_a_refused_first_attempt_leaves_the_key_to_a_corrected_retry(api, bob):
    client = api(bob)
    wrong = new_request(budget_min="900000.00", budget_max="500000.00")

    refused = post(client, data=wrong)
    corrected = post(client, data=new_request())
    retry = post(client, data=new_request())
    wrong_again = post(client, data=wrong)

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert not corrected.has_header(REPLAYED)
    assert retry.json() == corrected.json()
    assert refused_with(wrong_again, IdempotencyKeyReused)
    assert OutsourcingRequest.objects.count() == 1


def test_a_first_attempt_that_breaks_half_way_leaves_nothing_behind(api, bob, monkeypatch):
    create = marketplace_views.request_create

    def create_then_lose_the_connection(**kwargs):
        create(**kwargs)
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(marketplace_views, "request_create", create_then_lose_the_connection)
    client = api(bob)
    client.raise_request_exception = False

    broken = post(client, data=new_request())

    assert broken.status_code == 500
    assert not OutsourcingRequest.objects.exists()

    monkeypatch.setattr(marketplace_views, "request_create", create)
    retry = post(client, data=new_request())

    assert retry.status_code == 201
    assert not retry.has_header(REPLAYED)
    assert OutsourcingRequest.objects.count() == 1


def test_a_key_left_by_a_request_that_died_does_not_block_the_retry(api, bob):
    # What a killed process leaves: the claim committed on its own, its work rolled back.
    IdempotencyKey.objects.create(user=bob, key=KEY, expires_at=timezone.now() + timedelta(1))

    response = post(api(bob), data=new_request())

    assert response.status_code == 201
    assert not response.has_header(REPLAYED)
    assert OutsourcingRequest.objects.count() == 1


# --- The key itself ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["", " ", "k" * 256, "two words", "tab\tinside", "clé", "line\nbreak"],
    ids=["empty", "space", "too-long", "inner-space", "tab", "not-ascii", "newline"],
)
def test_a_malformed_key_is_refused_before_anything_is_done(api, bob, key):
    response = post(api(bob), data=new_request(), key=key)

    assert refused_with(response, IdempotencyKeyInvalid)
    assert not OutsourcingRequest.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_the_longest_key_of_visible_characters_is_accepted(api, bob):
    key = ("!~Az09-_.:/" * 24)[:255]

    first = post(api(bob), data=new_request(), key=key)
    retry = post(api(bob), data=new_request(), key=key)

    assert first.status_code == 201
    assert retry[REPLAYED] == "true"


def test_the_key_is_ignored_where_nothing_is_posted(api, alice, company):
    response = api(alice).get(
        f"/api/v1/companies/{company.pk}/invitations/", headers=key_header("not a key")
    )

    assert response.status_code == 200


# --- Transitions ---------------------------------------------------------------------------------


def test_publishing_again_with_the_key_answers_the_first_publication_without_a_second_run(
    api, alice, draft
):
    client = api(alice)
    url = f"{URL}{draft.pk}/publish/"

    first = post(client, url)
    retry = post(client, url)
    without_key = client.post(url)

    assert first.status_code == retry.status_code == 202
    assert retry.json() == first.json()
    assert retry[REPLAYED] == "true"
    assert MatchRun.objects.filter(request=draft).count() == 1
    assert without_key.status_code == 409


def test_a_rematch_retried_with_the_key_answers_the_same_run(api, alice, published):
    client = api(alice)
    url = f"{URL}{published.pk}/rematch/"
    # Runs finished, so that each rematch of its own queues another run rather than joining.
    MatchRun.objects.update(status=MatchRun.Status.DONE)
    first = post(client, url)
    MatchRun.objects.update(status=MatchRun.Status.DONE)

    retry = post(client, url)

    assert retry.json() == first.json()
    assert MatchRun.objects.filter(request=published).count() == 2  # publish's and the rematch's
    assert client.post(url).status_code == 202
    assert MatchRun.objects.filter(request=published).count() == 3


def test_a_replay_is_throttled_like_any_request(api, alice, published, rates):
    rates(rematch="1/minute")
    client = api(alice)
    url = f"{URL}{published.pk}/rematch/"

    assert post(client, url).status_code == 202
    assert post(client, url).status_code == 429


def test_approving_again_with_the_key_answers_the_first_approval(api, staff, pending_vendor):
    client = api(staff)
    url = f"/api/v1/vendors/{pending_vendor.pk}/approve/"

    first = post(client, url, {})
    retry = post(client, url, {})

    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert retry[REPLAYED] == "true"
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert client.post(url, {}).status_code == 409


def test_accepting_an_invitation_again_with_the_key_answers_the_same_membership(
    api, alice, charlie, company
):
    Invitation.objects.create(
        company=company,
        email=charlie.email,
        role=Role.MEMBER,
        invited_by=alice,
        token_hash=Invitation.hash_token("the-token-from-the-link"),
        expires_at=timezone.now() + timedelta(days=7),
    )
    client = api(charlie)
    url = "/api/v1/invitations/accept/"

    first = post(client, url, {"token": "the-token-from-the-link"})
    retry = post(client, url, {"token": "the-token-from-the-link"})

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry[REPLAYED] == "true"
    assert Membership.objects.filter(user=charlie).count() == 1


def test_a_refusal_is_in_the_callers_language(api, bob):
    client = api(bob)
    post(client, data=new_request())

    response = client.post(
        URL,
        new_request(title="Otra plataforma"),
        headers={**key_header(), "Accept-Language": "es-MX"},
    )

    assert response.status_code == 422
    assert "Esta Idempotency-Key ya se usó para otra solicitud." in response.content.decode()
