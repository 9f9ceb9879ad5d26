"""Reads about organisations, always scoped to the acting user."""

from django.db.models import QuerySet

from .choices import Role
from .models import Company, Invitation, Membership, User, organisation_lookup


def membership_of(user: User) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def organisation_can_found(*, user: User) -> bool:
    """Staff create organisations for others; anyone else founds one while they belong to none."""
    return user.is_staff or (user.is_authenticated and membership_of(user) is None)


def organisation_can_manage(*, user: User, organisation) -> bool:
    """Staff, or an owner of `organisation` (a Company or a Vendor), may manage it."""
    if user.is_staff:
        return True
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role == Role.OWNER
        and membership.organisation == organisation
    )


def organisation_can_view_team(*, user: User, organisation) -> bool:
    """Staff, or any member of `organisation`, see who is in it and who is invited."""
    if user.is_staff:
        return True
    membership = membership_of(user)
    return membership is not None and membership.organisation == organisation


def company_member_can_act(*, user: User, company: Company) -> bool:
    """Staff, or any member of `company`, may act for it (post and edit its requests)."""
    if user.is_staff:
        return True
    membership = membership_of(user)
    return membership is not None and membership.company_id == company.pk


def company_list_visible(*, user: User) -> QuerySet[Company]:
    """Staff see every company; a member sees their own; everyone else sees none."""
    companies = Company.objects.all()
    if user.is_staff:
        return companies
    membership = membership_of(user)
    if membership is None or membership.company_id is None:
        return companies.none()
    return companies.filter(pk=membership.company_id)


def _own_organisation(user: User) -> dict | None:
    membership = membership_of(user)
    if membership is None:
        return None
    if membership.company_id is not None:
        return {"company_id": membership.company_id}
    return {"vendor_id": membership.vendor_id}


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
    if not organisation_can_view_team(user=user, organisation=organisation):
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
