"""/vendors/<slug>/, the vendor's reputation: the count and Bayesian rating of its verified
reviews, each review with the vendor's reply, and how fast it answers bid invitations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.tenders import services
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Review
from tests.factories import OutsourcingRequestFactory
from tests.marketplace.web.pages import text

URL = "/vendors/maple-odds/"


@pytest.fixture
def review(engagement, bob, vera):
    services.engagement_complete(actor=bob, engagement=engagement)
    return services.review_create(
        actor=bob, engagement=engagement, rating=5, text="Entregaron a tiempo."
    )


def test_a_vendor_without_reviews_says_so(client, vendor):
    page = text(client.get(URL))

    assert "Verified reviews" in page
    assert "No verified reviews yet." in page
    assert "No invitation answered yet" in page


def test_anyone_reads_the_rating_in_words_and_the_review(client, review):
    page = text(client.get(URL))

    # One 5★ review weighs against five phantom 3★ ones: (5 + 15) / 6.
    assert "3.3 ★ out of 5, from 1 verified review" in page
    assert "Operadora Azteca: 5 out of 5" in page
    assert "Entregaron a tiempo." in page
    assert review.created_at.strftime("%Y") in page


def test_the_vendors_reply_follows_the_review(client, review, vera):
    services.review_reply(actor=vera, review=review, text="Gracias por la confianza.")

    page = text(client.get(URL))

    assert page.index("Entregaron a tiempo.") < page.index("Maple Odds replied")
    assert "Gracias por la confianza." in page


def test_several_reviews_are_counted_in_the_plural(client, review, vendor):
    vendor.review_count = 7
    vendor.review_rating_total = 30
    vendor.save(update_fields=["review_count", "review_rating_total"])

    page = text(client.get(URL))

    assert "3.8 ★ out of 5, from 7 verified reviews" in page


def test_the_median_time_to_answer_invitations(client, vera, bid_invitation):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(
        created_at=timezone.now() - timedelta(days=2, hours=5)
    )
    services.bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)

    page = text(client.get(URL))

    assert "Answers invitations to propose in" in page
    assert "2\xa0days, 5\xa0hours (median of 1 invitation answered)" in page


def test_a_hidden_vendor_has_no_page_for_others(client, review, suspended, alice):
    client.force_login(alice)

    assert client.get(URL).status_code == 404


def test_the_reviews_take_a_fixed_number_of_queries(
    client, vendor, company, proposal_terms, django_assert_max_num_queries
):
    for n in range(5):
        done = OutsourcingRequestFactory(company=company, title=f"Obra {n}", status="awarded")
        proposal = Proposal.objects.create(
            request=done, vendor=vendor, status="awarded", **proposal_terms
        )
        engagement = Engagement.objects.create(
            request=done,
            proposal=proposal,
            company=company,
            vendor=vendor,
            award_reason="Bien.",
            status="completed",
        )
        Review.objects.create(
            engagement=engagement, vendor=vendor, company=company, rating=4, text=f"Obra {n} bien."
        )

    with django_assert_max_num_queries(12):
        page = text(client.get(URL))

    assert "Obra 4 bien." in page


def test_it_speaks_spanish_and_french(client, review):
    spanish = text(client.get(URL, headers={"accept-language": "es-MX"}))
    french = text(client.get(URL, headers={"accept-language": "fr-CA"}))

    assert "Reseñas verificadas" in spanish
    assert "3.3 ★ de 5, con 1 reseña verificada" in spanish  # Mexico writes a decimal point
    assert "Avis vérifiés" in french
    assert "3,3 ★ sur 5, selon 1 avis vérifié" in french
