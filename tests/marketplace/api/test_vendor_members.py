"""POST /api/vendors/{id}/members/: a vendor's owners (and staff) add people to it."""

import pytest

from companies.choices import Role
from companies.models import Membership, User


def members_url(vendor):
    return f"/api/vendors/{vendor.pk}/members/"


NEW_PERSON = {"username": "wendy", "email": "wendy@example.ca", "role": "member"}


def test_the_owner_adds_a_new_person_as_a_member(api, vera, vendor):
    response = api(vera).post(members_url(vendor), NEW_PERSON)

    assert response.status_code == 201
    body = response.json()
    membership = Membership.objects.get(user__username="wendy")
    assert body == {
        "id": membership.pk,
        "username": "wendy",
        "email": "wendy@example.ca",
        "role": "member",
        "company": None,
        "vendor": vendor.pk,
        "created_at": body["created_at"],
    }
    assert membership.vendor == vendor
    # Without a password the account waits for a password reset.
    assert not membership.user.has_usable_password()


def test_the_new_member_logs_in_with_the_password_given(api, vera, vendor):
    api(vera).post(members_url(vendor), {**NEW_PERSON, "password": "long-enough-secret-42"})

    response = api().post(
        "/api/auth/token/", {"username": "wendy", "password": "long-enough-secret-42"}
    )

    assert response.status_code == 200
    assert "token" in response.json()


def test_the_owner_adds_another_owner(api, vera, vendor):
    response = api(vera).post(members_url(vendor), {**NEW_PERSON, "role": "owner"})

    assert response.status_code == 201
    assert Membership.objects.get(user__username="wendy").role == Role.OWNER


def test_the_owner_adds_an_existing_user_without_an_organisation(api, vera, vendor, charlie):
    response = api(vera).post(
        members_url(vendor), {"username": "charlie", "email": "charlie@example.com"}
    )

    assert response.status_code == 201
    assert response.json()["role"] == "member"
    charlie.refresh_from_db()
    assert charlie.membership.vendor == vendor


def test_staff_add_a_member_to_any_vendor(api, staff, pending_vendor):
    response = api(staff).post(members_url(pending_vendor), NEW_PERSON)

    assert response.status_code == 201
    assert Membership.objects.get(user__username="wendy").vendor == pending_vendor


def test_a_member_cannot_add_people(api, victor, vendor):
    response = api(victor).post(members_url(vendor), NEW_PERSON)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only the organisation's owners and Norte staff can change it."
    }
    assert not User.objects.filter(username="wendy").exists()


def test_an_outsider_cannot_add_people_to_an_approved_vendor(api, charlie, vendor):
    response = api(charlie).post(members_url(vendor), NEW_PERSON)

    assert response.status_code == 403
    assert not User.objects.filter(username="wendy").exists()


def test_an_outsider_gets_404_for_a_pending_vendor(api, charlie, pending_vendor):
    response = api(charlie).post(members_url(pending_vendor), NEW_PERSON)

    assert response.status_code == 404
    assert not User.objects.filter(username="wendy").exists()


def test_another_vendors_owner_cannot_add_people(api, pablo, vendor):
    response = api(pablo).post(members_url(vendor), NEW_PERSON)

    assert response.status_code == 403
    assert not User.objects.filter(username="wendy").exists()


def test_anonymous_cannot_add_people(api, vendor):
    response = api().post(members_url(vendor), NEW_PERSON)

    assert response.status_code == 401
    assert not User.objects.filter(username="wendy").exists()


@pytest.mark.parametrize("who", ["bob", "victor", "pablo"])
def test_someone_already_in_an_organisation_is_a_conflict(request, api, vera, vendor, who):
    person = request.getfixturevalue(who)
    organisation_before = person.membership.organisation
    before = Membership.objects.count()

    response = api(vera).post(members_url(vendor), {"username": who, "email": f"{who}@example.com"})

    assert response.status_code == 409
    assert response.json() == {"detail": f"{who} already belongs to an organisation."}
    assert Membership.objects.count() == before
    person.refresh_from_db()
    assert person.membership.organisation == organisation_before


def test_a_weak_password_is_refused_and_no_account_is_made(api, vera, vendor):
    response = api(vera).post(members_url(vendor), {**NEW_PERSON, "password": "123"})

    assert response.status_code == 400
    assert (
        "This password is too short. It must contain at least 8 characters."
        in (response.json()["password"])
    )
    assert not User.objects.filter(username="wendy").exists()


def test_an_unknown_role_is_refused(api, vera, vendor):
    response = api(vera).post(members_url(vendor), {**NEW_PERSON, "role": "admin"})

    assert response.status_code == 400
    assert response.json() == {"role": ['"admin" is not a valid choice.']}
    assert not User.objects.filter(username="wendy").exists()


def test_username_and_email_are_required(api, vera, vendor):
    response = api(vera).post(members_url(vendor), {})

    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field is required."],
        "email": ["This field is required."],
    }
