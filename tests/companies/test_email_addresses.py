"""Whose email address is verified: `user_verified_email` (the address Norte writes to),
`email_address_verified_set` (accounts Norte vouches for) and the migration that gave accounts
made before django-allauth their address."""

from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.exceptions import ValidationError

from companies.selectors import user_verified_email
from companies.services import email_address_verified_set

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

migration = import_module("companies.migrations.0006_email_addresses_of_existing_accounts")


def test_a_verified_primary_address_is_the_one_written_to(charlie):
    assert user_verified_email(user=charlie) == "charlie@example.com"


def test_an_unverified_address_is_none():
    dana = UserFactory(username="dana", email_verified=False)
    EmailAddress.objects.create(user=dana, email=dana.email, primary=True, verified=False)

    assert user_verified_email(user=dana) is None


def test_an_account_with_no_address_row_is_none():
    assert user_verified_email(user=UserFactory(username="dana", email_verified=False)) is None


def test_a_verified_address_that_is_not_primary_is_not_written_to():
    dana = UserFactory(username="dana", email_verified=False)
    EmailAddress.objects.create(user=dana, email="old@example.com", primary=False, verified=True)
    EmailAddress.objects.create(user=dana, email=dana.email, primary=True, verified=False)

    assert user_verified_email(user=dana) is None


def test_vouching_for_an_address_makes_it_the_primary_verified_one():
    dana = UserFactory(username="dana", email="Dana@Example.com", email_verified=False)
    EmailAddress.objects.create(user=dana, email="old@example.com", primary=True, verified=True)

    email_address_verified_set(user=dana)

    assert user_verified_email(user=dana) == "dana@example.com"
    assert EmailAddress.objects.get(email="old@example.com").primary is False


def test_vouching_twice_changes_nothing(charlie):
    email_address_verified_set(user=charlie)

    assert EmailAddress.objects.filter(user=charlie).count() == 1


def test_an_account_without_an_address_cannot_be_vouched_for():
    with pytest.raises(ValidationError):
        email_address_verified_set(
            user=UserFactory(username="dana", email="", email_verified=False)
        )


# --- The migration for accounts made before allauth -------------------------------------------


def test_existing_accounts_get_their_address_verified_and_primary():
    dana = UserFactory(username="dana", email="Dana@Example.com", email_verified=False)

    migration.email_addresses_create(apps, None)

    address = EmailAddress.objects.get(user=dana)
    assert (address.email, address.primary, address.verified) == ("dana@example.com", True, True)


def test_an_address_shared_by_several_accounts_is_verified_for_the_oldest_only():
    first = UserFactory(username="dana", email="dana@example.com", email_verified=False)
    second = UserFactory(username="dana2", email="DANA@example.com", email_verified=False)

    migration.email_addresses_create(apps, None)

    assert user_verified_email(user=first) == "dana@example.com"
    assert user_verified_email(user=second) is None
    assert EmailAddress.objects.get(user=second).primary


def test_accounts_with_a_row_or_no_address_are_left_alone(charlie):
    nameless = UserFactory(username="nameless", email="", email_verified=False)

    migration.email_addresses_create(apps, None)

    assert EmailAddress.objects.filter(user=charlie).count() == 1
    assert not EmailAddress.objects.filter(user=nameless).exists()


def test_an_address_someone_already_verified_is_not_verified_again_for_another():
    UserFactory(username="dana", email="dana@example.com")
    late = UserFactory(username="late", email="dana@example.com", email_verified=False)

    migration.email_addresses_create(apps, None)

    assert EmailAddress.objects.get(user=late).verified is False
