"""Company and membership rules the database enforces, even for code that skips validation."""

import pytest
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction

from companies.choices import Role
from companies.models import TEXT_LIMIT, Company, Membership, User

from ..factories import CompanyFactory, UserFactory, VendorFactory, api_token

pytestmark = pytest.mark.django_db


def test_two_companies_cannot_share_an_rfc(company):
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.create(
            name="Copia", slug="copia", rfc=company.rfc, state="JAL", city="Zapopan"
        )
    assert Company.objects.filter(rfc=company.rfc).count() == 1


def test_bulk_create_cannot_share_an_rfc_either(company):
    twin = Company(name="Copia", slug="copia", rfc=company.rfc, state="JAL", city="Zapopan")
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.bulk_create([twin])


def test_full_clean_reports_a_duplicate_rfc_with_the_constraint_message(company):
    twin = Company(name="Copia", slug="copia", rfc=company.rfc, state="JAL", city="Zapopan")
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert "A company with this RFC is already registered." in caught.value.messages


def test_full_clean_stores_the_rfc_upper_case():
    company = CompanyFactory.build(rfc="gja150310k75")
    company.full_clean()
    assert company.rfc == "GJA150310K75"


def test_a_membership_needs_an_organisation():
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(username="charlie"), role=Role.MEMBER)
    assert not Membership.objects.exists()


def test_a_membership_cannot_be_for_a_company_and_a_vendor_at_once(company, vendor):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=UserFactory(username="charlie"), company=company, vendor=vendor
        )
    assert not Membership.objects.exists()


def test_full_clean_reports_a_membership_without_organisation():
    membership = Membership(user=UserFactory(username="charlie"), role=Role.MEMBER)
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert caught.value.messages == ["A membership is for one company or one vendor."]


def test_a_person_has_one_membership_only(alice, company, other_company):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=alice, company=other_company, role=Role.MEMBER)
    assert Membership.objects.get(user=alice).company == company


def test_a_user_knows_their_organisation(alice, company, vera, vendor, charlie):
    assert alice.organisation == company
    assert vera.organisation == vendor
    assert charlie.organisation is None
    assert alice.membership.is_owner
    assert str(alice.membership) == "alice · Operadora Azteca (owner)"


def test_a_vendor_membership_points_at_the_vendor():
    membership = Membership.objects.create(
        user=UserFactory(username="vera"), vendor=VendorFactory(), role=Role.OWNER
    )
    assert membership.organisation == membership.vendor


# --- A password change signs the person out of the API ---------------------------------------


def token_of(user) -> str:
    return api_token(user)


def still_works(api, key: str) -> bool:
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/companies/").status_code == 200


def test_a_new_password_revokes_the_users_api_token_only(api, alice, bob):
    alices, bobs = token_of(alice), token_of(bob)

    alice.set_password("poutine-sunrise-7")
    alice.save()

    assert not still_works(api, alices)
    assert still_works(api, bobs)


def test_saving_other_changes_keeps_the_token(api, alice):
    key = token_of(alice)

    alice.first_name = "Alicia"
    alice.save()

    assert still_works(api, key)


def test_a_password_hash_upgraded_at_login_is_no_change(api, alice, client):
    # A salt too short for today's hasher: Django re-hashes the password when it is next used.
    weak = make_password("correct-horse-battery", salt="a", hasher="md5")
    User.objects.filter(pk=alice.pk).update(password=weak)
    key = token_of(alice)

    client.post("/accounts/login/", {"login": "alice", "password": "correct-horse-battery"})

    alice.refresh_from_db()
    assert alice.password != weak
    assert still_works(api, key)


# Texts Norte writes itself, never a person: why a matching run failed.
WRITTEN_BY_NORTE = {"marketplace.MatchRun.error"}


def test_every_text_a_person_writes_has_a_limit_the_model_checks():
    unlimited = [
        f"{model._meta.label}.{field.name}"
        for app in ("companies", "marketplace", "tenders", "notifications", "webhooks")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and f"{model._meta.label}.{field.name}" not in WRITTEN_BY_NORTE
        and not (field.max_length and MaxLengthValidator(field.max_length) in field.validators)
    ]

    assert unlimited == []


def test_a_description_over_the_limit_is_refused_by_the_model(company):
    company.description = "x" * (TEXT_LIMIT + 1)

    with pytest.raises(ValidationError) as refused:
        company.full_clean()

    assert refused.value.message_dict == {
        "description": [
            f"Ensure this value has at most {TEXT_LIMIT} characters (it has {TEXT_LIMIT + 1})."
        ]
    }
