"""/engagements/<id>/: the award as both parties read it; the company marks it completed
(/complete/) and reviews it (/review/); the vendor replies once (/reviews/<id>/reply/)."""

import pytest

from marketplace.tenders import services
from marketplace.tenders.models import Engagement, Review
from tests.marketplace.web.pages import text


def url(engagement) -> str:
    return f"/engagements/{engagement.pk}/"


def complete_url(engagement) -> str:
    return f"/engagements/{engagement.pk}/complete/"


def review_url(engagement) -> str:
    return f"/engagements/{engagement.pk}/review/"


def reply_url(review) -> str:
    return f"/reviews/{review.pk}/reply/"


def test_anonymous_visitors_are_sent_to_log_in(client, review):
    engagement = review.engagement
    for response in (
        client.get(url(engagement)),
        client.post(complete_url(engagement)),
        client.post(review_url(engagement), {"rating": 1, "text": "Bad."}),
        client.post(reply_url(review), {"text": "Thanks."}),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    review.refresh_from_db()
    assert not review.has_reply


@pytest.mark.parametrize("user", ["olga", "una", "charlie"])
def test_others_get_404(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(engagement)).status_code == 404
    assert client.post(complete_url(engagement)).status_code == 404
    assert client.post(review_url(engagement), {"rating": 1, "text": "Bad."}).status_code == 404
    engagement.refresh_from_db()
    assert engagement.is_active


@pytest.mark.parametrize("user", ["olga", "una", "charlie", "alice", "bob"])
def test_only_the_reviewed_vendor_may_reply_to_the_public_review(client, request, review, user):
    client.force_login(request.getfixturevalue(user))

    assert client.post(reply_url(review), {"text": "Gracias."}).status_code == 403
    review.refresh_from_db()
    assert not review.has_reply


@pytest.mark.parametrize("user", ["alice", "bob", "vera", "victor", "staff"])
def test_both_parties_read_the_award(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(engagement))

    assert response.status_code == 200
    page = text(response).replace("\N{NO-BREAK SPACE}", " ")
    assert "Plataforma de apuestas deportivas Status: Active" in page
    assert "Reason: El mejor plan." in page
    assert "Company Operadora Azteca Vendor Maple Odds Price MXN 1,500,000" in page
    assert "Odds feed live, week 8" in page


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_companys_members_mark_it_completed(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    response = client.post(complete_url(engagement), follow=True)

    assert response.redirect_chain[0] == (url(engagement), 302)
    page = text(response)
    assert "The engagement is marked completed. You can now review the vendor." in page
    assert "Status: Completed" in page
    engagement.refresh_from_db()
    assert engagement.is_completed


def test_owners_may_cancel_and_members_read_that_only_owners_do(client, alice, bob, engagement):
    cancel = f'href="/engagements/{engagement.pk}/cancel/"'
    client.force_login(alice)
    assert cancel in client.get(url(engagement)).content.decode()

    client.force_login(bob)
    member = client.get(url(engagement))
    assert cancel not in member.content.decode()
    assert "Only the company's owners cancel its engagements." in text(member)


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_vendor_reads_it_but_gets_403_completing_it(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    page = client.get(url(engagement))
    response = client.post(complete_url(engagement), follow=True)

    assert "/complete/" not in page.content.decode()
    assert "The work is under way. The company marks it completed when it is done." in text(page)
    assert response.status_code == 403
    engagement.refresh_from_db()
    assert engagement.is_active


def test_completing_twice_shows_the_refusal(client, bob, completed):
    client.force_login(bob)

    response = client.post(complete_url(completed), follow=True)

    assert "This engagement is completed." in text(response)


def test_once_completed_the_company_gets_a_review_form_with_labelled_ratings(
    client, bob, completed
):
    client.force_login(bob)

    response = client.get(url(completed))

    html = response.content.decode()
    assert f'action="/engagements/{completed.pk}/review/"' in html
    assert "<legend>Rating:</legend>" in html
    for label in ("1 — poor", "3 — as agreed", "5 — excellent"):
        assert label in html
    assert html.count('type="radio" name="rating"') == 5


def test_an_active_engagement_offers_no_review_yet(client, bob, engagement):
    client.force_login(bob)

    response = client.get(url(engagement))

    assert "/review/" not in response.content.decode()
    assert "The company can review the engagement once it is completed." in text(response)


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_a_member_reviews_and_the_vendors_rating_moves(client, request, completed, vendor, user):
    client.force_login(request.getfixturevalue(user))

    response = client.post(
        review_url(completed), {"rating": "5", "text": "Excelente equipo."}, follow=True
    )

    assert response.redirect_chain[0] == (url(completed), 302)
    page = text(response)
    assert "Your review is published on the vendor's profile." in page
    assert "5 of 5 · Operadora Azteca" in page
    assert "Excelente equipo." in page
    vendor.refresh_from_db()
    assert vendor.review_count == 1
    assert Review.objects.get().author == request.getfixturevalue(user)


def test_a_review_needs_a_rating_and_a_text(client, bob, completed):
    client.force_login(bob)

    response = client.post(review_url(completed), {"rating": "", "text": ""})

    assert response.status_code == 200
    assert response.context["review_form"].errors["rating"] == ["This field is required."]
    response = client.post(review_url(completed), {"rating": "4", "text": " "})
    assert response.context["review_form"].errors["text"] == ["Write what the work was like."]
    assert not Review.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", "five"])
def test_a_rating_off_the_scale_is_refused(client, bob, completed, rating):
    client.force_login(bob)

    response = client.post(review_url(completed), {"rating": rating, "text": "Fine."})

    assert response.status_code == 200
    assert "Select a valid choice." in response.context["review_form"].errors["rating"][0]
    assert not Review.objects.exists()


def test_reviewing_before_completion_is_refused(client, bob, engagement):
    client.force_login(bob)

    response = client.post(review_url(engagement), {"rating": "4", "text": "Early."})

    assert "Only a completed engagement can be reviewed; this one is active." in text(response)
    assert not Review.objects.exists()


def test_a_second_review_is_refused(client, alice, review):
    client.force_login(alice)

    response = client.post(review_url(review.engagement), {"rating": "1", "text": "Again."})

    assert "This engagement is already reviewed." in text(response)
    assert Review.objects.get().rating == 4


def test_the_vendor_gets_403_reviewing_itself(client, vera, completed):
    client.force_login(vera)

    response = client.post(review_url(completed), {"rating": "5", "text": "We were great."})

    assert response.status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_vendor_replies_once(client, request, review, user):
    client.force_login(request.getfixturevalue(user))

    form = client.get(url(review.engagement)).content.decode()
    response = client.post(reply_url(review), {"text": "Gracias por la confianza."}, follow=True)

    assert f'action="/reviews/{review.pk}/reply/"' in form
    assert response.redirect_chain[0] == (url(review.engagement), 302)
    page = text(response)
    assert "Your reply is published under the review." in page
    assert "Reply from Maple Odds Gracias por la confianza." in page
    assert "/reply/" not in response.content.decode()


def test_a_second_reply_is_refused_and_keeps_the_first(client, vera, victor, review):
    services.review_reply(actor=vera, review=review, text="Gracias.")
    client.force_login(victor)

    response = client.post(reply_url(review), {"text": "Otra vez."})

    assert "This review already has your reply." in text(response)
    review.refresh_from_db()
    assert review.reply == "Gracias."


def test_an_empty_reply_says_what_to_write(client, vera, review):
    client.force_login(vera)

    response = client.post(reply_url(review), {"text": ""})

    assert response.context["reply_form"].errors["text"] == ["Write your reply."]


def test_the_company_sees_no_reply_form(client, bob, review):
    client.force_login(bob)

    assert "/reply/" not in client.get(url(review.engagement)).content.decode()
    assert Engagement.objects.get().is_completed


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es-MX", "Estado: Completada"),
        ("fr-CA", "Statut : Terminée"),
    ],
)
def test_the_page_reads_in_the_readers_language(client, bob, completed, language, expected):
    client.force_login(bob)

    page = text(client.get(url(completed), headers={"accept-language": language}))
    page = page.replace("\N{NO-BREAK SPACE}", " ")

    assert expected in page
    assert "Mark completed" not in page
