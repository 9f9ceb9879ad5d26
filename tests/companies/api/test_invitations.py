"""Invitations through the API: `GET/POST /api/v1/{companies,vendors}/{id}/invitations/`,
`DELETE /api/v1/invitations/{id}/` and `POST /api/v1/invitations/accept/` — the same services and
refusals as the Team page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from companies.choices import Role
from companies.models import Invitation, Membership

from ...errors import error, field_codes, refused_fields

pytestmark = pytest.mark.django_db


def invitations_url(organisation, kind="companies") -> str:
    return f"/api/v1/{kind}/{organisation.pk}/invitations/"


def invite(api, user, organisation, kind="companies", **payload):
    return api(user).post(
        invitations_url(organisation, kind), {"email": "diana@example.com", **payload}
    )


def token_from_mail() -> str:
    return re.search(r"/invitations/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_the_owner_invites_and_the_invitee_gets_a_link(
    api, alice, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(api, alice, company, role="owner")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "email",
        "role",
        "company",
        "vendor",
        "invited_by",
        "created_at",
        "updated_at",
        "expires_at",
        "sent_at",
    }
    assert (body["email"], body["role"], body["company"], body["invited_by"]) == (
        "diana@example.com",
        "owner",
        company.pk,
        "alice",
    )
    assert mail.outbox[-1].to == ["diana@example.com"]
    assert "http://testserver/invitations/" in mail.outbox[-1].body
    assert "token" not in response.content.decode()
    # The response is written before the mail task runs after commit.
    assert body["sent_at"] is None
    assert Invitation.objects.get(pk=body["id"]).sent_at is not None


def test_members_list_pending_invitations_and_outsiders_cannot(api, alice, bob, olga, company):
    invite(api, alice, company)

    listed = api(bob).get(invitations_url(company))

    assert listed.status_code == 200
    assert [i["email"] for i in listed.json()["results"]] == ["diana@example.com"]
    assert api(olga).get(invitations_url(company)).status_code == 404


def test_pending_invitations_are_paginated_like_every_list(api, alice, company):
    for n in range(3):
        invite(api, alice, company, email=f"guest{n}@example.com")

    body = api(alice).get(invitations_url(company), {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert body["previous"] is None


def test_the_vendor_directorys_filters_do_not_apply_to_its_invitations(api, vera, vendor):
    """`?province=QC` used to hide an Ontario vendor from its own invitations route (404), and
    `?min_level=0` answered 400 before anyone was asked to sign in. They are no filters of the
    invitations: unknown parameters, refused once the caller may see the list."""
    invite(api, vera, vendor, kind="vendors")
    url = invitations_url(vendor, "vendors")

    refused = api(vera).get(url, {"province": "QC", "min_level": 0})

    assert refused.status_code == 400
    assert set(refused_fields(refused)) == {"province", "min_level"}
    assert api(vera).get(url).json()["count"] == 1
    assert api().get(url, {"min_level": 0}).status_code == 401
    assert api().get("/api/v1/vendors/0/invitations/", {"min_level": 0}).status_code == 401


@pytest.mark.parametrize("kind", ["companies", "vendors"])
def test_the_invitations_have_filters_of_their_own(api, alice, vera, company, vendor, kind):
    owner, organisation = (alice, company) if kind == "companies" else (vera, vendor)
    invite(api, owner, organisation, kind=kind)
    url = invitations_url(organisation, kind)
    sent = api(owner).get(url).json()["results"][0]["created_at"]

    since = api(owner).get(url, {"created_after": sent}).json()
    later = api(owner).get(url, {"created_after": "2999-01-01T00:00:00Z"}).json()

    assert (since["count"], later["count"]) == (1, 0)


def test_a_public_vendors_invitations_are_for_its_members_only(api, vera, victor, charlie, vendor):
    invite(api, vera, vendor, kind="vendors")

    assert api(victor).get(invitations_url(vendor, "vendors")).status_code == 200
    assert api(charlie).get(invitations_url(vendor, "vendors")).status_code == 403
    assert api().get(invitations_url(vendor, "vendors")).status_code == 401


@pytest.mark.parametrize(
    ("user", "status"), [("bob", 403), ("olga", 404), ("charlie", 404), (None, 401)]
)
def test_only_owners_and_staff_invite(api, request, company, alice, user, status):
    actor = request.getfixturevalue(user) if user else None

    assert invite(api, actor, company).status_code == status
    assert not Invitation.objects.exists()


def test_staff_invite_to_any_organisation(api, staff, vendor):
    assert invite(api, staff, vendor, kind="vendors").status_code == 201


@pytest.mark.parametrize(
    ("payload", "codes"),
    [
        ({"email": "not-an-email"}, {"email": ["invalid"]}),
        ({"role": "boss"}, {"role": ["invalid_choice"]}),
        ({"email": ""}, {"email": ["blank"]}),
    ],
)
def test_bad_input_is_400_with_the_field(api, alice, company, payload, codes):
    response = invite(api, alice, company, **payload)

    assert response.status_code == 400
    assert field_codes(response) == codes
    assert not Invitation.objects.exists()


def test_a_second_pending_invitation_and_a_member_are_refused_with_409(api, alice, bob, company):
    invite(api, alice, company)

    again = invite(api, alice, company, email="DIANA@example.com")
    member = invite(api, alice, company, email=bob.email)

    assert again.status_code == 409
    assert error(again)["code"] == "already_invited"
    assert "already has a pending invitation" in error(again)["message"]
    assert member.status_code == 409
    assert error(member)["code"] == "already_member"
    assert Invitation.objects.count() == 1


def test_accepting_joins_the_organisation_once(
    api, alice, charlie, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(api, alice, company, role="member")
    token = token_from_mail()

    response = api(charlie).post("/api/v1/invitations/accept/", {"token": token})

    assert response.status_code == 201
    assert response.json()["company"] == company.pk
    assert charlie.membership.role == Role.MEMBER
    again = api(charlie).post("/api/v1/invitations/accept/", {"token": token})
    assert again.status_code == 409
    assert error(again)["code"] == "already_in_organisation"
    assert "You already belong to Operadora Azteca" in error(again)["message"]


@pytest.mark.parametrize(
    ("user", "status", "code"),
    [
        ("olga", 409, "already_in_organisation"),
        ("staff", 403, "staff_cannot_join"),
        (None, 401, "not_authenticated"),
    ],
)
def test_people_who_may_not_join_are_refused(
    api, request, alice, company, user, status, code, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(api, alice, company)
    actor = request.getfixturevalue(user) if user else None

    response = api(actor).post("/api/v1/invitations/accept/", {"token": token_from_mail()})

    assert response.status_code == status
    assert error(response)["code"] == code
    assert Invitation.objects.get().accepted_at is None
    assert Membership.objects.filter(company=company).count() == 1


def test_an_unknown_token_is_400(api, charlie):
    response = api(charlie).post("/api/v1/invitations/accept/", {"token": "nope"})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "token": [{"code": "invalid_token", "message": "This invitation link is not valid."}]
    }


def test_the_owner_withdraws_and_the_link_stops_working(
    api, alice, bob, charlie, olga, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pk = invite(api, alice, company).json()["id"]
    url = f"/api/v1/invitations/{pk}/"

    assert api(olga).delete(url).status_code == 404
    assert api(bob).delete(url).status_code == 403
    assert api(alice).delete(url).status_code == 204
    assert api(alice).delete(url).status_code == 404  # no longer pending

    response = api(charlie).post("/api/v1/invitations/accept/", {"token": token_from_mail()})
    assert response.status_code == 409
    assert error(response)["code"] == "invitation_withdrawn"
    assert "withdrawn" in error(response)["message"]
    assert Invitation.objects.get().revoked_at is not None


@pytest.mark.parametrize("kind", ["companies", "vendors"])
def test_anonymous_callers_get_401_before_anything_else_is_looked_at(api, kind):
    # No such organisation, and a filter of the vendor directory that would be invalid here.
    response = api().get(f"/api/v1/{kind}/0/invitations/", {"min_level": 0})

    assert response.status_code == 401


@pytest.mark.parametrize("user, status", [("staff", 403), ("alice", 409)])
def test_who_may_join_is_checked_before_the_token(request, api, user, status):
    response = api(request.getfixturevalue(user)).post(
        "/api/v1/invitations/accept/", {"token": "no-such-token"}
    )

    assert response.status_code == status


def test_invitations_are_throttled_per_user(api, alice, company, rates):
    rates(invitations="2/hour")
    invite(api, alice, company, email="diana@example.com")
    invite(api, alice, company, email="ernesto@example.com")

    response = invite(api, alice, company, email="fabiola@example.com")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert error(response) == {
        "type": "rate_limited",
        "code": "throttled",
        "message": "Request was throttled. Expected available in 3600 seconds.",
    }
    assert Invitation.objects.count() == 2


def test_listing_invitations_is_not_counted(api, alice, company, rates):
    rates(invitations="1/hour")
    for _ in range(3):
        assert api(alice).get(invitations_url(company)).status_code == 200

    assert invite(api, alice, company).status_code == 201


@pytest.mark.parametrize(
    ("state", "code"),
    [
        ({"accepted_at": timedelta(0)}, "invitation_accepted"),
        ({"revoked_at": timedelta(0)}, "invitation_withdrawn"),
        ({"expires_at": -timedelta(days=1)}, "invitation_expired"),
    ],
)
def test_a_link_that_no_longer_works_is_a_409_saying_why(api, alice, charlie, company, state, code):
    now = timezone.now()
    Invitation.objects.create(
        company=company,
        email="charlie@example.com",
        role=Role.MEMBER,
        invited_by=alice,
        token_hash=Invitation.hash_token("the-token"),
        **{"expires_at": now + timedelta(days=7), **{key: now + by for key, by in state.items()}},
    )

    response = api(charlie).post("/api/v1/invitations/accept/", {"token": "the-token"})

    assert response.status_code == 409
    assert error(response)["type"] == "conflict"
    assert error(response)["code"] == code
    assert not Membership.objects.filter(user=charlie).exists()
