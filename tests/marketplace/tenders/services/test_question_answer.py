"""question_answer: a company member (or staff) answers a question once, while the request is
published; every vendor taking part is told."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Question
from marketplace.tenders.services import question_answer
from tests.factories import BidInvitationFactory, ProposalFactory, QuestionFactory, VendorFactory

from .. import concerns, conflict, forbidden, invalid, set_request, the_event


@pytest.fixture
def question(bid_invitation, victor):
    return QuestionFactory(
        request=bid_invitation.request, vendor=bid_invitation.vendor, asked_by=victor
    )


@pytest.mark.parametrize("who", ["alice", "bob", "staff"])
def test_the_company_answers(request, question, who):
    actor = request.getfixturevalue(who)

    answered = question_answer(actor=actor, question=question, text="  Sí, vía REST.  ")

    assert answered.status == Question.Status.ANSWERED
    assert answered.answer == "Sí, vía REST."
    assert answered.answered_by == actor
    assert answered.answered_at is not None
    event = the_event(Event.Kind.QUESTION_ANSWERED)
    assert event.actor == actor
    assert event.data == {"question": question.pk}


def test_every_vendor_taking_part_is_told_but_not_those_that_declined(question, vendor, bob):
    request = question.request
    invited = BidInvitationFactory(request=request, vendor=VendorFactory(name="Invited"))
    BidInvitationFactory(
        request=request, vendor=VendorFactory(name="Declined"), status=BidInvitation.Status.DECLINED
    )
    proposer = ProposalFactory(request=request, vendor=VendorFactory(name="Proposer")).vendor
    VendorFactory(name="Stranger")

    question_answer(actor=bob, question=question, text="Sí.")

    event = the_event(Event.Kind.QUESTION_ANSWERED)
    assert concerns(event) == ({request.company}, {vendor, invited.vendor, proposer})


def test_answers_may_come_after_questions_close(question, bob):
    set_request(question.request, questions_due=timezone.now() - timedelta(hours=1))

    assert question_answer(actor=bob, question=question, text="Sí.").is_answered


@pytest.mark.parametrize("who", ["olga", "vera", "victor", "una", "charlie"])
def test_only_the_company_answers(request, question, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        question_answer(actor=actor, question=question, text="Sí.")


def test_a_question_is_answered_once(question, alice, bob):
    question_answer(actor=alice, question=question, text="Sí.")

    with conflict("question_answered"):
        question_answer(actor=bob, question=question, text="No.")


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_no_answers_on_a_closed_request(question, bob, status):
    set_request(question.request, status=status)

    with conflict("request_closed"):
        question_answer(actor=bob, question=question, text="Sí.")


@pytest.mark.parametrize("text", ["", "  ", None])
def test_an_answer_needs_text(question, bob, text):
    with invalid("text"):
        question_answer(actor=bob, question=question, text=text)


def test_an_answer_has_a_length_limit(question, bob):
    with invalid("answer"):
        question_answer(actor=bob, question=question, text="a" * 5001)


def test_a_blank_answer_is_reported_before_the_requests_state(question, bob):
    set_request(question.request, status=OutsourcingRequest.Status.CANCELLED)

    with invalid("text"):
        question_answer(actor=bob, question=question, text="")
