"""/invitations/<token>/: the page an invitation's email links to. Someone in no organisation
accepts and joins; anonymous visitors are offered to sign up or log in and come back; a used,
withdrawn or expired link is gone (410) and says why."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from companies.choices import Role
from companies.models import Invitation, Membership, User
from tests.marketplace.web.pages import text

TOKEN = "known-token"
URL = f"/invitations/{TOKEN}/"


def make_invitation(*, token=TOKEN, **fields):
    """An invitation saved directly; `/invitations/<token>/` opens it (only the hash is saved)."""
    fields.setdefault("email", "diana@example.com")
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return Invitation.objects.create(token_hash=Invitation.hash_token(token), **fields)


@pytest.fixture
def invitation(company, alice):
    return make_invitation(company=company, invited_by=alice)


def still_pending(invitation):
    invitation.refresh_from_db()
    return invitation.is_pending


# --- What the link opens -------------------------------------------------------------------------


def test_an_unknown_link_is_not_found(client, invitation):
    assert client.get("/invitations/guessed-token/").status_code == 404


def test_the_hash_stored_in_the_database_does_not_open_it(client, invitation):
    assert client.get(f"/invitations/{invitation.token_hash}/").status_code == 404


def test_anonymous_visitors_see_who_invites_them_and_are_offered_to_sign_up_or_log_in(
    client, invitation
):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Join Operadora Azteca on Norte" in text(response)
    assert "alice invited you as Member." in text(response)
    html = response.content.decode()
    assert f'href="/accounts/signup/?next={URL}"' in html
    assert f'href="/accounts/login/?next={URL}"' in html
    assert "Accept the invitation" not in text(response)


def test_it_names_the_role_offered(client, company, alice):
    make_invitation(company=company, invited_by=alice, role=Role.OWNER)

    assert "alice invited you as Owner." in text(client.get(URL))


def test_an_anonymous_post_is_sent_to_log_in_and_comes_back(client, invitation):
    response = client.post(URL)

    assert response.url == f"/accounts/login/?next={URL}"
    assert still_pending(invitation)


def test_a_person_without_organisation_sees_the_accept_button(client, invitation, charlie):
    client.force_login(charlie)

    response = client.get(URL)

    assert response.status_code == 200
    assert "You are logged in as charlie." in text(response)
    assert "Accept the invitation" in text(response)
    assert "Create an account to accept" not in text(response)
    assert still_pending(invitation)


def test_it_answers_only_get_and_post(client, invitation, charlie):
    client.force_login(charlie)

    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405
    assert still_pending(invitation)


# --- Accepting -----------------------------------------------------------------------------------


def test_accepting_joins_the_company_and_goes_to_its_requests(client, invitation, charlie, company):
    client.force_login(charlie)

    response = client.post(URL, follow=True)

    assert response.redirect_chain == [("/requests/", 302)]
    assert "You joined Operadora Azteca" in text(response)
    membership = Membership.objects.get(user=charlie)
    assert (membership.company, membership.vendor, membership.role) == (company, None, Role.MEMBER)
    invitation.refresh_from_db()
    assert invitation.accepted_by == charlie
    assert invitation.accepted_at is not None


def test_an_owner_invitation_makes_an_owner(client, company, alice, charlie):
    make_invitation(company=company, invited_by=alice, role=Role.OWNER)
    client.force_login(charlie)

    client.post(URL)

    assert Membership.objects.get(user=charlie).role == Role.OWNER


def test_accepting_a_vendor_invitation_joins_the_vendor_and_goes_to_its_dashboard(
    client, vendor, vera, charlie
):
    make_invitation(vendor=vendor, invited_by=vera)
    client.force_login(charlie)

    response = client.post(URL, follow=True)

    assert response.redirect_chain == [("/vendor/", 302)]
    assert "You joined Maple Odds" in text(response)
    assert Membership.objects.get(user=charlie).vendor == vendor


def test_the_new_member_finds_the_team_page(client, invitation, charlie):
    client.force_login(charlie)
    client.post(URL)

    response = client.get("/team/")

    assert response.status_code == 200
    assert "charlie (you)" in text(response)
    assert "diana@example.com" not in text(response)


def test_the_link_works_once(client, invitation, charlie):
    client.force_login(charlie)
    client.post(URL)
    diana = User.objects.create_user("diana", "diana@example.com", "tortilla-lunar-88")
    client.force_login(diana)

    response = client.post(URL)

    assert response.status_code == 410
    assert "This invitation has already been accepted." in text(response)
    assert "Accept the invitation" not in text(response)
    assert not Membership.objects.filter(user=diana).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == charlie


# --- Links that no longer work -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ({"revoked_at": timezone.now()}, "This invitation was withdrawn."),
        (
            {"expires_at": timezone.now() - timedelta(minutes=1)},
            "This invitation has expired; ask for a new one.",
        ),
        ({"accepted_at": timezone.now()}, "This invitation has already been accepted."),
    ],
    ids=["withdrawn", "expired", "accepted"],
)
def test_a_link_that_no_longer_works_is_gone_and_says_why(
    client, company, alice, charlie, method, state, reason
):
    make_invitation(company=company, invited_by=alice, **state)
    client.force_login(charlie)

    response = getattr(client, method)(URL)

    assert response.status_code == 410
    assert reason in text(response)
    assert "Accept the invitation" not in text(response)
    assert not Membership.objects.filter(user=charlie).exists()
    assert Invitation.objects.get().accepted_by is None


def test_anonymous_visitors_are_not_offered_to_sign_up_for_a_gone_link(client, company):
    make_invitation(company=company, revoked_at=timezone.now())

    response = client.get(URL)

    assert response.status_code == 410
    assert "This invitation was withdrawn." in text(response)
    assert "Create an account to accept" not in text(response)
    assert f"?next={URL}" not in response.content.decode()


def test_an_anonymous_post_to_a_gone_link_is_gone_too(client, company):
    make_invitation(company=company, revoked_at=timezone.now())

    assert client.post(URL).status_code == 410


# --- People who may not join ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_are_refused_with_403(client, invitation, staff, method):
    client.force_login(staff)

    response = getattr(client, method)(URL)

    assert response.status_code == 403
    assert "Norte staff accounts do not join organisations." in text(response)
    assert "Accept the invitation" not in text(response)
    assert not Membership.objects.filter(user=staff).exists()
    assert still_pending(invitation)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("username", "organisation"),
    [
        ("alice", "Operadora Azteca"),
        ("bob", "Operadora Azteca"),
        ("olga", "Lotería del Norte"),
        ("victor", "Maple Odds"),
        ("pablo", "Prairie Bits"),
    ],
)
def test_someone_already_in_an_organisation_is_refused_with_409(
    request, client, invitation, username, organisation, method
):
    person = request.getfixturevalue(username)
    before = Membership.objects.get(user=person)
    client.force_login(person)

    response = getattr(client, method)(URL)

    assert response.status_code == 409
    assert f"You already belong to {organisation}; a person belongs to one organisation." in text(
        response
    )
    assert "Accept the invitation" not in text(response)
    after = Membership.objects.get(user=person)
    assert (after.pk, after.organisation, after.role) == (
        before.pk,
        before.organisation,
        before.role,
    )
    assert still_pending(invitation)


# --- Logging in or signing up from the link ------------------------------------------------------


def test_logging_in_from_the_link_comes_back_to_it(client, invitation, charlie):
    login_page = client.get(f"/accounts/login/?next={URL}")
    assert f'name="next" value="{URL}"' in login_page.content.decode()

    response = client.post(
        "/accounts/login/",
        {"login": "charlie", "password": "correct-horse-battery", "next": URL},
    )

    assert response.url == URL
    assert client.post(URL).url == "/requests/"
    assert Membership.objects.get(user=charlie).company == invitation.company


def test_a_new_person_invited_by_email_signs_up_from_the_link_and_joins(
    client, alice, company, django_capture_on_commit_callbacks
):
    # Alice invites Diana from the team page.
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/team/invitations/", {"email": "diana@example.com", "role": "member"})
    client.logout()
    link = re.search(r"https?://[^/\s]+(/invitations/[\w-]+/)", mail.outbox[0].body).group(1)

    # Diana opens the link and follows "Create an account to accept".
    page = client.get(link)
    assert page.status_code == 200
    signup_link = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', page.content.decode())
    signup = client.get(signup_link.group(1))
    assert f'name="next" value="{link}"' in signup.content.decode()

    # Signing up emails her a link to confirm her address; confirming it brings her back to the
    # invitation, logged in.
    response = client.post(
        "/accounts/signup/",
        {
            "username": "diana",
            "email": "diana@example.com",
            "password1": "tortilla-lunar-88",
            "password2": "tortilla-lunar-88",
            "next": link,
        },
    )
    assert response.url == "/accounts/confirm-email/"
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[1].body)
    response = client.post(confirm.group(1), follow=True)
    assert response.redirect_chain == [(link, 302)]
    assert "You are logged in as diana." in text(response)

    # She accepts and is a member of Alice's company.
    response = client.post(link, follow=True)
    assert response.redirect_chain == [("/requests/", 302)]
    diana = User.objects.get(username="diana")
    assert (diana.membership.company, diana.membership.role) == (company, Role.MEMBER)
    assert Invitation.objects.get().accepted_by == diana

    # The link does not work a second time.
    response = client.post(link)
    assert response.status_code == 410
    assert "This invitation has already been accepted." in text(response)
    assert company.memberships.count() == 2

    # Alice sees her on the team, and no pending invitation.
    client.force_login(alice)
    team = text(client.get("/team/"))
    assert "diana diana@example.com Member" in team
    assert "No invitation is waiting for an answer." in team
