"""/team/: everyone in an organisation sees its members and pending invitations; its owners
invite people by email (POST /team/invitations/) and withdraw invitations
(POST /team/invitations/<pk>/revoke/)."""

import itertools
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from companies.choices import Role
from companies.models import Invitation
from tests.marketplace.web.pages import text

from ...factories import MembershipFactory

URL = "/team/"
INVITE_URL = "/team/invitations/"

_numbers = itertools.count()


def revoke_url(invitation) -> str:
    return f"/team/invitations/{invitation.pk}/revoke/"


def make_invitation(*, token=None, **fields):
    """An invitation saved directly; `/invitations/<token>/` opens it (only the hash is saved)."""
    n = next(_numbers)
    fields.setdefault("email", f"guest{n}@example.com")
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return Invitation.objects.create(
        token_hash=Invitation.hash_token(token or f"token-{n}"), **fields
    )


@pytest.fixture
def post_invitation(client, django_capture_on_commit_callbacks):
    """POST the invite form with the email sending on commit, as it would after the request."""

    def post(email="diana@example.com", role="member", **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(INVITE_URL, {"email": email, "role": role}, **kwargs)

    return post


def rows(response, section: str) -> list[str]:
    """The text of each body row of the table under the heading `section`."""
    html = response.content.decode()
    part = re.search(rf"<h2[^>]*>{section}</h2>(.*?)</section>", html, flags=re.S).group(1)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", part.split("<tbody>")[-1], flags=re.S)
    ]


# --- Who sees the team page ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL).url == f"/accounts/login/?next={URL}"


@pytest.mark.parametrize("username", ["charlie", "staff"])
def test_people_without_an_organisation_have_no_team_page(request, client, db, username):
    client.force_login(request.getfixturevalue(username))

    assert client.get(URL).status_code == 404


def test_the_owner_sees_the_members_owners_first(client, alice, bob, company):
    MembershipFactory(company=company, role=Role.OWNER, user__username="zoe")
    client.force_login(alice)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Team of Operadora Azteca" in text(response)
    members = rows(response, "Members")
    assert [row.split(" ")[0] for row in members] == ["alice", "zoe", "bob"]
    assert members[0].startswith("alice (you) alice@example.com Owner")
    assert members[2].startswith("bob bob@example.com Member")


def test_the_owner_sees_pending_invitations_with_a_withdraw_button_and_the_invite_form(
    client, alice, company
):
    invitation = make_invitation(company=company, email="diana@example.com", invited_by=alice)
    client.force_login(alice)

    response = client.get(URL)

    [row] = rows(response, "Pending invitations")
    assert row.startswith("diana@example.com Member alice")
    assert "Withdraw the invitation to diana@example.com" in row
    html = response.content.decode()
    assert f'action="{revoke_url(invitation)}"' in html
    assert f'action="{INVITE_URL}"' in html
    assert 'name="email"' in html
    assert "Invite someone" in text(response)


def test_a_member_sees_the_team_and_invitations_but_cannot_invite_or_withdraw(
    client, alice, bob, company
):
    invitation = make_invitation(company=company, email="diana@example.com", invited_by=alice)
    client.force_login(bob)

    response = client.get(URL)

    assert response.status_code == 200
    assert [row.split(" ")[0] for row in rows(response, "Members")] == ["alice", "bob"]
    [row] = rows(response, "Pending invitations")
    assert row.startswith("diana@example.com Member alice")
    assert "Withdraw" not in row
    html = response.content.decode()
    assert revoke_url(invitation) not in html
    assert INVITE_URL not in html
    assert "Only the organisation's owners invite people." in text(response)


def test_a_vendor_member_sees_the_vendors_team(client, vera, victor, alice, company, vendor):
    make_invitation(company=company, email="for-the-company@example.com")
    make_invitation(vendor=vendor, email="for-the-vendor@example.com")
    client.force_login(victor)

    response = client.get(URL)

    assert "Team of Maple Odds" in text(response)
    assert [row.split(" ")[0] for row in rows(response, "Members")] == ["vera", "victor"]
    assert [row.split(" ")[0] for row in rows(response, "Pending invitations")] == [
        "for-the-vendor@example.com"
    ]
    assert "alice" not in text(response)


def test_answered_invitations_are_not_listed_and_expired_ones_say_so(
    client, alice, charlie, company
):
    make_invitation(company=company, email="withdrawn@example.com", revoked_at=timezone.now())
    make_invitation(
        company=company,
        email="accepted@example.com",
        accepted_at=timezone.now(),
        accepted_by=charlie,
    )
    make_invitation(
        company=company,
        email="late@example.com",
        expires_at=timezone.now() - timedelta(hours=1),
    )
    client.force_login(alice)

    [row] = rows(client.get(URL), "Pending invitations")

    assert row.startswith("late@example.com Member — Expired")


def test_without_invitations_the_page_says_none_is_waiting(client, alice):
    client.force_login(alice)

    assert "No invitation is waiting for an answer." in text(client.get(URL))


def test_it_does_not_answer_post(client, alice):
    client.force_login(alice)

    assert client.post(URL).status_code == 405


# --- Inviting ------------------------------------------------------------------------------------


def test_the_owner_invites_someone_who_gets_the_link_by_email(client, post_invitation, alice):
    client.force_login(alice)

    response = post_invitation("diana@example.com", follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "An invitation was sent to diana@example.com." in text(response)
    assert rows(response, "Pending invitations")[0].startswith("diana@example.com Member alice")
    invitation = Invitation.objects.get()
    assert (invitation.company.name, invitation.role, invitation.invited_by) == (
        "Operadora Azteca",
        Role.MEMBER,
        alice,
    )
    [message] = mail.outbox
    assert message.to == ["diana@example.com"]
    # The link points at the site the owner used.
    token = re.search(r"http://testserver/invitations/([\w-]+)/", message.body).group(1)
    assert Invitation.hash_token(token) == invitation.token_hash


def test_the_owner_may_invite_an_owner(client, post_invitation, alice):
    client.force_login(alice)

    post_invitation(role="owner")

    assert Invitation.objects.get().role == Role.OWNER


def test_a_vendor_owner_invites_to_the_vendor(client, post_invitation, vera, vendor):
    client.force_login(vera)

    post_invitation()

    assert Invitation.objects.get().vendor == vendor
    assert mail.outbox[0].subject == "vera invites you to Maple Odds on Norte"


def test_a_member_cannot_invite(client, post_invitation, bob):
    client.force_login(bob)

    response = post_invitation()

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_member_is_refused_before_the_form_is_checked(client, post_invitation, bob):
    # A member has no invite form: a 400 "fix the form" page would be the wrong answer.
    client.force_login(bob)

    response = post_invitation(email="not-an-email")

    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("username", ["charlie", "staff"])
def test_people_without_an_organisation_cannot_invite(
    request, client, db, post_invitation, username
):
    client.force_login(request.getfixturevalue(username))

    assert post_invitation().status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_anonymous_visitors_are_sent_to_log_in_to_invite(post_invitation, db):
    response = post_invitation()

    assert response.url == f"/accounts/login/?next={INVITE_URL}"
    assert not Invitation.objects.exists()


def test_inviting_does_not_answer_get(client, alice):
    client.force_login(alice)

    assert client.get(INVITE_URL).status_code == 405


def test_a_bad_address_is_refused_on_the_form_with_the_input_kept(client, post_invitation, alice):
    client.force_login(alice)

    response = post_invitation(email="diana-at-example")

    assert response.status_code == 400
    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert "Enter a valid email address." in text(response)
    assert 'value="diana-at-example"' in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_unknown_role_is_refused_on_the_form(client, post_invitation, alice):
    client.force_login(alice)

    response = post_invitation(role="admin")

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["role"]
    assert "Select a valid choice." in text(response)
    assert not Invitation.objects.exists()


def test_a_second_invitation_to_the_same_address_is_refused_on_the_email_field(
    client, post_invitation, alice, company
):
    first = make_invitation(company=company, email="diana@example.com")
    client.force_login(alice)

    response = post_invitation("diana@example.com", role="owner")

    assert response.status_code == 400
    message = "diana@example.com already has a pending invitation; revoke it to send a new one."
    assert response.context["form"].errors == {"email": [message]}
    assert message in text(response)
    assert list(Invitation.objects.all()) == [first]
    assert Invitation.objects.get().role == Role.MEMBER
    assert mail.outbox == []


def test_a_member_of_the_organisation_is_refused_on_the_email_field(
    client, post_invitation, alice, bob
):
    client.force_login(alice)

    response = post_invitation("bob@example.com")

    assert response.status_code == 400
    assert response.context["form"].errors == {"email": ["bob@example.com is already a member."]}
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_expired_invitation_is_replaced_when_inviting_again(
    client, post_invitation, alice, company
):
    old = make_invitation(
        company=company, email="diana@example.com", expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(alice)

    response = post_invitation("diana@example.com")

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert Invitation.objects.pending().get().pk != old.pk
    assert len(mail.outbox) == 1


# --- Withdrawing ---------------------------------------------------------------------------------


def test_the_owner_withdraws_an_invitation(client, alice, company):
    invitation = make_invitation(company=company, email="diana@example.com", token="known-token")
    client.force_login(alice)

    response = client.post(revoke_url(invitation), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "The invitation to diana@example.com was withdrawn." in text(response)
    assert rows(response, "Pending invitations") == []
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.logout()
    assert client.get("/invitations/known-token/").status_code == 410


def test_the_owner_withdraws_an_expired_invitation(client, alice, company):
    invitation = make_invitation(company=company, expires_at=timezone.now() - timedelta(days=1))
    client.force_login(alice)

    assert client.post(revoke_url(invitation)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_member_cannot_withdraw(client, bob, company):
    invitation = make_invitation(company=company)
    client.force_login(bob)

    assert client.post(revoke_url(invitation)).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending


@pytest.mark.parametrize("username", ["olga", "vera", "charlie", "staff"])
def test_another_organisations_invitation_is_not_found(request, client, company, username):
    invitation = make_invitation(company=company)
    client.force_login(request.getfixturevalue(username))

    assert client.post(revoke_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


@pytest.mark.parametrize(
    "answer",
    [{"revoked_at": timezone.now()}, {"accepted_at": timezone.now()}],
    ids=["withdrawn", "accepted"],
)
def test_an_answered_invitation_is_not_found(client, alice, company, answer):
    invitation = make_invitation(company=company, **answer)
    client.force_login(alice)

    assert client.post(revoke_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert (invitation.revoked_at, invitation.accepted_at) == (
        answer.get("revoked_at"),
        answer.get("accepted_at"),
    )


def test_an_unknown_invitation_is_not_found(client, alice):
    client.force_login(alice)

    assert client.post("/team/invitations/999999/revoke/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_to_withdraw(client, company):
    invitation = make_invitation(company=company)

    response = client.post(revoke_url(invitation))

    assert response.url == f"/accounts/login/?next={revoke_url(invitation)}"
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_withdrawing_does_not_answer_get(client, alice, company):
    invitation = make_invitation(company=company)
    client.force_login(alice)

    assert client.get(revoke_url(invitation)).status_code == 405
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_invitations_from_the_page_share_the_apis_rate(client, api, post_invitation, alice, rates):
    rates(invitations="2/hour")
    client.force_login(alice)
    api(alice).post(
        f"/api/v1/companies/{alice.membership.company_id}/invitations/", {"email": "e@example.com"}
    )
    post_invitation("diana@example.com")

    response = post_invitation("fabiola@example.com")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many requests from you in a short time." in text(response)
    assert Invitation.objects.count() == 2
