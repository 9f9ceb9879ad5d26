"""POST /api/v1/auth/token/: a username and password buy a token for `Authorization: Token`;
POST /api/v1/auth/logout/ and /logout-all/ revoke them (django-rest-knox: several tokens a person,
stored as digests, expiring)."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from knox.models import AuthToken

from ...errors import assert_throttled, error, field_messages
from ...factories import UserFactory, api_token_exists

URL = "/api/v1/auth/token/"
CREDENTIALS = {"username": "alice", "password": "correct-horse-battery"}


def log_in(api) -> str:
    response = api().post(URL, CREDENTIALS)
    assert response.status_code == 200, response.content
    return response.json()["token"]


def client_with(api, token: str):
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_it_gives_a_token_and_its_expiry_for_the_right_credentials(api, alice):
    response = api().post(URL, CREDENTIALS)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    assert api_token_exists(body["token"])
    stored = AuthToken.objects.get(user=alice)
    assert stored.digest != body["token"]  # only a digest is kept
    ttl = timedelta(days=30)
    assert abs(stored.expiry - (timezone.now() + ttl)) < timedelta(minutes=1)
    assert body["expiry"].endswith("Z")  # in UTC, as every time the API answers


def test_each_login_gives_another_token_and_both_work(api, alice, company):
    first, second = log_in(api), log_in(api)

    assert first != second
    assert client_with(api, first).get("/api/v1/companies/").status_code == 200
    assert client_with(api, second).get("/api/v1/companies/").status_code == 200


def test_logout_revokes_only_the_token_it_is_sent_with(api, alice):
    kept, revoked = log_in(api), log_in(api)

    response = client_with(api, revoked).post("/api/v1/auth/logout/")

    assert response.status_code == 204
    assert client_with(api, revoked).get("/api/v1/companies/").status_code == 401
    assert client_with(api, kept).get("/api/v1/companies/").status_code == 200


def test_logout_all_revokes_every_token_of_the_person_only(api, alice, bob):
    first, second = log_in(api), log_in(api)
    bob_client = api(bob)

    response = client_with(api, first).post("/api/v1/auth/logout-all/")

    assert response.status_code == 204
    assert not api_token_exists(first)
    assert not api_token_exists(second)
    assert bob_client.get("/api/v1/companies/").status_code == 200


def test_logout_needs_a_token(api, db):
    assert api().post("/api/v1/auth/logout/").status_code == 401
    assert api().post("/api/v1/auth/logout-all/").status_code == 401


def test_an_expired_token_no_longer_works(api, alice):
    token = log_in(api)
    AuthToken.objects.filter(user=alice).update(expiry=timezone.now() - timedelta(seconds=1))

    response = client_with(api, token).get("/api/v1/companies/")

    assert response.status_code == 401
    assert not api_token_exists(token)


def test_a_token_in_use_stays_valid_but_never_past_its_maximum_age(api, alice):
    token = log_in(api)
    issued = AuthToken.objects.get(user=alice)
    # Used again a day before it would expire: the expiry moves on by the time to live…
    AuthToken.objects.filter(pk=issued.pk).update(
        created=timezone.now() - timedelta(days=29), expiry=timezone.now() + timedelta(days=1)
    )
    assert client_with(api, token).get("/api/v1/companies/").status_code == 200
    assert AuthToken.objects.get(pk=issued.pk).expiry > timezone.now() + timedelta(days=29)

    # …but a token issued a year ago is not renewed past its maximum age.
    AuthToken.objects.filter(pk=issued.pk).update(
        created=timezone.now() - timedelta(days=365), expiry=timezone.now() + timedelta(days=1)
    )
    client_with(api, token).get("/api/v1/companies/")
    assert AuthToken.objects.get(pk=issued.pk).expiry < timezone.now() + timedelta(days=2)


def test_a_person_holds_a_bounded_number_of_tokens(api, alice, settings):
    settings.API_TOKEN_LIMIT_PER_USER = 2
    log_in(api)
    log_in(api)

    response = api().post(URL, CREDENTIALS)

    assert response.status_code == 409
    assert error(response)["code"] == "token_limit_reached"
    assert "You already have 2 API tokens" in error(response)["message"]
    assert AuthToken.objects.filter(user=alice).count() == 2


def test_expired_tokens_do_not_count_towards_the_limit(api, alice, settings):
    settings.API_TOKEN_LIMIT_PER_USER = 1
    log_in(api)
    AuthToken.objects.filter(user=alice).update(expiry=timezone.now() - timedelta(seconds=1))

    assert api().post(URL, CREDENTIALS).status_code == 200


def test_it_refuses_a_wrong_password_with_a_message(api, alice):
    response = api().post(URL, {"username": "alice", "password": "wrong"})

    assert response.status_code == 400
    assert error(response) == {
        "type": "invalid_request",
        "code": "authorization",
        "message": "Unable to log in with provided credentials.",
    }
    assert not AuthToken.objects.filter(user=alice).exists()


def test_it_refuses_an_unknown_username(api, db):
    response = api().post(URL, {"username": "nobody", "password": "correct-horse-battery"})

    assert response.status_code == 400
    assert error(response)["code"] == "authorization"


def test_it_names_missing_fields(api, db):
    response = api().post(URL, {})

    assert response.status_code == 400
    assert field_messages(response) == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_the_token_authenticates_later_requests(api, alice, company):
    token = api().post(URL, {"username": "alice", "password": "correct-horse-battery"}).json()
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")

    response = client.get("/api/v1/companies/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [company.id]


def test_a_protected_endpoint_answers_401_without_credentials(api, db):
    response = api().get("/api/v1/companies/")

    assert response.status_code == 401
    assert error(response) == {
        "type": "authentication_error",
        "code": "not_authenticated",
        "message": "Authentication credentials were not provided.",
    }
    assert response["WWW-Authenticate"] == "Token"


def test_a_protected_endpoint_answers_401_for_a_made_up_token(api, db):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/v1/companies/")

    assert response.status_code == 401
    assert error(response) == {
        "type": "authentication_error",
        "code": "authentication_failed",
        "message": "Invalid token.",
    }


def ask(api, username="alice", password="correct-horse-battery", **request):
    return api().post(URL, {"username": username, "password": password}, **request)


def lock_out(api, username="alice", **request):
    """Wrong passwords up to the limit: the last one is answered with the lockout."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert ask(api, username, "wrong", **request).status_code == 400
    return ask(api, username, "wrong", **request)


def test_too_many_wrong_passwords_lock_the_username_out_with_429(api, alice):
    locked = lock_out(api)
    right_password = ask(api)

    cool_off = int(settings.AXES_COOLOFF_TIME.total_seconds())
    for response in (locked, right_password):
        assert response.status_code == 429
        assert response["Retry-After"] == str(cool_off)
        assert error(response) == {
            "type": "rate_limited",
            "code": "locked_out",
            "message": "Too many failed attempts to log in to this account from your network. "
            f"Expected available in {cool_off} seconds.",
        }
    assert not AuthToken.objects.filter(user=alice).exists()


def test_the_lockout_defaults_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_a_lockout_holds_one_username_from_one_address_only(api, alice, bob):
    lock_out(api, "alice")

    # A colleague behind the same office address, and Alice from elsewhere, still log in.
    assert ask(api, "bob").status_code == 200
    assert ask(api, "alice", REMOTE_ADDR="203.0.113.7").status_code == 200
    assert ask(api, "alice").status_code == 429


def test_the_lockout_ends_after_the_cool_off(api, alice):
    lock_out(api)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)

    assert ask(api).status_code == 200


def test_a_right_password_clears_the_earlier_failures(api, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        ask(api, password="wrong")
    assert ask(api).status_code == 200

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert ask(api, password="wrong").status_code == 400
    assert ask(api).status_code == 200


def test_tries_from_one_address_are_throttled_whatever_the_username(api, alice, bob, rates):
    rates(login="3/minute")
    for username in ("alice", "bob", "nobody"):
        assert ask(api, username, "wrong").status_code == 400

    response = ask(api, "charlie", "wrong")

    assert_throttled(response, seconds=60)
    # Throttled before any password is checked: the refused try counts against nobody.
    assert not AccessAttempt.objects.filter(username="charlie").exists()


def test_another_address_has_its_own_count(api, alice, rates):
    rates(login="1/minute")
    assert ask(api).status_code == 200

    assert ask(api).status_code == 429
    assert ask(api, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_a_forged_forwarded_for_header_does_not_buy_a_new_count(api, alice, rates):
    """Without a proxy in front (DJANGO_NUM_PROXIES=0), X-Forwarded-For is the caller's word."""
    rates(login="1/minute")
    assert ask(api).status_code == 200

    assert ask(api, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


def test_behind_a_proxy_the_forwarded_client_address_is_counted(api, alice, rates, settings):
    rates(login="1/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert ask(api, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 200

    assert ask(api, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429
    assert ask(api, HTTP_X_FORWARDED_FOR="forged, 198.51.100.10").status_code == 200


def test_a_username_longer_than_any_account_can_have_is_refused(api, db):
    response = ask(api, "u" * 151)

    assert response.status_code == 400
    assert field_messages(response) == {
        "username": ["Ensure this field has no more than 150 characters."]
    }
    assert not AccessAttempt.objects.exists()


def test_a_forwarded_for_that_is_no_address_counts_as_the_connections(api, alice, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    response = ask(api, password="wrong", HTTP_X_FORWARDED_FOR="not-an-address")

    assert response.status_code == 400
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


# --- The same rule as the site: a verified email address first --------------------------------


def test_an_account_whose_address_is_not_verified_gets_no_token(api, db):
    dana = UserFactory(username="dana", email_verified=False)
    EmailAddress.objects.create(user=dana, email=dana.email, primary=True, verified=False)

    response = api().post(URL, {"username": "dana", "password": "correct-horse-battery"})

    assert response.status_code == 403
    refusal = error(response)
    assert refusal["code"] == "email_unverified"
    assert refusal["message"] == (
        "Confirm your email address first, with the link we emailed you when you signed up. "
        "Log in on the Norte site to be sent a new link."
    )
    assert not AuthToken.objects.filter(user=dana).exists()


def test_an_account_with_no_address_row_gets_no_token_either(api, db):
    """Made by `createsuperuser` or in the admin, say: staff give it a verified address there."""
    UserFactory(username="dana", email_verified=False)

    response = api().post(URL, {"username": "dana", "password": "correct-horse-battery"})

    assert response.status_code == 403
    assert error(response)["code"] == "email_unverified"


def test_the_refusal_is_in_the_callers_language(api, db):
    UserFactory(username="dana", email_verified=False)

    response = api().post(
        URL,
        {"username": "dana", "password": "correct-horse-battery"},
        headers={"accept-language": "es-MX"},
    )

    assert error(response)["message"].startswith("Primero confirme su dirección de correo")


def test_a_wrong_password_for_an_unverified_account_is_still_a_400(api, db):
    """Nothing about the address is told to someone who does not know the password."""
    UserFactory(username="dana", email_verified=False)

    response = api().post(URL, {"username": "dana", "password": "wrong"})

    assert response.status_code == 400


def test_once_the_link_is_confirmed_the_api_gives_a_token(api, db):
    dana = UserFactory(username="dana", email_verified=False)
    address = EmailAddress.objects.create(user=dana, email=dana.email, primary=True, verified=False)
    address.verified = True
    address.save()

    response = api().post(URL, {"username": "dana", "password": "correct-horse-battery"})

    assert response.status_code == 200
