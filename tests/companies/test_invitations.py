"""Invitations, as the services and selectors see them: owners (and staff) invite an email address
to their company or vendor; the emailed link works once, for seven days, for one person who is in
no organisation yet. Only the SHA-256 of the link's token is stored."""

import itertools
import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from companies import services
from companies.choices import Role
from companies.models import Company, Invitation, Membership
from companies.selectors import (
    invitation_by_token,
    invitation_list_pending,
    invitation_list_revocable,
    membership_list_team,
)
from companies.services import (
    INVITATION_LIFETIME,
    invitation_accept,
    invitation_check,
    invitation_check_joiner,
    invitation_create,
    invitation_mail_send,
    invitation_revoke,
)
from companies.tasks import send_invitation_mail
from config.errors import Conflict

from ..factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://norte.example/"
LINK = re.compile(r"(https?://[^/\s]+)/invitations/([^/\s]+)/")


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """`invite(actor, organisation, email)` → the invitation, with its email sent (on commit)."""

    def send(actor, organisation, email="diana@example.com", role=Role.MEMBER):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_create(
                actor=actor, organisation=organisation, email=email, role=role, base_url=BASE_URL
            )
        invitation.refresh_from_db()  # the mail task minted the link's token
        return invitation

    return send


_numbers = itertools.count()


def make_invitation(*, token=None, **fields):
    """An invitation saved directly; `/invitations/<token>/` opens it (only the hash is saved)."""
    n = next(_numbers)
    fields.setdefault("email", f"guest{n}@example.com")
    fields.setdefault("expires_at", timezone.now() + INVITATION_LIFETIME)
    token = token or f"token-{n}"
    return Invitation.objects.create(token_hash=Invitation.hash_token(token), **fields)


def token_in(message) -> str:
    return LINK.search(message.body).group(2)


def expire(invitation):
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save(update_fields=["expires_at"])
    return invitation


def nothing_sent_or_saved(callbacks):
    assert callbacks == []
    assert mail.outbox == []
    assert not Invitation.objects.exists()


# --- Inviting ------------------------------------------------------------------------------------


def test_an_owner_invites_someone_who_gets_an_email_with_the_link(invite, alice, company):
    before = timezone.now()

    invitation = invite(alice, company, "diana@example.com")

    assert invitation.company == company
    assert invitation.vendor is None
    assert invitation.email == "diana@example.com"
    assert invitation.role == Role.MEMBER
    assert invitation.invited_by == alice
    assert invitation.is_pending
    assert (
        before + INVITATION_LIFETIME
        <= invitation.expires_at
        <= timezone.now() + INVITATION_LIFETIME
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["diana@example.com"]
    assert message.subject == "alice invites you to Operadora Azteca on Norte"
    assert "alice invites you to join Operadora Azteca on Norte as Member." in message.body
    assert "The link works once and expires on" in message.body
    host, token = LINK.search(message.body).groups()
    assert host == "https://norte.example"
    assert invitation_by_token(token) == invitation
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "alice invites you to join Operadora Azteca on Norte as Member." in html
    assert f'href="https://norte.example/invitations/{token}/"' in html


def test_only_the_hash_of_the_links_token_is_stored(invite, alice, company):
    invitation = invite(alice, company)

    token = token_in(mail.outbox[0])
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in str(Invitation.objects.values().get())


def test_every_invitation_has_its_own_link(invite, alice, company):
    invite(alice, company, "diana@example.com")
    invite(alice, company, "ernesto@example.com")

    assert token_in(mail.outbox[0]) != token_in(mail.outbox[1])


def test_the_email_is_sent_only_once_the_invitation_is_committed(alice, company):
    invitation_create(
        actor=alice,
        organisation=company,
        email="diana@example.com",
        role="member",
        base_url=BASE_URL,
    )

    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_a_rolled_back_invitation_sends_no_email(
    alice, company, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitation_create(
            actor=alice,
            organisation=company,
            email="diana@example.com",
            role="member",
            base_url=BASE_URL,
        )
        raise RuntimeError("something later in the same transaction failed")

    nothing_sent_or_saved(callbacks)


def test_an_owner_may_invite_another_owner(invite, alice, company):
    invitation = invite(alice, company, role=Role.OWNER)

    assert invitation.role == Role.OWNER
    assert "as Owner." in mail.outbox[0].body


def test_a_vendor_owner_invites_to_the_vendor(invite, vera, vendor):
    invitation = invite(vera, vendor)

    assert invitation.vendor == vendor
    assert invitation.company is None
    assert mail.outbox[0].subject == "vera invites you to Maple Odds on Norte"


def test_the_owner_of_a_vendor_waiting_for_approval_may_invite(invite, pablo, pending_vendor):
    assert invite(pablo, pending_vendor).vendor == pending_vendor


def test_staff_invite_to_any_organisation(invite, staff, other_company):
    invitation = invite(staff, other_company)

    assert invitation.company == other_company
    assert invitation.invited_by == staff


def test_the_address_is_normalised(invite, alice, company):
    assert invite(alice, company, "  Diana@EXAMPLE.com ").email == "Diana@example.com"


@pytest.mark.parametrize("username", ["bob", "olga", "vera", "charlie"])
def test_only_owners_and_staff_invite(
    request, company, username, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(username)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied, match="Only the organisation's owners and Norte staff"),
    ):
        invitation_create(
            actor=actor,
            organisation=company,
            email="diana@example.com",
            role="member",
            base_url=BASE_URL,
        )

    nothing_sent_or_saved(callbacks)


def test_an_unknown_role_is_refused(alice, company, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError) as refusal,
    ):
        invitation_create(
            actor=alice,
            organisation=company,
            email="diana@example.com",
            role="admin",
            base_url=BASE_URL,
        )

    assert refusal.value.message_dict == {"role": ["Unknown role admin."]}
    assert refusal.value.error_dict["role"][0].code == "invalid_choice"
    nothing_sent_or_saved(callbacks)


def test_a_bad_address_is_refused(alice, company, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError) as refusal,
    ):
        invitation_create(
            actor=alice,
            organisation=company,
            email="not-an-email",
            role="member",
            base_url=BASE_URL,
        )

    assert list(refusal.value.message_dict) == ["email"]
    nothing_sent_or_saved(callbacks)


@pytest.mark.parametrize("email", ["bob@example.com", "BOB@Example.COM"])
def test_a_member_of_the_organisation_is_not_invited_again(
    alice, bob, company, email, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Conflict, match="is already a member") as refusal,
    ):
        invitation_create(
            actor=alice, organisation=company, email=email, role="member", base_url=BASE_URL
        )

    assert refusal.value.code == "already_member"
    nothing_sent_or_saved(callbacks)


def test_a_member_of_another_organisation_may_be_invited(invite, alice, company, olga):
    # Whether they can join is decided when they accept.
    assert invite(alice, company, "olga@example.com").email == "olga@example.com"


@pytest.mark.parametrize("email", ["diana@example.com", "DIANA@example.com"])
def test_a_second_invitation_while_one_is_pending_is_refused(
    invite, alice, company, email, django_capture_on_commit_callbacks
):
    first = invite(alice, company, "diana@example.com")
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Conflict) as refusal,
    ):
        invitation_create(
            actor=alice, organisation=company, email=email, role="owner", base_url=BASE_URL
        )

    assert str(refusal.value) == (
        f"{email} already has a pending invitation; revoke it to send a new one."
    )
    assert refusal.value.code == "already_invited"
    assert callbacks == []
    assert mail.outbox == []
    assert list(Invitation.objects.all()) == [first]
    first.refresh_from_db()
    assert first.is_pending
    assert first.role == Role.MEMBER


def test_the_same_address_may_be_invited_by_two_organisations(invite, alice, company, vera, vendor):
    invite(alice, company, "diana@example.com")
    invite(vera, vendor, "diana@example.com")

    assert Invitation.objects.pending().filter(email="diana@example.com").count() == 2


def test_an_expired_invitation_is_replaced_by_a_new_one(invite, alice, company):
    old = expire(invite(alice, company, "diana@example.com"))
    old_token = token_in(mail.outbox[0])

    new = invite(alice, company, "diana@example.com")

    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.is_pending
    assert new.expires_at > timezone.now()
    assert list(Invitation.objects.pending()) == [new]
    assert len(mail.outbox) == 2
    assert token_in(mail.outbox[1]) != old_token


def test_a_withdrawn_invitation_does_not_block_a_new_one(invite, alice, company):
    old = invite(alice, company, "diana@example.com")
    invitation_revoke(actor=alice, invitation=old)

    new = invite(alice, company, "diana@example.com")

    assert list(Invitation.objects.pending()) == [new]


# --- Who may accept, and which invitations still work -------------------------------------------


def test_a_pending_invitation_passes_the_check(company):
    assert invitation_check(make_invitation(company=company)) is None


def test_an_accepted_invitation_fails_the_check(company, charlie):
    invitation = make_invitation(company=company, accepted_at=timezone.now(), accepted_by=charlie)

    with pytest.raises(Conflict) as refusal:
        invitation_check(invitation)

    assert str(refusal.value) == "This invitation has already been accepted."
    assert refusal.value.code == "invitation_accepted"


def test_a_withdrawn_invitation_fails_the_check(company):
    invitation = make_invitation(company=company, revoked_at=timezone.now())

    with pytest.raises(Conflict) as refusal:
        invitation_check(invitation)

    assert str(refusal.value) == "This invitation was withdrawn."
    assert refusal.value.code == "invitation_withdrawn"


def test_an_expired_invitation_fails_the_check(company):
    invitation = expire(make_invitation(company=company))

    with pytest.raises(Conflict) as refusal:
        invitation_check(invitation)

    assert str(refusal.value) == "This invitation has expired; ask for a new one."
    assert refusal.value.code == "invitation_expired"


def test_a_person_without_organisation_may_join(charlie):
    assert invitation_check_joiner(charlie) is None


def test_staff_may_not_join(staff):
    with pytest.raises(PermissionDenied) as refusal:
        invitation_check_joiner(staff)

    assert str(refusal.value) == "Norte staff accounts do not join organisations."
    assert refusal.value.code == "staff_cannot_join"


@pytest.mark.parametrize(
    ("username", "organisation"),
    [
        ("bob", "Operadora Azteca"),
        ("olga", "Lotería del Norte"),
        ("victor", "Maple Odds"),
        ("pablo", "Prairie Bits"),
    ],
)
def test_someone_already_in_an_organisation_may_not_join(request, username, organisation):
    with pytest.raises(Conflict) as refusal:
        invitation_check_joiner(request.getfixturevalue(username))

    assert str(refusal.value) == (
        f"You already belong to {organisation}; a person belongs to one organisation."
    )
    assert refusal.value.code == "already_in_organisation"


# --- Accepting -----------------------------------------------------------------------------------


def test_accepting_joins_the_organisation_with_the_invitations_role(company, charlie):
    invitation = make_invitation(company=company, token="known-token", role=Role.OWNER)

    membership = invitation_accept(token="known-token", user=charlie)

    assert membership.user == charlie
    assert membership.company == company
    assert membership.vendor is None
    assert membership.role == Role.OWNER
    invitation.refresh_from_db()
    assert invitation.accepted_by == charlie
    assert invitation.accepted_at is not None
    assert not invitation.is_pending


def test_accepting_a_vendor_invitation_joins_the_vendor(vendor, charlie):
    make_invitation(vendor=vendor, token="known-token")

    membership = invitation_accept(token="known-token", user=charlie)

    assert (membership.vendor, membership.company, membership.role) == (vendor, None, Role.MEMBER)


def test_the_link_works_for_an_account_with_another_address(invite, alice, company, charlie):
    invite(alice, company, "diana@example.com")

    invitation_accept(token=token_in(mail.outbox[0]), user=charlie)

    assert Membership.objects.get(user=charlie).company == company
    charlie.refresh_from_db()
    assert charlie.email == "charlie@example.com"


def test_the_link_works_once(company, charlie):
    invitation = make_invitation(company=company, token="known-token")
    invitation_accept(token="known-token", user=charlie)
    accepted_at = Invitation.objects.get().accepted_at
    diana = UserFactory(username="diana")

    with pytest.raises(Conflict, match="already been accepted"):
        invitation_accept(token="known-token", user=diana)

    assert not Membership.objects.filter(user=diana).exists()
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.accepted_at) == (charlie, accepted_at)


def test_an_unknown_token_is_refused(company, charlie):
    make_invitation(company=company, token="known-token")

    with pytest.raises(ValidationError) as refusal:
        invitation_accept(token="guessed-token", user=charlie)

    assert refusal.value.message_dict == {"token": ["This invitation link is not valid."]}
    assert not Membership.objects.filter(user=charlie).exists()
    assert Invitation.objects.get().is_pending


def test_a_withdrawn_invitation_cannot_be_accepted(company, charlie):
    make_invitation(company=company, token="known-token", revoked_at=timezone.now())

    with pytest.raises(Conflict, match="withdrawn"):
        invitation_accept(token="known-token", user=charlie)

    assert not Membership.objects.filter(user=charlie).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_invitation_cannot_be_accepted(company, charlie):
    expire(make_invitation(company=company, token="known-token"))

    with pytest.raises(Conflict, match="expired"):
        invitation_accept(token="known-token", user=charlie)

    assert not Membership.objects.filter(user=charlie).exists()
    assert Invitation.objects.get().accepted_at is None


def test_staff_cannot_accept(company, staff):
    make_invitation(company=company, token="known-token")

    with pytest.raises(PermissionDenied):
        invitation_accept(token="known-token", user=staff)

    assert not Membership.objects.filter(user=staff).exists()
    assert Invitation.objects.get().is_pending


@pytest.mark.parametrize("username", ["bob", "olga", "vera"])
def test_someone_already_in_an_organisation_cannot_accept(request, company, username):
    person = request.getfixturevalue(username)
    before = Membership.objects.get(user=person)
    make_invitation(company=company, token="known-token", role=Role.OWNER)

    with pytest.raises(Conflict, match="You already belong to"):
        invitation_accept(token="known-token", user=person)

    after = Membership.objects.get(user=person)
    assert (after.pk, after.organisation, after.role) == (
        before.pk,
        before.organisation,
        before.role,
    )
    assert Invitation.objects.get().is_pending


# --- Withdrawing ---------------------------------------------------------------------------------


def test_an_owner_withdraws_an_invitation_whose_link_then_stops_working(company, alice, charlie):
    invitation = make_invitation(company=company, token="known-token", invited_by=alice)

    invitation_revoke(actor=alice, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert not Invitation.objects.pending().exists()
    with pytest.raises(Conflict, match="withdrawn"):
        invitation_accept(token="known-token", user=charlie)


def test_an_owner_withdraws_an_invitation_another_owner_sent(company, alice):
    second_owner = MembershipFactory(company=company, role=Role.OWNER).user
    invitation = make_invitation(company=company, invited_by=alice)

    invitation_revoke(actor=second_owner, invitation=invitation)

    assert Invitation.objects.get().revoked_at is not None


def test_staff_withdraw_any_invitation(company, staff):
    invitation_revoke(actor=staff, invitation=make_invitation(company=company))

    assert Invitation.objects.get().revoked_at is not None


def test_an_expired_invitation_may_be_withdrawn(company, alice):
    invitation_revoke(actor=alice, invitation=expire(make_invitation(company=company)))

    assert Invitation.objects.get().revoked_at is not None


@pytest.mark.parametrize("username", ["bob", "olga", "vera", "charlie"])
def test_only_owners_and_staff_withdraw(request, company, username):
    invitation = make_invitation(company=company)

    with pytest.raises(PermissionDenied, match="revoke invitations"):
        invitation_revoke(actor=request.getfixturevalue(username), invitation=invitation)

    assert Invitation.objects.get().is_pending


def test_an_accepted_invitation_cannot_be_withdrawn(company, alice, charlie):
    make_invitation(company=company, token="known-token")
    invitation_accept(token="known-token", user=charlie)

    with pytest.raises(Conflict, match="already answered or withdrawn"):
        invitation_revoke(actor=alice, invitation=Invitation.objects.get())

    assert Invitation.objects.get().revoked_at is None
    assert Membership.objects.get(user=charlie).company == company


def test_an_invitation_is_withdrawn_once(company, alice):
    invitation = make_invitation(company=company)
    invitation_revoke(actor=alice, invitation=invitation)
    revoked_at = Invitation.objects.get().revoked_at

    with pytest.raises(Conflict, match="already answered or withdrawn") as refusal:
        invitation_revoke(actor=alice, invitation=invitation)

    assert refusal.value.code == "invitation_not_pending"
    assert Invitation.objects.get().revoked_at == revoked_at


# --- Selectors -----------------------------------------------------------------------------------


def test_the_team_lists_owners_first_then_by_username(company, alice, bob):
    ana = MembershipFactory(company=company, role=Role.MEMBER, user__username="ana").user
    zoe = MembershipFactory(company=company, role=Role.OWNER, user__username="zoe").user

    for person in (alice, bob, ana, zoe):
        assert [m.user for m in membership_list_team(user=person)] == [alice, zoe, ana, bob]


def test_the_team_is_the_users_own_organisation(alice, bob, olga, vera, victor):
    assert [m.user for m in membership_list_team(user=victor)] == [vera, victor]
    assert [m.user for m in membership_list_team(user=olga)] == [olga]


@pytest.mark.parametrize("username", ["charlie", "staff"])
def test_people_outside_an_organisation_have_no_team(request, alice, bob, username):
    assert list(membership_list_team(user=request.getfixturevalue(username))) == []


def test_pending_invitations_are_the_unanswered_ones_of_the_organisation(
    company, other_company, alice, bob, staff, charlie
):
    waiting = make_invitation(company=company, email="waiting@example.com")
    expired = expire(make_invitation(company=company, email="expired@example.com"))
    make_invitation(company=company, revoked_at=timezone.now())
    make_invitation(company=company, accepted_at=timezone.now(), accepted_by=charlie)
    make_invitation(company=other_company)

    for person in (alice, bob, staff):
        assert set(invitation_list_pending(user=person, organisation=company)) == {
            waiting,
            expired,
        }


def test_a_vendors_pending_invitations_are_its_own(vendor, pending_vendor, vera, victor):
    mine = make_invitation(vendor=vendor)
    make_invitation(vendor=pending_vendor)

    assert list(invitation_list_pending(user=victor, organisation=vendor)) == [mine]


def test_pending_invitations_are_newest_first(company, alice):
    first = make_invitation(company=company)
    second = make_invitation(company=company)

    assert list(invitation_list_pending(user=alice, organisation=company)) == [second, first]


@pytest.mark.parametrize("username", ["olga", "vera", "charlie"])
def test_outsiders_see_none_of_an_organisations_invitations(request, company, username):
    make_invitation(company=company)

    person = request.getfixturevalue(username)
    assert list(invitation_list_pending(user=person, organisation=company)) == []


def test_the_revocable_invitations_are_the_pending_ones_of_the_users_organisation(
    company, other_company, vendor, alice, bob, olga, vera, charlie
):
    waiting = make_invitation(company=company)
    expired = expire(make_invitation(company=company))
    make_invitation(company=company, revoked_at=timezone.now())
    make_invitation(company=company, accepted_at=timezone.now(), accepted_by=charlie)
    elsewhere = make_invitation(company=other_company)
    at_the_vendor = make_invitation(vendor=vendor)

    assert set(invitation_list_revocable(user=alice)) == {waiting, expired}
    # Members find them too; the service is what refuses them.
    assert set(invitation_list_revocable(user=bob)) == {waiting, expired}
    assert list(invitation_list_revocable(user=olga)) == [elsewhere]
    assert list(invitation_list_revocable(user=vera)) == [at_the_vendor]
    assert list(invitation_list_revocable(user=charlie)) == []


def test_staff_may_look_up_every_pending_invitation_to_revoke(company, vendor, staff):
    invitations = {make_invitation(company=company), make_invitation(vendor=vendor)}
    make_invitation(company=company, revoked_at=timezone.now())

    assert set(invitation_list_revocable(user=staff)) == invitations


def test_an_invitation_is_found_by_its_links_token_only(company):
    invitation = make_invitation(company=company, token="known-token")

    assert invitation_by_token("known-token") == invitation
    assert invitation_by_token("unknown-token") is None
    assert invitation_by_token(invitation.token_hash) is None


def test_an_answered_invitation_is_still_found_by_its_token(company):
    invitation = make_invitation(company=company, token="known-token", revoked_at=timezone.now())

    assert invitation_by_token("known-token") == invitation


# --- What the database holds to ------------------------------------------------------------------


def test_an_invitation_is_for_exactly_one_organisation(company, vendor):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_invitation(company=company, vendor=vendor)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_invitation()

    assert not Invitation.objects.exists()


@pytest.mark.parametrize("organisation", ["company", "vendor"])
def test_one_pending_invitation_per_organisation_and_address(request, organisation):
    place = {organisation: request.getfixturevalue(organisation)}
    make_invitation(**place, email="diana@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_invitation(**place, email="diana@example.com")

    assert Invitation.objects.count() == 1


def test_answered_invitations_do_not_count_as_pending(company, charlie):
    make_invitation(company=company, email="diana@example.com", revoked_at=timezone.now())
    make_invitation(
        company=company,
        email="diana@example.com",
        accepted_at=timezone.now(),
        accepted_by=charlie,
    )
    pending = make_invitation(company=company, email="diana@example.com")

    assert list(Invitation.objects.pending()) == [pending]


# --- the invitation email, sent by a task after commit -----------------------------------------


def test_the_mail_task_records_when_the_link_went_out(invite, alice, company):
    invitation = invite(alice, company)

    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1


def test_a_mail_server_failure_is_retried_by_the_task(alice, company, monkeypatch):
    invitation = make_invitation(company=company, invited_by=alice)
    real_send = services.EmailMultiAlternatives.send
    attempts = []

    def flaky_send(message, *args, **kwargs):
        attempts.append(message.to)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", flaky_send)

    # Eagerly, Celery runs the retry at once; a worker would run it after the backoff.
    result = send_invitation_mail.apply(
        kwargs={"invitation_id": invitation.pk, "base_url": BASE_URL, "language": "en"},
        throw=False,
    )

    invitation.refresh_from_db()
    assert result.state == "SUCCESS"
    assert len(attempts) == 2
    assert invitation.sent_at is not None
    assert invitation_by_token(token_in(mail.outbox[0])) == invitation


def test_a_mail_that_keeps_failing_leaves_the_invitation_unsent_but_saved(
    alice, company, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken_send(message, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", broken_send)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            actor=alice,
            organisation=company,
            email="diana@example.com",
            role="member",
            base_url=BASE_URL,
        )

    invitation.refresh_from_db()
    assert invitation.is_pending
    assert invitation.sent_at is None
    assert mail.outbox == []


def test_an_old_name_with_a_line_break_still_gets_a_one_line_subject(invite, alice, company):
    # Names are validated to one line now; rows saved before that may still hold a break.
    Company.objects.filter(pk=company.pk).update(name="Operadora\nAzteca")

    invite(alice, company)

    assert mail.outbox[0].subject == "alice invites you to Operadora Azteca on Norte"


def test_sending_again_mints_a_new_link_and_the_old_one_stops_working(invite, alice, company):
    invitation = invite(alice, company)
    first = token_in(mail.outbox[0])

    invitation_mail_send(invitation_id=invitation.pk, base_url=BASE_URL)

    second = token_in(mail.outbox[1])
    assert first != second
    assert invitation_by_token(first) is None
    assert invitation_by_token(second) == invitation


def test_a_withdrawn_invitation_is_not_sent(alice, company):
    invitation = make_invitation(company=company, invited_by=alice, revoked_at=timezone.now())

    assert invitation_mail_send(invitation_id=invitation.pk, base_url=BASE_URL) is None
    assert mail.outbox == []


def test_an_expired_invitation_is_not_sent(alice, company):
    invitation = make_invitation(
        company=company, invited_by=alice, expires_at=timezone.now() - timedelta(minutes=1)
    )

    assert invitation_mail_send(invitation_id=invitation.pk, base_url=BASE_URL) is None
    assert mail.outbox == []


def test_the_email_is_written_in_the_inviters_language(invite, alice, company):
    with translation.override("es-mx"):
        invite(alice, company)

    message = mail.outbox[0]
    assert message.subject == "alice le invita a Operadora Azteca en Norte"
    html, _mimetype = message.alternatives[0]
    assert '<html lang="es-mx">' in html
    for part in (message.body, html):
        assert "Norte: empresas mexicanas y proveedores de tecnología canadienses." in part


def test_the_email_is_written_in_canadian_french_for_a_french_inviter(invite, alice, company):
    with translation.override("fr-ca"):
        invite(alice, company)

    message = mail.outbox[0]
    html, _mimetype = message.alternatives[0]
    assert '<html lang="fr-ca">' in html
    for part in (message.body, html):
        assert "Voir l’invitation" in html
        assert "Norte : entreprises mexicaines et fournisseurs technologiques canadiens." in part
