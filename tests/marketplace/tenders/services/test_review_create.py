"""review_create: a member of the awarding company reviews a completed engagement once, 1 to 5
stars with text; the vendor's totals (and so its Bayesian rating) move with it."""

import pytest

from marketplace.events.models import Event
from marketplace.models import VendorMatchingChange
from marketplace.services.matching import snapshot
from marketplace.tenders.models import Engagement, Review
from marketplace.tenders.services import review_create
from tests.factories import EngagementFactory

from .. import concerns, conflict, forbidden, invalid, the_event

TEXT = "Entregaron a tiempo y el feed de momios nunca se cayó."


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_company_reviews_a_completed_engagement(request, completed_engagement, vendor, who):
    actor = request.getfixturevalue(who)

    review = review_create(actor=actor, engagement=completed_engagement, rating=5, text=TEXT)

    assert review.rating == 5
    assert review.text == TEXT
    assert review.author == actor
    assert review.vendor == vendor
    assert review.company == completed_engagement.company
    assert not review.has_reply
    event = the_event(Event.Kind.REVIEW_POSTED)
    assert event.actor == actor
    assert event.data == {"review": review.pk, "engagement": completed_engagement.pk}
    assert concerns(event) == ({completed_engagement.company}, {vendor})


def test_a_review_tells_the_matching_workers_the_vendor_changed(
    alice, completed_engagement, vendor
):
    """Its totals are written in bulk (no signal): the service bumps the vendors' version, or
    workers would rank with the rating from before."""
    before, _stamp = snapshot.current_version()

    review_create(actor=alice, engagement=completed_engagement, rating=2, text=TEXT)

    version, _stamp = snapshot.current_version()
    assert version > before
    assert VendorMatchingChange.objects.filter(version=version, vendor_id=vendor.pk).exists()


def test_the_vendors_totals_and_rating_follow_its_reviews(completed_engagement, vendor, bob):
    assert vendor.rating is None

    review_create(actor=bob, engagement=completed_engagement, rating=5, text=TEXT)

    vendor.refresh_from_db()
    assert (vendor.review_count, vendor.review_rating_total) == (1, 5)
    # One 5★ review among five phantom 3★ ones: it cannot dominate.
    assert vendor.rating == pytest.approx(20 / 6)

    another = EngagementFactory(
        proposal__vendor=vendor,
        proposal__request__company=completed_engagement.company,
        status=Engagement.Status.COMPLETED,
    )
    review_create(actor=bob, engagement=another, rating=2, text="Tarde.")

    vendor.refresh_from_db()
    assert (vendor.review_count, vendor.review_rating_total) == (2, 7)
    assert vendor.rating == pytest.approx(22 / 7)


@pytest.mark.parametrize("who", ["staff", "olga", "vera", "victor", "una", "charlie"])
def test_only_the_awarding_company_reviews(request, completed_engagement, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        review_create(actor=actor, engagement=completed_engagement, rating=5, text=TEXT)


def test_an_active_engagement_cannot_be_reviewed(engagement, bob):
    with conflict("engagement_not_completed"):
        review_create(actor=bob, engagement=engagement, rating=5, text=TEXT)


def test_a_cancelled_engagement_cannot_be_reviewed(engagement, bob):
    Engagement.objects.filter(pk=engagement.pk).update(status=Engagement.Status.CANCELLED)

    with conflict("engagement_not_completed"):
        review_create(actor=bob, engagement=engagement, rating=1, text=TEXT)


def test_an_engagement_is_reviewed_once(completed_engagement, alice, bob):
    review_create(actor=alice, engagement=completed_engagement, rating=5, text=TEXT)

    with conflict("review_exists"):
        review_create(actor=bob, engagement=completed_engagement, rating=1, text="Otra opinión.")
    assert Review.objects.count() == 1


@pytest.mark.parametrize("rating", [0, 6, -1, None])
def test_the_rating_goes_from_one_to_five(completed_engagement, bob, rating):
    with invalid("rating"):
        review_create(actor=bob, engagement=completed_engagement, rating=rating, text=TEXT)


@pytest.mark.parametrize("text", ["", "  ", None])
def test_a_review_needs_text(completed_engagement, bob, text):
    with invalid("text"):
        review_create(actor=bob, engagement=completed_engagement, rating=4, text=text)


def test_a_rating_sent_as_text_counts_as_its_number(completed_engagement, vendor, bob):
    review_create(actor=bob, engagement=completed_engagement, rating="4", text=TEXT)

    vendor.refresh_from_db()
    assert (vendor.review_count, vendor.review_rating_total) == (1, 4)


def test_a_bad_rating_is_reported_before_the_engagements_state(engagement, bob):
    with invalid("rating"):
        review_create(actor=bob, engagement=engagement, rating=6, text=TEXT)


def test_a_blank_review_is_reported_before_a_duplicate(review, alice):
    with invalid("text"):
        review_create(actor=alice, engagement=review.engagement, rating=3, text="")
