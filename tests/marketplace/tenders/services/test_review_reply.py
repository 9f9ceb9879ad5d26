"""review_reply: a member of the reviewed vendor replies once; the company is told."""

import pytest

from marketplace.events.models import Event
from marketplace.tenders.services import review_reply

from .. import concerns, conflict, forbidden, invalid, the_event

TEXT = "Gracias, fue un gusto trabajar con ustedes."


@pytest.mark.parametrize("who", ["vera", "victor"])
def test_the_vendor_replies_and_the_company_is_told(request, review, who):
    actor = request.getfixturevalue(who)

    replied = review_reply(actor=actor, review=review, text=f"  {TEXT}")

    assert replied.reply == TEXT
    assert replied.replied_by == actor
    assert replied.has_reply
    event = the_event(Event.Kind.REVIEW_REPLIED)
    assert event.actor == actor
    assert event.request == review.engagement.request
    assert event.data == {"review": review.pk}
    assert concerns(event) == ({review.company}, {review.vendor})


@pytest.mark.parametrize("who", ["una", "alice", "bob", "olga", "staff", "charlie"])
def test_only_the_reviewed_vendor_replies(request, review, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        review_reply(actor=actor, review=review, text=TEXT)


def test_a_review_gets_one_reply(review, vera, victor):
    review_reply(actor=vera, review=review, text=TEXT)

    with conflict("review_replied"):
        review_reply(actor=victor, review=review, text="Y otra cosa…")


@pytest.mark.parametrize("text", ["", "\n ", None])
def test_a_reply_needs_text(review, vera, text):
    with invalid("text"):
        review_reply(actor=vera, review=review, text=text)


def test_a_reply_has_a_length_limit(review, vera):
    with invalid("reply"):
        review_reply(actor=vera, review=review, text="a" * 5001)


def test_a_blank_reply_is_reported_before_a_duplicate(review, vera):
    review_reply(actor=vera, review=review, text=TEXT)

    with invalid("text"):
        review_reply(actor=vera, review=review, text="")
