"""Who may do what with organisations: one predicate per action, used by selectors (to scope),
services (to refuse), the API's permission and the templates (`{% can %}`)."""

from .choices import Role
from .models import Company, Membership, User


def membership_of(*, user: User) -> Membership | None:
    """The user's one membership (of a company or a vendor), or None for anyone outside one."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def can_found_organisation(*, user: User) -> bool:
    """Staff create organisations for others; anyone else founds one while they belong to none."""
    return user.is_staff or (user.is_authenticated and membership_of(user=user) is None)


def can_manage_organisation(*, user: User, organisation) -> bool:
    """Staff, or an owner of `organisation` (a Company or a Vendor), may manage it."""
    if user.is_staff:
        return True
    membership = membership_of(user=user)
    return (
        membership is not None
        and membership.role == Role.OWNER
        and membership.organisation == organisation
    )


def can_verify_companies(*, user: User) -> bool:
    """Only staff mark a company verified, once they have checked its RFC."""
    return user.is_staff


def can_view_team(*, user: User, organisation) -> bool:
    """Staff, or any member of `organisation`, see who is in it and who is invited."""
    if user.is_staff:
        return True
    membership = membership_of(user=user)
    return membership is not None and membership.organisation == organisation


def can_act_for_company(*, user: User, company: Company) -> bool:
    """Staff, or any member of `company`, may act for it (post and edit its requests)."""
    if user.is_staff:
        return True
    membership = membership_of(user=user)
    return membership is not None and membership.company_id == company.pk
