"""Who may do what in a tender: one predicate per action.

Roles only — *who* may act. Whether the request's state allows the action (published, before
the deadline, not yet awarded) is the services' call and answers 409, not 403. Selectors use
these predicates to scope, services to refuse, the API's permission and the templates'
`{% can %}` tag to show or hide.
"""

from django.utils.translation import gettext_lazy as _

from companies.choices import Role
from companies.models import Company, User
from companies.policies import can_act_for_company, membership_of
from config.policies import refusal
from marketplace.models import OutsourcingRequest, Vendor

from .models import BidInvitation, Engagement, Proposal, Question, Review


def _is_owner_of_company(*, user: User, company: Company) -> bool:
    membership = membership_of(user=user)
    return (
        membership is not None
        and membership.company_id == company.pk
        and membership.role == Role.OWNER
    )


def _is_member_of_company(*, user: User, company_id: int) -> bool:
    membership = membership_of(user=user)
    return membership is not None and membership.company_id == company_id


def can_act_for_vendor(*, user: User, vendor: Vendor) -> bool:
    """Any member of the vendor answers for it; staff never do (a vendor speaks for itself)."""
    membership = membership_of(user=user)
    return membership is not None and membership.vendor_id == vendor.pk


def acting_vendor(*, user: User) -> Vendor | None:
    """The vendor the user acts for, or None for anyone outside a vendor."""
    membership = membership_of(user=user)
    if membership is None or membership.vendor_id is None:
        return None
    return membership.vendor


# The buying company's side ------------------------------------------------------------------


def can_manage_tender(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    """Invite vendors, answer questions, read and shortlist proposals: the company's members
    (and staff, who help companies run their tenders)."""
    return can_act_for_company(user=user, company=outsourcing_request.company)


@refusal(_("Only the company's members invite vendors to its requests."))
def can_invite_vendors(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    return can_manage_tender(user=user, outsourcing_request=outsourcing_request)


@refusal(_("Only the company's owners award its requests."), code="owner_only")
def can_award_request(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    """Awarding commits the company to a vendor: its owners only (staff neither)."""
    return _is_owner_of_company(user=user, company=outsourcing_request.company)


@refusal(_("Only the company's owners cancel its requests."), code="owner_only")
def can_cancel_request(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    """Cancelling tells every vendor that took part that there will be no work: owners only."""
    return _is_owner_of_company(user=user, company=outsourcing_request.company)


@refusal(_("Only the company's members mark its engagements completed."))
def can_complete_engagement(*, user: User, engagement: Engagement) -> bool:
    return _is_member_of_company(user=user, company_id=engagement.company_id)


@refusal(_("Only the company's owners cancel its engagements."), code="owner_only")
def can_cancel_engagement(*, user: User, engagement: Engagement) -> bool:
    return _is_owner_of_company(user=user, company=engagement.company)


@refusal(_("Only the company that awarded the engagement reviews it."))
def can_review_engagement(*, user: User, engagement: Engagement) -> bool:
    """Only the awarding company reviews: that is what makes a review verified."""
    return _is_member_of_company(user=user, company_id=engagement.company_id)


@refusal(_("Only the company's members answer questions on its requests."))
def can_answer_question(*, user: User, question: Question) -> bool:
    return can_manage_tender(user=user, outsourcing_request=question.request)


@refusal(_("Only the company's members shortlist proposals on its requests."))
def can_shortlist_proposal(*, user: User, proposal: Proposal) -> bool:
    return can_manage_tender(user=user, outsourcing_request=proposal.request)


# The vendors' side --------------------------------------------------------------------------


@refusal(_("Only the invited vendor's members answer its invitations."))
def can_answer_bid_invitation(*, user: User, bid_invitation: BidInvitation) -> bool:
    return can_act_for_vendor(user=user, vendor=bid_invitation.vendor)


@refusal(_("Only the proposing vendor's members withdraw its proposal."))
def can_withdraw_proposal(*, user: User, proposal: Proposal) -> bool:
    return can_act_for_vendor(user=user, vendor=proposal.vendor)


@refusal(_("Only the reviewed vendor's members reply to its reviews."))
def can_reply_to_review(*, user: User, review: Review) -> bool:
    return can_act_for_vendor(user=user, vendor=review.vendor)


# Seeing ---------------------------------------------------------------------------------------


def can_view_engagement(*, user: User, engagement: Engagement) -> bool:
    """Both parties and staff."""
    return (
        user.is_staff
        or _is_member_of_company(user=user, company_id=engagement.company_id)
        or can_act_for_vendor(user=user, vendor=engagement.vendor)
    )


def can_see_question_asker(*, user: User, outsourcing_request: OutsourcingRequest) -> bool:
    """The company (and staff) know which vendor asked; other vendors never do."""
    return can_manage_tender(user=user, outsourcing_request=outsourcing_request)
