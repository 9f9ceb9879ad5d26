"""/engagements/<id>/cancel/: the company's owners end the work early with a reason the vendor
reads; members and the vendor read why they cannot."""

import pytest

from tests.marketplace.web.pages import text


def url(engagement) -> str:
    return f"/engagements/{engagement.pk}/cancel/"


def test_anonymous_visitors_are_sent_to_log_in(client, engagement):
    assert "/accounts/login/" in client.get(url(engagement)).url
    assert "/accounts/login/" in client.post(url(engagement), {"reason": "x"}).url


@pytest.mark.parametrize("user", ["olga", "una", "charlie"])
def test_others_get_404(client, request, engagement, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(engagement)).status_code == 404
    assert client.post(url(engagement), {"reason": "Stop."}).status_code == 404
    engagement.refresh_from_db()
    assert engagement.is_active


def test_the_owner_cancels_with_a_reason(client, alice, engagement):
    client.force_login(alice)

    form = client.get(url(engagement))
    response = client.post(url(engagement), {"reason": "The project was stopped."}, follow=True)

    assert '<textarea name="reason"' in form.content.decode()
    assert response.redirect_chain[0] == (f"/engagements/{engagement.pk}/", 302)
    page = text(response)
    assert "The engagement is cancelled; the vendor is told why." in page
    assert "Cancelled. Reason: The project was stopped." in page
    engagement.refresh_from_db()
    assert engagement.is_cancelled


@pytest.mark.parametrize("user", ["bob", "vera"])
def test_members_and_the_vendor_read_that_only_owners_cancel_and_get_403(
    client, request, engagement, user
):
    client.force_login(request.getfixturevalue(user))

    page = client.get(url(engagement))
    response = client.post(url(engagement), {"reason": "Stop."})

    assert "Only the company's owners cancel its engagements." in text(page)
    assert '<textarea name="reason"' not in page.content.decode()
    assert response.status_code == 403
    engagement.refresh_from_db()
    assert engagement.is_active


def test_a_reason_is_needed(client, alice, engagement):
    client.force_login(alice)

    response = client.post(url(engagement), {"reason": ""})

    assert response.context["form"].errors["reason"] == ["Say why the engagement is cancelled."]
    engagement.refresh_from_db()
    assert engagement.is_active


def test_a_completed_engagement_can_no_longer_be_cancelled(client, alice, completed):
    client.force_login(alice)

    page = client.get(url(completed))
    response = client.post(url(completed), {"reason": "Too late."})

    assert "This engagement is completed." in text(page)
    assert "This engagement is completed." in text(response)
    completed.refresh_from_db()
    assert completed.is_completed
