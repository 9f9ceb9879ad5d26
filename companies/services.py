"""Writes about organisations and their people. Every rule about who may do it lives here."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from knox.models import AuthToken

from config.errors import Conflict, PermissionDenied
from config.services import model_update, unique_slug

from .choices import Role
from .models import Company, Invitation, Membership, User, organisation_lookup
from .policies import (
    can_found_organisation,
    can_manage_organisation,
    can_verify_companies,
    membership_of,
)
from .selectors import user_verified_email
from .team_events import invitation_accepted, invitation_sent

COMPANY_EDITABLE_FIELDS = ["name", "rfc", "state", "city", "description", "website"]


def ensure_can_found_organisation(actor: User) -> None:
    """A user founds at most one organisation; staff create them for others."""
    if not can_found_organisation(user=actor):
        raise PermissionDenied(
            _("You already belong to an organisation; ask Norte staff to create another."),
            code="already_in_organisation",
        )


@transaction.atomic
def company_create(
    *,
    actor: User,
    name: str,
    rfc: str,
    state: str,
    city: str,
    description: str = "",
    website: str = "",
    verified: bool = False,
    slug: str = "",
) -> Company:
    """Create a company. A non-staff founder becomes its owner; only staff may mark it verified."""
    if not actor.is_staff:
        ensure_can_found_organisation(actor)
    if not can_verify_companies(user=actor):
        verified = False
    company = Company(
        name=name,
        slug=slug or unique_slug(Company, name),
        rfc=rfc,
        state=state,
        city=city,
        description=description,
        website=website,
        verified=verified,
    )
    company.full_clean()
    company.save()
    if not actor.is_staff:
        membership_create(user=actor, organisation=company, role=Role.OWNER)
    return company


@transaction.atomic
def company_update(*, company: Company, actor: User, data: dict) -> Company:
    if not can_manage_organisation(user=actor, organisation=company):
        raise PermissionDenied(_("Only the company's owners and Norte staff can edit it."))
    fields = [*COMPANY_EDITABLE_FIELDS, "slug"]
    if can_verify_companies(user=actor):
        fields.append("verified")
    model_update(instance=company, fields=fields, data=data)
    return company


def membership_create(*, user: User, organisation, role: str) -> Membership:
    membership = Membership(user=user, role=role, **organisation_lookup(organisation))
    membership.full_clean()
    membership.save()
    return membership


def user_language_set(*, user: User, language: str) -> User:
    """The language Norte writes to `user` in (emails); blank for the site's default."""
    # Refuses a language the site does not speak (ValidationError).
    language = User._meta.get_field("language").clean(language, user)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def api_token_create(*, user: User) -> tuple[AuthToken, str]:
    """A new API token for `user`: (the stored row, the token to send, shown only now).

    A person may hold several (one per integration or device), up to API_TOKEN_LIMIT_PER_USER
    that have not expired; past that, one must be revoked first, so a leaked password cannot
    mint tokens without bound.

    As on the site, an account whose email address is not verified yet gets none (403
    `email_unverified`): the link emailed at sign-up verifies it.
    """
    if user_verified_email(user=user) is None:
        raise PermissionDenied(
            _(
                "Confirm your email address first, with the link we emailed you when you signed "
                "up. Log in on the Norte site to be sent a new link."
            ),
            code="email_unverified",
        )
    now = timezone.now()
    live = user.auth_token_set.filter(Q(expiry__gt=now) | Q(expiry__isnull=True))
    if live.count() >= settings.API_TOKEN_LIMIT_PER_USER:
        raise Conflict(
            _(
                "You already have %(count)d API tokens. Revoke one (POST /api/v1/auth/logout/ with "
                "it) or all of them (POST /api/v1/auth/logout-all/, or log out of the Norte site) "
                "before asking for another."
            )
            % {"count": settings.API_TOKEN_LIMIT_PER_USER},
            code="token_limit_reached",
        )
    return AuthToken.objects.create(user=user)


@transaction.atomic
def email_address_verified_set(*, user: User) -> EmailAddress:
    """Record `user.email` as their primary, verified address, without sending a link.

    For accounts whose address Norte vouches for without a link: `seed_demo`'s demo accounts
    and the tests' factories. People who sign up verify theirs by the emailed link; an account
    made in the admin or by `createsuperuser` is sent one when it first logs in on the site.
    """
    email = user.email.strip().lower()
    if not email:
        raise ValidationError({"email": _("An account needs an email address.")})
    EmailAddress.objects.filter(user=user, primary=True).exclude(email=email).update(primary=False)
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return address


INVITATION_LIFETIME = timedelta(days=7)


@transaction.atomic
def invitation_create(
    *, actor: User, organisation, email: str, role: str, base_url: str
) -> Invitation:
    """Invite `email` to join `organisation` (its owners and staff) and mail them the link.

    `base_url` ("https://norte.example") is where the link points: the request's own host.
    Someone already in the organisation, or already invited and not yet answered, is refused.
    """
    if not can_manage_organisation(user=actor, organisation=organisation):
        raise PermissionDenied(_("Only the organisation's owners and Norte staff invite people."))
    if role not in Role.values:
        message = _("Unknown role %(role)s.") % {"role": role}
        raise ValidationError({"role": ValidationError(message, code="invalid_choice")})
    email = User.objects.normalize_email(email).strip()
    lookup = organisation_lookup(organisation)
    if Membership.objects.filter(**lookup, user__email__iexact=email).exists():
        raise Conflict(
            _("%(email)s is already a member.") % {"email": email}, code="already_member"
        )
    now = timezone.now()
    pending = Invitation.objects.pending().filter(email__iexact=email, **lookup)
    # An expired invitation no longer counts: replace it rather than make the owner revoke it.
    pending.filter(expires_at__lte=now).update(revoked_at=now)
    if pending.filter(expires_at__gt=now).exists():
        raise Conflict(
            _("%(email)s already has a pending invitation; revoke it to send a new one.")
            % {"email": email},
            code="already_invited",
        )
    invitation = Invitation(
        **lookup,
        email=email,
        role=role,
        # No usable link yet: the mail task mints the token it sends (invitation_mail_send).
        token_hash=Invitation.hash_token(secrets.token_urlsafe(32)),
        invited_by=actor,
        expires_at=now + INVITATION_LIFETIME,
    )
    invitation.full_clean()
    invitation.save()
    invitation_sent.send(sender=Invitation, invitation=invitation, actor=actor)
    from .tasks import send_invitation_mail  # the task module imports this one

    # Sent by a worker once the invitation is committed: a mail server that is slow or refuses
    # the message never fails the owner's request, and the task retries it.
    language = get_language()
    transaction.on_commit(
        lambda: send_invitation_mail.delay(
            invitation_id=invitation.pk, base_url=base_url, language=language
        ),
        robust=True,
    )
    return invitation


def invitation_mail_send(*, invitation_id: int, base_url: str) -> Invitation | None:
    """Email a pending invitation's link to the invited address, minting the link's token.

    Only the token's hash is stored, so the token is created here, where it is sent, and never
    travels through the broker. Sending again (a retry) mints a new token and invalidates the
    earlier link. Answered, withdrawn or expired invitations are not sent (None).
    `base_url` ("https://norte.example") is where the link points: the inviting request's host.
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = (
            Invitation.objects.pending()
            .select_for_update()
            .filter(pk=invitation_id, expires_at__gt=timezone.now())
            .first()
        )
        if invitation is None:
            return None
        invitation.token_hash = Invitation.hash_token(token)
        invitation.save(update_fields=["token_hash", "updated_at"])
    link = base_url.rstrip("/") + reverse("companies:invitation", kwargs={"token": token})
    inviter = invitation.invited_by.get_username() if invitation.invited_by else "Norte"
    subject = _("%(inviter)s invites you to %(organisation)s on Norte") % {
        "inviter": inviter,
        "organisation": invitation.organisation,
    }
    context = {"invitation": invitation, "link": link}
    message = EmailMultiAlternatives(
        # Names are validated to one line; folding whitespace keeps older rows safe in a header.
        subject=" ".join(subject.split()),
        body=render_to_string("companies/invitation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("companies/invitation_email.html", context), "text/html"
    )
    message.send()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at", "updated_at"])
    return invitation


def invitation_check(invitation: Invitation) -> None:
    """Refuse (409) an invitation that was used, revoked, or has expired."""
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been accepted."), code="invitation_accepted")
    if invitation.revoked_at is not None:
        raise Conflict(_("This invitation was withdrawn."), code="invitation_withdrawn")
    if invitation.is_expired(timezone.now()):
        raise Conflict(
            _("This invitation has expired; ask for a new one."), code="invitation_expired"
        )


def invitation_check_joiner(user: User) -> None:
    """Refuse a person who may not join an organisation: staff (403), or anyone who already
    belongs to one (409)."""
    if user.is_staff:
        raise PermissionDenied(
            _("Norte staff accounts do not join organisations."), code="staff_cannot_join"
        )
    if (membership := membership_of(user=user)) is not None:
        raise Conflict(
            _("You already belong to %(organisation)s; a person belongs to one organisation.")
            % {"organisation": membership.organisation},
            code="already_in_organisation",
        )


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the invitation's organisation with its role. One use; the link is the credential,
    so the account's email need not be the invited address. Who may join is checked before the
    token is even looked up."""
    invitation_check_joiner(user)
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        message = _("This invitation link is not valid.")
        raise ValidationError({"token": ValidationError(message, code="invalid_token")})
    invitation_check(invitation)
    membership = membership_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    invitation_accepted.send(sender=Invitation, invitation=invitation, actor=user)
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if not can_manage_organisation(user=actor, organisation=invitation.organisation):
        raise PermissionDenied(
            _("Only the organisation's owners and Norte staff revoke invitations.")
        )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise Conflict(
            _("This invitation was already answered or withdrawn."),
            code="invitation_not_pending",
        )
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation
