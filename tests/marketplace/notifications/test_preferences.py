"""The preference services and selectors: defaults, choices, and what they refuse."""

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection

from companies.services import user_language_set
from marketplace.events.models import Event
from marketplace.notifications.emails import ALL_KINDS, unsubscribe_token
from marketplace.notifications.models import NotificationPreference
from marketplace.notifications.selectors import (
    DEFAULT_EMAIL,
    UnsubscribeLinkInvalid,
    notification_email_address,
    notification_preference_for,
    notification_preferences_for,
)
from marketplace.notifications.services import (
    notification_preference_set,
    notification_preferences_set,
    notification_preferences_set_all,
    notification_settings_set,
    notification_unsubscribe,
)

from ...factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = Event.Kind


def test_without_a_choice_each_kind_has_its_default(vera):
    preferences = notification_preferences_for(user=vera)

    assert {p.kind: p.email for p in preferences} == {str(k): v for k, v in DEFAULT_EMAIL.items()}
    assert all(p.is_default for p in preferences)


def test_a_choice_replaces_the_default_and_a_second_replaces_the_first(vera):
    notification_preference_set(user=vera, kind=Kind.QUESTION_ASKED, email="daily")
    notification_preference_set(user=vera, kind=Kind.QUESTION_ASKED, email="never")

    preference = notification_preference_for(user=vera, kind=Kind.QUESTION_ASKED)
    assert (preference.email, preference.is_default) == ("never", False)
    assert NotificationPreference.objects.filter(user=vera).count() == 1


@pytest.mark.parametrize(
    ("kind", "email", "field"),
    [(Kind.QUESTION_ASKED, "weekly", "email"), ("tender.vanished", "never", "kind")],
)
def test_it_refuses_what_is_not_a_choice(vera, kind, email, field):
    with pytest.raises(ValidationError) as refused:
        notification_preference_set(user=vera, kind=kind, email=email)

    assert field in refused.value.message_dict
    assert not NotificationPreference.objects.exists()


def test_several_choices_are_saved_all_or_none(vera):
    with pytest.raises(ValidationError):
        notification_preferences_set(
            user=vera, emails={Kind.QUESTION_ASKED: "never", Kind.REVIEW_POSTED: "weekly"}
        )

    assert not NotificationPreference.objects.exists()


def test_no_email_at_all_is_never_for_every_kind(vera):
    notification_preferences_set_all(user=vera, email="never")

    assert {p.email for p in notification_preferences_for(user=vera)} == {"never"}


def test_the_address_is_the_persons_verified_one_while_they_are_active(vera):
    assert notification_email_address(user=vera) == "vera@example.com"
    vera.is_active = False
    assert notification_email_address(user=vera) is None


def test_an_address_only_typed_in_is_never_written_to(db):
    unverified = UserFactory(email="typed@example.com", email_verified=False)

    assert notification_email_address(user=unverified) is None


def test_the_language_of_emails_is_one_the_site_speaks(vera):
    user_language_set(user=vera, language="fr-ca")
    vera.refresh_from_db()
    assert vera.language == "fr-ca"

    with pytest.raises(ValidationError):
        user_language_set(user=vera, language="de")
    vera.refresh_from_db()
    assert vera.language == "fr-ca"


def test_a_choice_saved_at_the_same_time_by_another_request_is_replaced_not_an_error(vera):
    """Two saves at once (a double-clicked unsubscribe, two PATCHes) both look and find no
    row; the second insert then meets the first's row in the unique constraint."""
    NotificationPreference.objects.create(user=vera, kind=Kind.QUESTION_ASKED, email="daily")
    looked = []

    def first_look_misses_it(execute, sql, params, many, context):
        # Our look-up ran before the other request's row was committed: it saw none.
        if not looked and sql.startswith("SELECT") and "notificationpreference" in sql:
            looked.append(sql)
            sql = sql.replace("WHERE", "WHERE 1 = 0 AND", 1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(first_look_misses_it):
        notification_preference_set(user=vera, kind=Kind.QUESTION_ASKED, email="never")

    assert looked
    assert list(NotificationPreference.objects.filter(user=vera).values_list("kind", "email")) == [
        (Kind.QUESTION_ASKED, "never")
    ]


# --- The preferences page's one service, and the unsubscribe link's ---------------------------


def test_the_page_saves_the_language_and_the_choices_together(vera):
    notification_settings_set(user=vera, language="fr-ca", emails={Kind.QUESTION_ASKED: "never"})

    vera.refresh_from_db()
    assert vera.language == "fr-ca"
    assert notification_preference_for(user=vera, kind=Kind.QUESTION_ASKED).email == "never"


def test_the_page_saves_nothing_when_a_choice_is_refused(vera):
    with pytest.raises(ValidationError):
        notification_settings_set(
            user=vera, language="fr-ca", emails={Kind.QUESTION_ASKED: "hourly"}
        )

    vera.refresh_from_db()
    assert vera.language != "fr-ca"
    assert not NotificationPreference.objects.exists()


def test_an_unsubscribe_link_stops_its_kind_only(vera):
    stopped = notification_unsubscribe(token=unsubscribe_token(user=vera, kind=Kind.QUESTION_ASKED))

    assert (stopped.user, stopped.kind) == (vera, Kind.QUESTION_ASKED)
    assert list(NotificationPreference.objects.values_list("kind", "email")) == [
        (Kind.QUESTION_ASKED, "never")
    ]


@pytest.mark.parametrize("kind", [Kind.QUESTION_ASKED, ALL_KINDS])
def test_an_unsubscribe_from_all_stops_every_kind(vera, kind):
    every = kind != ALL_KINDS  # a digest's link names every kind itself

    stopped = notification_unsubscribe(token=unsubscribe_token(user=vera, kind=kind), every=every)

    assert stopped.kind == ALL_KINDS and stopped.kind_label is None
    assert {p.email for p in notification_preferences_for(user=vera)} == {"never"}


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"user": 1, "kind": ""}, salt="another.salt"),
        "inactive",
        "unknown-kind",
    ],
    # Named, not shown: the signed token carries the time, and the processes of `pytest -n`
    # must collect the same test ids.
    ids=["not-a-token", "signed-with-another-salt", "inactive", "unknown-kind"],
)
def test_an_unsubscribe_link_that_names_nothing_is_refused_and_changes_nothing(vera, token):
    if token == "inactive":
        token = unsubscribe_token(user=UserFactory(is_active=False))
    if token == "unknown-kind":
        token = unsubscribe_token(user=vera, kind="request.teleported")

    with pytest.raises(UnsubscribeLinkInvalid):
        notification_unsubscribe(token=token)

    assert not NotificationPreference.objects.exists()
