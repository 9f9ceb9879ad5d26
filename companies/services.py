"""Writes about organisations and their people. Every rule about who may do it lives here."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from config.errors import Conflict
from config.services import model_update, unique_slug

from .choices import Role
from .models import Company, Membership, User
from .selectors import membership_of, organisation_can_manage

COMPANY_EDITABLE_FIELDS = ["name", "rfc", "state", "city", "description", "website"]


def ensure_can_found_organisation(actor: User) -> None:
    """A user founds at most one organisation; staff create them for others."""
    if membership_of(actor) is not None:
        raise PermissionDenied(
            _("You already belong to an organisation; ask Norte staff to create another.")
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
    if not organisation_can_manage(user=actor, organisation=company):
        raise PermissionDenied(_("Only the company's owners and Norte staff can edit it."))
    fields = [*COMPANY_EDITABLE_FIELDS, "slug"]
    if actor.is_staff:
        fields.append("verified")
    model_update(instance=company, fields=fields, data=data)
    return company


def membership_create(*, user: User, organisation, role: str) -> Membership:
    membership = Membership(user=user, role=role)
    if isinstance(organisation, Company):
        membership.company = organisation
    else:
        membership.vendor = organisation
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_add(
    *,
    actor: User,
    organisation,
    username: str,
    email: str,
    role: str,
    password: str | None = None,
) -> Membership:
    """Add a person to `organisation`, creating their account if the username is new.

    A person belongs to one organisation only: adding someone who already has one is refused.
    """
    if not organisation_can_manage(user=actor, organisation=organisation):
        raise PermissionDenied(_("Only the organisation's owners and Norte staff add members."))
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email)
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise ValidationError({"password": error.messages}) from error
            user.set_password(password)
        else:
            # They will set one through a password reset sent to `email`.
            user.set_unusable_password()
        user.full_clean()
        user.save()
    elif membership_of(user) is not None:
        raise Conflict(
            _("%(username)s already belongs to an organisation.") % {"username": username}
        )
    return membership_create(user=user, organisation=organisation, role=role)
