"""question_ask: a member of a vendor taking part (invited and not declined, or qualified for an
open request) asks about a published request before questions close."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Question
from marketplace.tenders.services import question_ask
from tests.factories import MembershipFactory, UserFactory, VendorFactory, certification

from .. import concerns, conflict, forbidden, invalid, past_due, set_request, suspend, the_event

TEXT = "¿Los momios en vivo vienen de un proveedor externo?"


def test_an_invited_vendor_asks_and_the_company_is_told(bid_invitation, vendor, victor):
    question = question_ask(
        actor=victor, outsourcing_request=bid_invitation.request, text=f"  {TEXT}  "
    )

    assert question.text == TEXT
    assert question.vendor == vendor
    assert question.asked_by == victor
    assert question.status == Question.Status.OPEN
    event = the_event(Event.Kind.QUESTION_ASKED)
    assert event.actor == victor
    assert event.data == {"question": question.pk}
    assert concerns(event) == ({bid_invitation.request.company}, {vendor})


def test_a_qualified_vendor_asks_about_an_open_request_without_an_invitation(
    open_request, other_vendor, una
):
    question = question_ask(actor=una, outsourcing_request=open_request, text=TEXT)

    assert question.vendor == other_vendor
    assert not open_request.bid_invitations.exists()


def test_an_accepted_invitation_still_lets_the_vendor_ask(bid_invitation, vera):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(status=BidInvitation.Status.ACCEPTED)

    assert question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=TEXT)


@pytest.mark.parametrize("who", ["alice", "bob", "olga", "staff", "charlie"])
def test_only_vendors_ask(request, bid_invitation, who):
    actor = request.getfixturevalue(who)

    with forbidden("not_a_vendor_member"):
        question_ask(actor=actor, outsourcing_request=bid_invitation.request, text=TEXT)


def test_an_uninvited_vendor_cannot_ask_about_a_request_by_invitation(outsourcing_request, una):
    with forbidden("not_taking_part"):
        question_ask(actor=una, outsourcing_request=outsourcing_request, text=TEXT)


def test_a_vendor_that_declined_cannot_ask(bid_invitation, vera):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(status=BidInvitation.Status.DECLINED)

    with forbidden("not_taking_part"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=TEXT)


def test_an_open_request_is_closed_to_a_vendor_without_a_shared_language(open_request):
    francophone = VendorFactory(speaks_en=False, speaks_fr=True)
    fabien = MembershipFactory(user=UserFactory(username="fabien"), vendor=francophone).user

    with forbidden("not_taking_part"):
        question_ask(actor=fabien, outsourcing_request=open_request, text=TEXT)


def test_an_open_request_is_closed_to_a_vendor_missing_a_required_certification(open_request, una):
    open_request.required_certifications.set([certification("agco-registered")])

    with forbidden("not_taking_part"):
        question_ask(actor=una, outsourcing_request=open_request, text=TEXT)


def test_a_suspended_vendor_cannot_ask(bid_invitation, vendor, vera):
    suspend(vendor)

    with forbidden("vendor_not_approved"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=TEXT)


def test_a_pending_vendor_cannot_ask(open_request, pablo):
    with forbidden("vendor_not_approved"):
        question_ask(actor=pablo, outsourcing_request=open_request, text=TEXT)


def test_a_draft_takes_no_questions(draft_request, una):
    with conflict("request_not_published"):
        question_ask(actor=una, outsourcing_request=draft_request, text=TEXT)


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_a_closed_request_takes_no_questions(bid_invitation, vera, status):
    set_request(bid_invitation.request, status=status)

    with conflict("request_closed"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=TEXT)


def test_no_questions_after_questions_are_due(bid_invitation, vera):
    """Questions close before proposals do, when the company says so."""
    request = set_request(
        bid_invitation.request, questions_due=timezone.now() - timedelta(minutes=1)
    )
    assert request.accepts_proposals(now=timezone.now())

    with conflict("questions_closed"):
        question_ask(actor=vera, outsourcing_request=request, text=TEXT)


def test_without_a_date_for_questions_they_close_with_proposals(bid_invitation, vera):
    past_due(bid_invitation.request)

    with conflict("questions_closed"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=TEXT)


@pytest.mark.parametrize("text", ["", "   \n ", None])
def test_a_question_needs_text(bid_invitation, vera, text):
    with invalid("text"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=text)


def test_a_question_has_a_length_limit(bid_invitation, vera):
    with invalid("text"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text="¿" * 5001)


def test_a_blank_question_is_reported_before_the_requests_state(bid_invitation, vera):
    past_due(bid_invitation.request)

    with invalid("text"):
        question_ask(actor=vera, outsourcing_request=bid_invitation.request, text=" ")
