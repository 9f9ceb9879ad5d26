"""Joining an organisation is always the person's own act: an owner (or staff) cannot pull an
existing account into a company or a vendor, and nothing tells them whether a username exists.
The only way in is an invitation the person accepts (tests/companies/api/test_invitations.py)."""

import pytest

from companies.models import Membership, User

pytestmark = pytest.mark.django_db


def enrol(api, actor, organisation, kind, username):
    return api(actor).post(
        f"/api/v1/{kind}/{organisation.pk}/members/",
        {"username": username, "email": f"{username}@example.com", "role": "member"},
    )


@pytest.mark.parametrize("kind", ["companies", "vendors"])
@pytest.mark.parametrize("actor", ["owner", "staff"])
def test_no_one_can_enrol_an_existing_account(request, api, kind, actor, charlie, staff):
    organisation = request.getfixturevalue("company" if kind == "companies" else "vendor")
    owner = request.getfixturevalue("alice" if kind == "companies" else "vera")
    who = owner if actor == "owner" else staff

    response = enrol(api, who, organisation, kind, charlie.username)

    assert response.status_code == 404
    assert not Membership.objects.filter(user=charlie).exists()


def test_staff_cannot_be_pulled_into_a_company(api, alice, company, staff):
    enrol(api, alice, company, "companies", staff.username)

    assert not Membership.objects.filter(user=staff).exists()


def test_the_answer_does_not_reveal_whether_a_username_exists(api, alice, company, charlie):
    existing = enrol(api, alice, company, "companies", charlie.username)
    unknown = enrol(api, alice, company, "companies", "nobody-by-this-name")

    assert existing.status_code == unknown.status_code == 404
    assert charlie.username not in existing.content.decode()
    assert not User.objects.filter(username="nobody-by-this-name").exists()
