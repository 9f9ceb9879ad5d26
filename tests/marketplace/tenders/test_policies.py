"""Who may do what in a tender (marketplace/tenders/policies.py), for every role of the cast:
the company's owner and member, another company's owner, the invited vendor's owner and member,
another vendor, a vendor awaiting approval, staff, someone with no organisation, and anonymous."""

import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.tenders import policies
from tests.factories import QuestionFactory

# The cast is fetched by name below, out of pytest-django's sight: say the tests use the
# database, so they run before the transactional ones that leave it empty.
pytestmark = pytest.mark.django_db

CAST = ("alice", "bob", "olga", "vera", "victor", "una", "pablo", "staff", "charlie", "anonymous")

COMPANY_AND_STAFF = {"alice", "bob", "staff"}
COMPANY = {"alice", "bob"}
OWNER = {"alice"}
VENDOR = {"vera", "victor"}


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def question(bid_invitation):
    return QuestionFactory(request=bid_invitation.request, vendor=bid_invitation.vendor)


# (policy, the keyword its object goes in, the fixture holding the object, who may)
RULES = [
    (policies.can_manage_tender, "outsourcing_request", "outsourcing_request", COMPANY_AND_STAFF),
    (policies.can_award_request, "outsourcing_request", "outsourcing_request", OWNER),
    (policies.can_cancel_request, "outsourcing_request", "outsourcing_request", OWNER),
    (policies.can_answer_question, "question", "question", COMPANY_AND_STAFF),
    (policies.can_shortlist_proposal, "proposal", "proposal", COMPANY_AND_STAFF),
    (policies.can_complete_engagement, "engagement", "engagement", COMPANY),
    (policies.can_cancel_engagement, "engagement", "engagement", OWNER),
    (policies.can_review_engagement, "engagement", "engagement", COMPANY),
    (policies.can_view_engagement, "engagement", "engagement", COMPANY_AND_STAFF | VENDOR),
    (policies.can_answer_bid_invitation, "bid_invitation", "bid_invitation", VENDOR),
    (policies.can_withdraw_proposal, "proposal", "proposal", VENDOR),
    (policies.can_reply_to_review, "review", "review", VENDOR),
    (policies.can_act_for_vendor, "vendor", "vendor", VENDOR),
    (
        policies.can_see_question_asker,
        "outsourcing_request",
        "outsourcing_request",
        COMPANY_AND_STAFF,
    ),
]


@pytest.mark.parametrize(
    ("policy", "keyword", "fixture", "allowed"),
    RULES,
    ids=[rule[0].__name__ for rule in RULES],
)
def test_each_rule_allows_exactly_its_roles(request, policy, keyword, fixture, allowed):
    obj = request.getfixturevalue(fixture)

    may = {who for who in CAST if policy(user=request.getfixturevalue(who), **{keyword: obj})}

    assert may == allowed


def test_vendors_never_learn_who_asked_a_question(outsourcing_request, vera, una):
    """The company sees the asker; vendors, the asker's own included, read the question alone."""
    for vendor_member in (vera, una):
        assert not policies.can_see_question_asker(
            user=vendor_member, outsourcing_request=outsourcing_request
        )


def test_the_acting_vendor_is_the_users_own(
    vera, una, pablo, alice, staff, charlie, anonymous, vendor, other_vendor, pending_vendor
):
    assert policies.acting_vendor(user=vera) == vendor
    assert policies.acting_vendor(user=una) == other_vendor
    assert policies.acting_vendor(user=pablo) == pending_vendor
    for nobody in (alice, staff, charlie, anonymous):
        assert policies.acting_vendor(user=nobody) is None
