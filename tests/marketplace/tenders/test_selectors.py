"""Tender reads (marketplace/tenders/selectors.py, and the requests vendors see in
marketplace/selectors.py): each list scoped to the acting user — vendors never see each
other's proposals, Q&A hides who asked — and the figures that hold both sides accountable."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.models import ExchangeRate, MatchResult, MatchRun, OutsourcingRequest
from marketplace.selectors import request_list_visible
from marketplace.tenders.models import BidInvitation, Proposal, Question
from marketplace.tenders.selectors import (
    CompanyResponsiveness,
    bid_invitation_list_visible,
    company_responsiveness,
    engagement_list_visible,
    participating_vendors,
    proposal_comparison,
    proposal_list_visible,
    question_list_answerable,
    question_list_visible,
    review_for_vendor,
    review_list_visible,
    vendor_may_take_part,
    vendor_responsiveness,
    vendor_unmet_requirements,
    vendors_still_expected,
)
from marketplace.tenders.services import request_cancel
from tests.factories import (
    BidInvitationFactory,
    OutsourcingRequestFactory,
    ProposalFactory,
    QuestionFactory,
    VendorFactory,
    certification,
)

from . import set_request, suspend

# Who takes part ---------------------------------------------------------------------------


def test_a_vendor_meeting_every_constraint_has_nothing_unmet(outsourcing_request, vendor):
    assert vendor_unmet_requirements(vendor=vendor, outsourcing_request=outsourcing_request) == []


def test_unmet_constraints_are_named(outsourcing_request):
    francophone = VendorFactory(speaks_en=False, speaks_fr=True)
    outsourcing_request.required_certifications.set(
        [certification("gli-certified"), certification("iso-27001")]
    )
    francophone.certifications.set([certification("iso-27001")])

    assert vendor_unmet_requirements(
        vendor=francophone, outsourcing_request=outsourcing_request
    ) == ["no shared working language", "missing certifications: GLI certified"]


@pytest.mark.parametrize(
    ("status", "takes_part"),
    [
        (BidInvitation.Status.PENDING, True),
        (BidInvitation.Status.ACCEPTED, True),
        (BidInvitation.Status.DECLINED, False),
    ],
)
def test_an_invited_vendor_takes_part_until_it_declines(bid_invitation, vendor, status, takes_part):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(status=status)

    assert (
        vendor_may_take_part(vendor=vendor, outsourcing_request=bid_invitation.request)
        is takes_part
    )


def test_an_invited_vendor_takes_part_even_without_meeting_constraints_added_later(
    bid_invitation, vendor
):
    """The company chose to invite it; the invitation is what counts."""
    bid_invitation.request.required_certifications.set([certification("gli-certified")])

    assert vendor_may_take_part(vendor=vendor, outsourcing_request=bid_invitation.request)


def test_only_invited_vendors_take_part_in_a_request_by_invitation(
    outsourcing_request, other_vendor
):
    assert not vendor_may_take_part(vendor=other_vendor, outsourcing_request=outsourcing_request)


def test_qualified_vendors_take_part_in_an_open_request(open_request, other_vendor):
    assert vendor_may_take_part(vendor=other_vendor, outsourcing_request=open_request)
    open_request.required_certifications.set([certification("gli-certified")])
    assert not vendor_may_take_part(vendor=other_vendor, outsourcing_request=open_request)


def test_vendors_not_approved_never_take_part(bid_invitation, vendor, open_request, pending_vendor):
    assert not vendor_may_take_part(vendor=pending_vendor, outsourcing_request=open_request)
    suspend(vendor)
    assert not vendor_may_take_part(vendor=vendor, outsourcing_request=bid_invitation.request)
    assert not vendor_may_take_part(vendor=vendor, outsourcing_request=open_request)


@pytest.fixture
def crowd(outsourcing_request):
    """Around the request: Pendiente (invited), Aceptó (accepted, no proposal yet), Declinio
    (declined), Propuso (proposed), Retiro (proposed, then withdrew), Stranger (nothing)."""
    request = outsourcing_request
    vendors = {
        name: VendorFactory(name=name)
        for name in ("Pendiente", "Aceptó", "Declinio", "Propuso", "Retiro", "Stranger")
    }
    BidInvitationFactory(request=request, vendor=vendors["Pendiente"])
    BidInvitationFactory(
        request=request, vendor=vendors["Aceptó"], status=BidInvitation.Status.ACCEPTED
    )
    BidInvitationFactory(
        request=request, vendor=vendors["Declinio"], status=BidInvitation.Status.DECLINED
    )
    for name in ("Propuso", "Retiro"):
        BidInvitationFactory(
            request=request, vendor=vendors[name], status=BidInvitation.Status.ACCEPTED
        )
    ProposalFactory(request=request, vendor=vendors["Propuso"])
    ProposalFactory(request=request, vendor=vendors["Retiro"], status=Proposal.Status.WITHDRAWN)
    return vendors


def names(vendors) -> set:
    return {vendor.name for vendor in vendors}


def test_everyone_invited_and_not_declined_or_that_proposed_takes_part(outsourcing_request, crowd):
    assert names(participating_vendors(outsourcing_request=outsourcing_request)) == {
        "Pendiente",
        "Aceptó",
        "Propuso",
        "Retiro",
    }


def test_invitees_without_a_live_proposal_are_still_expected(outsourcing_request, crowd):
    assert names(vendors_still_expected(outsourcing_request=outsourcing_request)) == {
        "Pendiente",
        "Aceptó",
        "Retiro",
    }
    suspend(crowd["Pendiente"])
    assert names(vendors_still_expected(outsourcing_request=outsourcing_request)) == {
        "Aceptó",
        "Retiro",
    }


# The requests vendors see -------------------------------------------------------------------


def test_an_invited_vendor_sees_a_request_by_invitation_and_others_do_not(
    bid_invitation, vera, una, pablo
):
    request = bid_invitation.request

    assert request in request_list_visible(user=vera)
    assert request not in request_list_visible(user=una)
    assert request not in request_list_visible(user=pablo)


def test_every_approved_vendor_sees_an_open_request(open_request, vera, una, pablo):
    assert open_request in request_list_visible(user=vera)
    assert open_request in request_list_visible(user=una)
    assert open_request not in request_list_visible(user=pablo)


def test_a_suspended_vendor_sees_no_request_even_one_it_was_invited_to(
    bid_invitation, open_request, vendor, vera
):
    suspend(vendor)

    assert not request_list_visible(user=vera).exists()


def test_vendors_that_took_part_keep_seeing_a_closed_request_and_the_rest_do_not(
    open_request, vendor, vera, una
):
    ProposalFactory(request=open_request, vendor=vendor, status=Proposal.Status.NOT_AWARDED)
    for status in (OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED):
        set_request(open_request, status=status)

        assert open_request in request_list_visible(user=vera)
        assert open_request not in request_list_visible(user=una)


def test_no_vendor_sees_a_draft(draft_request, vendor, vera):
    BidInvitationFactory(request=draft_request, vendor=vendor)

    assert draft_request not in request_list_visible(user=vera)


def test_a_company_sees_its_own_requests_drafts_too(
    outsourcing_request, draft_request, alice, olga, staff, charlie
):
    assert set(request_list_visible(user=alice)) == {outsourcing_request, draft_request}
    assert not request_list_visible(user=olga).exists()
    assert set(request_list_visible(user=staff)) == {outsourcing_request, draft_request}
    assert not request_list_visible(user=charlie).exists()


# Lists, scoped ---------------------------------------------------------------------------


@pytest.fixture
def elsewhere(other_company, other_vendor, olga):
    """Lotería del Norte's request, with Northern Lights invited and proposing."""
    request = OutsourcingRequestFactory(
        company=other_company, status=OutsourcingRequest.Status.PUBLISHED
    )
    invitation = BidInvitationFactory(request=request, vendor=other_vendor)
    proposal = ProposalFactory(request=request, vendor=other_vendor)
    return {"request": request, "invitation": invitation, "proposal": proposal}


def test_bid_invitations_are_seen_by_their_company_and_their_vendor(
    bid_invitation, elsewhere, alice, bob, vera, una, olga, staff, charlie, pablo
):
    theirs = elsewhere["invitation"]

    assert list(bid_invitation_list_visible(user=alice)) == [bid_invitation]
    assert list(bid_invitation_list_visible(user=bob)) == [bid_invitation]
    assert list(bid_invitation_list_visible(user=vera)) == [bid_invitation]
    assert list(bid_invitation_list_visible(user=una)) == [theirs]
    assert list(bid_invitation_list_visible(user=olga)) == [theirs]
    assert set(bid_invitation_list_visible(user=staff)) == {bid_invitation, theirs}
    assert not bid_invitation_list_visible(user=charlie).exists()
    assert not bid_invitation_list_visible(user=pablo).exists()


def test_vendors_never_see_each_others_proposals(proposal, other_vendor, vera, victor, una):
    rival = ProposalFactory(request=proposal.request, vendor=other_vendor)

    assert list(proposal_list_visible(user=vera)) == [proposal]
    assert list(proposal_list_visible(user=victor)) == [proposal]
    assert list(proposal_list_visible(user=una)) == [rival]


def test_a_company_sees_the_proposals_to_its_requests_only(
    proposal, elsewhere, alice, olga, staff, charlie
):
    assert list(proposal_list_visible(user=alice)) == [proposal]
    assert list(proposal_list_visible(user=olga)) == [elsewhere["proposal"]]
    assert set(proposal_list_visible(user=staff)) == {proposal, elsewhere["proposal"]}
    assert not proposal_list_visible(user=charlie).exists()


def test_an_engagement_is_seen_by_both_parties_and_staff(
    engagement, bob, victor, una, olga, staff, charlie
):
    assert list(engagement_list_visible(user=bob)) == [engagement]
    assert list(engagement_list_visible(user=victor)) == [engagement]
    assert list(engagement_list_visible(user=staff)) == [engagement]
    for outsider in (una, olga, charlie):
        assert not engagement_list_visible(user=outsider).exists()


def test_reviews_are_public_while_their_vendor_is(review, vendor, vera, una, charlie, staff):
    for anyone in (vera, una, charlie, staff):
        assert list(review_list_visible(user=anyone)) == [review]

    suspend(vendor)

    assert not review_list_visible(user=charlie).exists()
    assert not review_list_visible(user=una).exists()
    assert list(review_list_visible(user=vera)) == [review]
    assert list(review_list_visible(user=staff)) == [review]


def test_a_vendor_finds_its_own_reviews_to_reply_to(review, vera, una, alice):
    assert list(review_for_vendor(user=vera)) == [review]
    assert not review_for_vendor(user=una).exists()
    assert not review_for_vendor(user=alice).exists()


@pytest.fixture
def questions(bid_invitation, other_vendor):
    """Maple Odds asked an open and an answered question; Northern Lights (also invited) asked
    one that is still open."""
    request = bid_invitation.request
    BidInvitationFactory(request=request, vendor=other_vendor)
    return {
        "mine_open": QuestionFactory(request=request, vendor=bid_invitation.vendor, text="A"),
        "mine_answered": QuestionFactory(
            request=request,
            vendor=bid_invitation.vendor,
            text="B",
            status=Question.Status.ANSWERED,
            answer="Sí.",
        ),
        "theirs_open": QuestionFactory(request=request, vendor=other_vendor, text="C"),
    }


def test_the_company_sees_every_question(outsourcing_request, questions, alice, staff):
    for manager in (alice, staff):
        assert set(
            question_list_visible(user=manager, outsourcing_request=outsourcing_request)
        ) == set(questions.values())


def test_a_vendor_sees_answered_questions_and_its_own_but_not_others_unanswered(
    outsourcing_request, questions, vera, una
):
    assert set(question_list_visible(user=vera, outsourcing_request=outsourcing_request)) == {
        questions["mine_open"],
        questions["mine_answered"],
    }
    assert set(question_list_visible(user=una, outsourcing_request=outsourcing_request)) == {
        questions["mine_answered"],
        questions["theirs_open"],
    }


def test_anyone_else_sees_no_questions(outsourcing_request, questions, olga, charlie):
    for outsider in (olga, charlie):
        assert not question_list_visible(
            user=outsider, outsourcing_request=outsourcing_request
        ).exists()


def test_questions_to_answer_are_the_companys_own(questions, alice, bob, olga, vera, staff):
    theirs = QuestionFactory(
        request=OutsourcingRequestFactory(
            company=olga.membership.company, status=OutsourcingRequest.Status.PUBLISHED
        )
    )

    assert set(question_list_answerable(user=alice)) == set(questions.values())
    assert set(question_list_answerable(user=bob)) == set(questions.values())
    assert list(question_list_answerable(user=olga)) == [theirs]
    assert not question_list_answerable(user=vera).exists()
    assert question_list_answerable(user=staff).count() == 4


# Accountability figures -------------------------------------------------------------------


def _answered_after(
    invitation: BidInvitation, delay: timedelta, status=BidInvitation.Status.ACCEPTED
):
    BidInvitation.objects.filter(pk=invitation.pk).update(
        status=status, responded_at=invitation.created_at + delay
    )


def test_a_vendors_median_time_to_answer_invitations(vendor):
    for hours, status in (
        (1, BidInvitation.Status.ACCEPTED),
        (3, BidInvitation.Status.DECLINED),
        (40, BidInvitation.Status.ACCEPTED),
    ):
        _answered_after(BidInvitationFactory(vendor=vendor), timedelta(hours=hours), status)
    BidInvitationFactory(vendor=vendor)  # not answered yet: not counted

    figures = vendor_responsiveness(vendor=vendor)

    assert figures.invitations_answered == 3
    assert figures.median_answer_time == timedelta(hours=3)


def test_with_an_even_count_the_median_is_between_the_middle_two(vendor):
    for hours in (1, 2, 4, 100):
        _answered_after(BidInvitationFactory(vendor=vendor), timedelta(hours=hours))

    assert vendor_responsiveness(vendor=vendor).median_answer_time == timedelta(hours=3)


def test_a_vendor_that_never_answered_has_no_median(vendor, other_vendor):
    BidInvitationFactory(vendor=vendor)
    _answered_after(BidInvitationFactory(vendor=other_vendor), timedelta(hours=1))

    figures = vendor_responsiveness(vendor=vendor)

    assert (figures.invitations_answered, figures.median_answer_time) == (0, None)


def test_a_companys_median_time_to_answer_questions(outsourcing_request, company, other_company):
    for hours in (2, 5, 30):
        question = QuestionFactory(request=outsourcing_request)
        Question.objects.filter(pk=question.pk).update(
            status=Question.Status.ANSWERED,
            answer="Sí.",
            answered_at=question.created_at + timedelta(hours=hours),
        )
    QuestionFactory(request=outsourcing_request)  # still open
    QuestionFactory(request=OutsourcingRequestFactory(company=other_company))

    figures = company_responsiveness(company=company)

    assert figures.questions_answered == 3
    assert figures.median_answer_time == timedelta(hours=5)


def test_a_companys_median_time_to_decide_once_proposals_are_due(company):
    due = timezone.now() - timedelta(days=30)

    def closed(after: timedelta, status=OutsourcingRequest.Status.AWARDED):
        OutsourcingRequestFactory(
            company=company,
            status=status,
            published_at=due - timedelta(days=21),
            proposals_due=due,
            closed_at=due + after,
        )

    closed(timedelta(days=2))
    closed(timedelta(days=10), OutsourcingRequest.Status.CANCELLED)
    closed(-timedelta(days=3), OutsourcingRequest.Status.CANCELLED)  # before the deadline: 0
    OutsourcingRequestFactory(
        company=company, status=OutsourcingRequest.Status.PUBLISHED, proposals_due=due
    )  # undecided: not counted

    figures = company_responsiveness(company=company)

    assert figures.decisions == 3
    assert figures.median_decision_time == timedelta(days=2)


def test_a_draft_cancelled_before_publishing_is_no_decision(draft_request, company, alice):
    """Its deadline was never public, so closing it tells nothing about how fast the company
    decides."""
    request_cancel(actor=alice, outsourcing_request=draft_request, reason="Ya no.")

    figures = company_responsiveness(company=company)

    assert (figures.decisions, figures.median_decision_time) == (0, None)


def test_a_company_without_answers_or_decisions_has_no_medians(outsourcing_request, company):
    assert company_responsiveness(company=company) == CompanyResponsiveness(0, None, 0, None)


# Comparing proposals -------------------------------------------------------------------------


def _submitted_on(proposal: Proposal, day: date) -> Proposal:
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=12))
    Proposal.objects.filter(pk=proposal.pk).update(created_at=moment)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def dated_rates():
    """USD was 1.30 CAD from 1 March 2025 and 1.40 from 1 June; MXN 0.070 then 0.080."""
    for currency, valid_from, rate in (
        ("USD", date(2025, 3, 1), "1.30"),
        ("USD", date(2025, 6, 1), "1.40"),
        ("MXN", date(2025, 3, 1), "0.070"),
        ("MXN", date(2025, 6, 1), "0.080"),
    ):
        ExchangeRate.objects.update_or_create(
            currency=currency, valid_from=valid_from, defaults={"rate_to_cad": Decimal(rate)}
        )


def test_prices_are_compared_in_the_requests_currency_and_cad_at_the_rates_of_their_day(
    outsourcing_request, vendor, other_vendor, dated_rates
):
    in_usd = _submitted_on(
        ProposalFactory(
            request=outsourcing_request, vendor=vendor, price=Decimal("70000"), currency="USD"
        ),
        date(2025, 4, 15),
    )
    in_mxn = _submitted_on(
        ProposalFactory(request=outsourcing_request, vendor=other_vendor, price=Decimal("1000000")),
        date(2025, 7, 1),
    )

    usd_row, mxn_row = proposal_comparison(
        outsourcing_request=outsourcing_request, proposals=[in_usd, in_mxn]
    )

    assert usd_row.proposal == in_usd
    assert usd_row.price_cad == Decimal("91000.00")  # 70 000 × 1.30 (April)
    assert usd_row.price_in_request_currency == Decimal("1300000.00")  # 91 000 ÷ 0.070
    assert mxn_row.price_cad == Decimal("80000.00")  # 1 000 000 × 0.080 (July)
    assert mxn_row.price_in_request_currency == Decimal("1000000.00")


def test_a_price_without_a_rate_for_its_day_is_not_converted(outsourcing_request, vendor):
    old = _submitted_on(
        ProposalFactory(request=outsourcing_request, vendor=vendor, currency="USD"),
        date(2020, 1, 1),
    )

    (row,) = proposal_comparison(outsourcing_request=outsourcing_request, proposals=[old])

    assert (row.price_cad, row.price_in_request_currency) == (None, None)


def test_each_proposal_shows_its_vendors_match_rating_and_answer_time(
    proposal, vendor, other_vendor, outsourcing_request
):
    done = MatchRun.objects.create(
        request=outsourcing_request, trigger=MatchRun.Trigger.PUBLISH, status=MatchRun.Status.DONE
    )
    MatchResult.objects.create(
        run=done, vendor=vendor, rank=1, score=Decimal("87.5"), reasons=[{"code": "x"}]
    )
    MatchRun.objects.create(request=outsourcing_request, trigger=MatchRun.Trigger.EDIT)
    rival = ProposalFactory(request=outsourcing_request, vendor=other_vendor)
    type(vendor).objects.filter(pk=vendor.pk).update(review_count=1, review_rating_total=5)
    vendor.refresh_from_db()
    _answered_after(BidInvitation.objects.get(vendor=vendor), timedelta(hours=6))

    mine, theirs = proposal_comparison(
        outsourcing_request=outsourcing_request, proposals=[proposal, rival]
    )

    assert (mine.match_score, mine.match_reasons) == (Decimal("87.5"), [{"code": "x"}])
    assert mine.rating == pytest.approx(20 / 6)
    assert mine.review_count == 1
    assert mine.median_answer_time == timedelta(hours=6)
    assert (theirs.match_score, theirs.match_reasons) == (None, [])
    assert (theirs.rating, theirs.review_count, theirs.median_answer_time) == (None, 0, None)


def test_a_request_never_ranked_compares_without_match_scores(proposal, outsourcing_request):
    (row,) = proposal_comparison(outsourcing_request=outsourcing_request, proposals=[proposal])

    assert (row.match_score, row.match_reasons) == (None, [])
