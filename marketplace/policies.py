"""Who may do what in the marketplace: one predicate per action, `can_<verb>_<entity>(*, user,
<entity>)`, or `(*, user)` for a rule about no one row.

Selectors scope with them, services refuse with them, the API asks them through
`config.permissions.PolicyPermission`, the pages through `config.policies.policy_required` and
the templates through `{% can %}`. Who may do what with an organisation itself (found, manage,
see its team) is `companies.policies`.
"""

from companies.models import User
from companies.policies import can_act_for_company, can_manage_organisation, membership_of

from .models import OutsourcingRequest, Vendor


def can_view_vendor_status(*, user: User, vendor: Vendor) -> bool:
    """Staff and the vendor's own members see its moderation status, and why."""
    if user.is_staff:
        return True
    membership = membership_of(user=user)
    return membership is not None and membership.vendor_id == vendor.pk


def can_edit_vendor(*, user: User, vendor: Vendor) -> bool:
    """Staff, or an owner of the vendor, edit its listing; its other members only read it."""
    return can_manage_organisation(user=user, organisation=vendor)


def can_moderate_vendors(*, user: User) -> bool:
    """Only staff approve and suspend vendors, set their status, and see every one of them
    whatever its status."""
    return user.is_staff


def can_read_run_errors(*, user: User) -> bool:
    """Only staff read why a matching run failed (the exception recorded): it helps them fix
    it, tells a buyer nothing and may tell an attacker too much."""
    return user.is_staff


def can_add_reference_data(*, user: User) -> bool:
    """Only staff add sectors, skills and certifications; anyone reads them."""
    return user.is_staff


def can_create_request(*, user: User) -> bool:
    """Staff, or a member of a company, draft requests (and so have the company side's pages)."""
    if user.is_staff:
        return True
    membership = membership_of(user=user)
    return membership is not None and membership.company_id is not None


def can_manage_request(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    """Staff, or a member of the request's company, edit, publish and rematch it."""
    return can_act_for_company(user=user, company=outsourcing_request.company)


def can_view_matches(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    """The ranking is the buyer's: whoever manages the request sees it, and no vendor does,
    even one that reads the published request."""
    return can_manage_request(user=user, outsourcing_request=outsourcing_request)
