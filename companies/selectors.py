"""Reads about organisations, always scoped to the acting user."""

from django.db.models import QuerySet

from .choices import Role
from .models import Company, Membership, User


def membership_of(user: User) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


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
