"""Reads about organisations, always scoped to the acting user."""

from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from .models import Company, Invitation, Membership, User, organisation_lookup
from .policies import can_view_team, membership_of


def company_list_visible(*, user: User) -> QuerySet[Company]:
    """Staff see every company; a member sees their own; everyone else sees none."""
    companies = Company.objects.all()
    if user.is_staff:
        return companies
    membership = membership_of(user=user)
    if membership is None or membership.company_id is None:
        return companies.none()
    return companies.filter(pk=membership.company_id)


def company_list_own(*, user: User) -> QuerySet[Company]:
    """The company the user is a member of: one row, or none (staff, vendors' members and
    everyone outside a company). What a request is drafted for unless another is named."""
    membership = membership_of(user=user)
    if membership is None or membership.company_id is None:
        return Company.objects.none()
    return Company.objects.filter(pk=membership.company_id)


def _own_organisation(user: User) -> dict | None:
    membership = membership_of(user=user)
    if membership is None:
        return None
    if membership.company_id is not None:
        return {"company_id": membership.company_id}
    return {"vendor_id": membership.vendor_id}


def membership_list_own(*, user: User) -> QuerySet[Membership]:
    """The user's own membership: one row, or none (staff and everyone outside an
    organisation). The team pages are its organisation's."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("company", "vendor")


def membership_list_team(*, user: User) -> QuerySet[Membership]:
    """The people in the user's organisation, owners first; none for people outside one."""
    organisation = _own_organisation(user)
    if organisation is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(**organisation)
        .select_related("user")
        .order_by("-role", "user__username")  # owners first
    )


def invitation_list_pending(*, user: User, organisation) -> QuerySet[Invitation]:
    """`organisation`'s unanswered invitations (expired ones too, to revoke or resend), for its
    members and staff; none for anyone else."""
    if not can_view_team(user=user, organisation=organisation):
        return Invitation.objects.none()
    return (
        Invitation.objects.pending()
        .filter(**organisation_lookup(organisation))
        .select_related("invited_by")
    )


def invitation_list_revocable(*, user: User) -> QuerySet[Invitation]:
    """Pending invitations the user may look up to withdraw: their own organisation's (all for
    staff). The service still requires an owner."""
    invitations = Invitation.objects.pending().select_related("company", "vendor")
    if user.is_staff:
        return invitations
    organisation = _own_organisation(user)
    if organisation is None:
        return invitations.none()
    return invitations.filter(**organisation)


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("company", "vendor", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def user_verified_email(*, user: User) -> str | None:
    """The address Norte writes to about `user`: their primary address, once they have verified
    it (django-allauth's EmailAddress), else None. `User.email` alone proves nothing: it is
    whatever was typed at sign-up, or in the admin."""
    return (
        EmailAddress.objects.filter(user=user, primary=True, verified=True)
        .values_list("email", flat=True)
        .first()
    )
