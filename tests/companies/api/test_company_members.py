"""POST /api/companies/{id}/members/: owners and staff add people to a company, creating their
account when the username is new; a person belongs to one organisation only."""

import pytest

from companies.choices import Role
from companies.models import Membership, User

from ...factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "quetzal-maguey-2031"


def members_url(company) -> str:
    return f"/api/companies/{company.pk}/members/"


def newcomer(**overrides):
    return {"username": "diana", "email": "diana@azteca.example.mx", "role": "member", **overrides}


def test_the_owner_adds_a_new_person_who_can_log_in(api, alice, company):
    response = api(alice).post(members_url(company), newcomer(password=STRONG_PASSWORD))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "username", "email", "role", "company", "vendor", "created_at"}
    assert body["username"] == "diana"
    assert body["email"] == "diana@azteca.example.mx"
    assert body["role"] == "member"
    assert body["company"] == company.pk
    assert body["vendor"] is None
    assert "password" not in response.content.decode()

    diana = User.objects.get(username="diana")
    assert diana.membership.company == company
    assert diana.check_password(STRONG_PASSWORD)
    login = api().post("/api/auth/token/", {"username": "diana", "password": STRONG_PASSWORD})
    assert login.status_code == 200
    assert login.json()["token"]


def test_a_person_added_without_password_cannot_log_in_yet(api, alice, company):
    response = api(alice).post(members_url(company), newcomer())
    assert response.status_code == 201
    diana = User.objects.get(username="diana")
    assert not diana.has_usable_password()
    login = api().post("/api/auth/token/", {"username": "diana", "password": ""})
    assert login.status_code == 400


def test_the_owner_may_add_another_owner(api, alice, company):
    response = api(alice).post(members_url(company), newcomer(role="owner"))
    assert response.status_code == 201
    assert Membership.objects.get(user__username="diana").role == Role.OWNER


def test_the_role_defaults_to_member(api, alice, company):
    payload = newcomer()
    del payload["role"]
    response = api(alice).post(members_url(company), payload)
    assert response.status_code == 201
    assert response.json()["role"] == "member"


def test_staff_add_people_to_any_company(api, staff, other_company):
    response = api(staff).post(members_url(other_company), newcomer(role="owner"))
    assert response.status_code == 201
    assert User.objects.get(username="diana").membership.company == other_company


def test_an_existing_user_without_organisation_joins_without_a_new_account(
    api, alice, company, charlie
):
    users_before = User.objects.count()
    response = api(alice).post(
        members_url(company),
        {"username": "charlie", "email": "other@example.com", "role": "member"},
    )
    assert response.status_code == 201
    assert response.json()["username"] == "charlie"
    assert User.objects.count() == users_before
    charlie.refresh_from_db()
    assert charlie.membership.company == company
    # Their account is theirs: the email and password stay as they were.
    assert charlie.email == "charlie@example.com"
    assert charlie.check_password("correct-horse-battery")


@pytest.mark.parametrize("username", ["bob", "olga", "vera", "pablo"])
def test_a_person_already_in_an_organisation_is_refused_with_409(
    request, api, alice, company, username
):
    person = request.getfixturevalue(username)
    organisation_before = person.membership.organisation
    response = api(alice).post(
        members_url(company), {"username": username, "email": "x@example.com", "role": "owner"}
    )
    assert response.status_code == 409
    assert response.json() == {"detail": f"{username} already belongs to an organisation."}
    membership = Membership.objects.get(user=person)
    assert membership.organisation == organisation_before
    assert membership.role == person.membership.role


def test_a_member_cannot_add_people(api, bob, company):
    response = api(bob).post(members_url(company), newcomer())
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only the organisation's owners and Norte staff can change it."
    )
    assert not User.objects.filter(username="diana").exists()


@pytest.mark.parametrize("user", ["olga", "charlie", "vera"])
def test_outsiders_get_404(request, api, company, user):
    response = api(request.getfixturevalue(user)).post(members_url(company), newcomer())
    assert response.status_code == 404
    assert not User.objects.filter(username="diana").exists()


def test_it_requires_credentials(api, company):
    response = api().post(members_url(company), newcomer())
    assert response.status_code == 401
    assert not User.objects.filter(username="diana").exists()


@pytest.mark.parametrize("password", ["12345678", "password", "short", "diana2025"])
def test_it_refuses_a_weak_password_and_creates_nobody(api, alice, company, password):
    response = api(alice).post(members_url(company), newcomer(password=password))
    assert response.status_code == 400
    assert list(response.json()) == ["password"]
    assert response.json()["password"]
    assert not User.objects.filter(username="diana").exists()
    assert company.memberships.count() == 1


def test_it_explains_why_a_password_is_weak(api, alice, company):
    response = api(alice).post(members_url(company), newcomer(password="12345678"))
    assert "This password is entirely numeric." in response.json()["password"]
    assert "This password is too common." in response.json()["password"]


def test_it_refuses_a_bad_email(api, alice, company):
    response = api(alice).post(members_url(company), newcomer(email="not-an-email"))
    assert response.status_code == 400
    assert response.json() == {"email": ["Enter a valid email address."]}
    assert not User.objects.filter(username="diana").exists()


def test_it_refuses_an_unknown_role(api, alice, company):
    response = api(alice).post(members_url(company), newcomer(role="admin"))
    assert response.status_code == 400
    assert response.json() == {"role": ['"admin" is not a valid choice.']}
    assert not User.objects.filter(username="diana").exists()


def test_it_refuses_a_username_django_would_not_accept(api, alice, company):
    response = api(alice).post(members_url(company), newcomer(username="diana lópez!"))
    assert response.status_code == 400
    assert list(response.json()) == ["username"]
    assert User.objects.count() == 1


def test_it_names_missing_fields(api, alice, company):
    response = api(alice).post(members_url(company), {})
    assert response.status_code == 400
    assert set(response.json()) == {"username", "email"}


def test_a_vendor_owner_cannot_add_people_to_a_company(api, vera, company):
    UserFactory(username="diana")
    response = api(vera).post(members_url(company), {"username": "diana", "email": "d@x.mx"})
    assert response.status_code == 404
    assert not Membership.objects.filter(user__username="diana").exists()
