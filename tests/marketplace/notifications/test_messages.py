"""What a notification says, in the reader's language, and where it leads."""

import pytest
from django.urls import reverse
from django.utils import translation

from companies.models import User
from marketplace.events.models import Event
from marketplace.notifications.messages import MODELS, notification_messages
from marketplace.notifications.models import Notification
from marketplace.services.vendors import vendor_approve, vendor_suspend
from marketplace.tenders import services
from tests.factories import UserFactory

from .conftest import deliver_all
from .test_services import STEPS

pytestmark = pytest.mark.django_db


def said(user, *, language="en") -> list[tuple[str, str]]:
    """(text, url) of `user`'s notifications, newest first, read in `language`."""
    with translation.override(language):
        return [
            (message.text, message.url)
            for message in notification_messages(
                notifications=Notification.objects.filter(recipient=user), user=user
            )
        ]


def test_the_invited_vendor_reads_who_invited_it_in_each_language(tender, vera):
    tender.invite()
    deliver_all()
    opportunity = reverse("marketplace:opportunity-detail", kwargs={"pk": tender.request.pk})
    title = tender.request.title

    assert said(vera, language="en") == [
        (f"Operadora Azteca invited Maple Odds to bid on “{title}”", opportunity)
    ]
    assert said(vera, language="es-mx") == [
        (f"Operadora Azteca invitó a Maple Odds a cotizar «{title}»", opportunity)
    ]
    assert said(vera, language="fr-ca") == [
        (
            f"Operadora Azteca a invité Maple Odds à soumissionner pour « {title} »",
            opportunity,
        )
    ]


def test_the_company_is_led_to_its_own_pages(tender, bob):
    tender.invite()
    services.question_ask(actor=tender.people.vera, outsourcing_request=tender.request, text="¿?")
    deliver_all()

    (question, question_url), (_invitation, invitation_url) = said(bob)
    assert question == f"Maple Odds asked a question about “{tender.request.title}”"
    assert question_url == reverse("tenders:request-questions", kwargs={"pk": tender.request.pk})
    assert invitation_url == reverse("tenders:request-proposals", kwargs={"pk": tender.request.pk})


def test_the_asking_vendors_team_is_not_told_its_own_name_as_a_stranger(tender, victor):
    tender.invite()
    services.question_ask(actor=tender.people.vera, outsourcing_request=tender.request, text="¿?")
    deliver_all()

    assert said(victor)[0][0] == f"Your team asked a question about “{tender.request.title}”"


def test_the_award_reads_won_lost_with_the_reason_and_awarded_to(tender, alice, bob, victor, una):
    tender.invite()
    tender.invite(tender.other_vendor)
    won = tender.propose()
    tender.propose(actor=una)
    engagement = tender.award(won)
    deliver_all()
    title = tender.request.title
    engagement_url = reverse("tenders:engagement-detail", kwargs={"pk": engagement.pk})
    opportunity = reverse("marketplace:opportunity-detail", kwargs={"pk": tender.request.pk})

    assert said(victor)[0] == (f"Your proposal for “{title}” was awarded", engagement_url)
    assert said(una)[0] == (
        f"Your proposal for “{title}” was not awarded: El mejor plan.",
        opportunity,
    )
    assert said(una, language="es-mx")[0][0] == (
        f"Su propuesta para «{title}» no fue adjudicada: El mejor plan."
    )
    assert said(una, language="fr-ca")[0][0] == (
        f"Votre proposition pour « {title} » n’a pas été retenue : El mejor plan."
    )
    assert said(bob)[0] == (f"“{title}” was awarded to Maple Odds", engagement_url)
    assert not Notification.objects.filter(recipient=alice, kind="request.awarded").exists()


def test_a_vendor_that_withdrew_then_proposed_again_reads_its_latest_proposals_outcome(tender, una):
    tender.invite()
    tender.invite(tender.other_vendor)
    won = tender.propose()
    services.proposal_withdraw(actor=una, proposal=tender.propose(actor=una))
    tender.propose(actor=una)
    tender.award(won)
    deliver_all()

    assert said(una)[0][0] == (
        f"Your proposal for “{tender.request.title}” was not awarded: El mejor plan."
    )


def test_a_cancellation_gives_its_reason(tender, vera):
    tender.invite()
    services.request_cancel(
        actor=tender.people.alice, outsourcing_request=tender.request, reason="Sin presupuesto."
    )
    deliver_all()

    assert said(vera)[0][0] == (
        f"Operadora Azteca cancelled “{tender.request.title}”: Sin presupuesto."
    )


def test_every_sentence_is_translated(tender, vera, bob):
    tender.invite()
    proposal = tender.propose()
    services.proposal_shortlist(actor=bob, proposal=proposal)
    engagement = tender.award(proposal)
    services.engagement_complete(actor=tender.people.alice, engagement=engagement)
    review = services.review_create(actor=bob, engagement=engagement, rating=5, text="Bien.")
    services.review_reply(actor=tender.people.victor, review=review, text="Gracias.")
    deliver_all()

    for user in (vera, tender.people.alice):
        english = [text for text, _url in said(user)]
        for language in ("es-mx", "fr-ca"):
            other = [text for text, _url in said(user, language=language)]
            assert all(a != b for a, b in zip(english, other, strict=True)), (language, other)


@pytest.mark.parametrize("step", STEPS)
def test_every_event_kind_has_a_sentence_of_its_own_in_each_language(tender, step):
    steps, kind, _actor, told = STEPS[step]
    steps(tender)
    deliver_all()
    reader = User.objects.get(username=sorted(told)[0])
    notification = Notification.objects.filter(recipient=reader, kind=kind).latest("pk")

    english = text_of(notification, reader, "en")
    assert english != str(Event.Kind(kind).label)  # not the label fallback
    for language in ("es-mx", "fr-ca"):
        assert text_of(notification, reader, language) != english, language


def text_of(notification, user, language) -> str:
    with translation.override(language):
        (message,) = notification_messages(notifications=[notification], user=user)
    return message.text


def test_the_team_reads_who_was_invited_and_who_joined(tender, alice, bob):
    STEPS["team invitation sent"][0](tender)
    STEPS["team invitation accepted"][0](tender)
    deliver_all()
    team = reverse("companies:team")

    assert said(bob) == [
        ("charlie joined Operadora Azteca as member", team),
        ("alice invited nora@example.com to join Operadora Azteca as member", team),
    ]
    assert said(bob, language="es-mx")[1][0] == (
        "alice invitó a nora@example.com a unirse a Operadora Azteca como miembro"
    )
    assert said(alice, language="fr-ca") == [
        ("charlie s’est joint à Operadora Azteca comme membre", team)
    ]
    event = Event.objects.get(kind=Event.Kind.INVITATION_SENT)
    assert set(event.data) == {"invitation"}  # the address stays on the invitation


def test_a_suspension_gives_its_reason_while_it_holds(tender, vera):
    STEPS["vendor suspended"][0](tender)
    deliver_all()
    dashboard = reverse("marketplace:vendor-dashboard")

    assert said(vera) == [("Norte suspended Maple Odds: Licencia vencida.", dashboard)]
    assert said(vera, language="es-mx")[0][0] == ("Norte suspendió a Maple Odds: Licencia vencida.")

    sam = User.objects.get(username="sam")
    vendor_approve(vendor=tender.vendor, actor=sam, reason="Licencia renovada.")
    vendor_suspend(vendor=tender.vendor, actor=sam, reason="Pagos pendientes.")
    deliver_all()
    assert [text for text, _url in said(vera)] == [
        "Norte suspended Maple Odds: Pagos pendientes.",
        # Each reason belonged to its own change, replaced since: not shown as current.
        "Norte approved Maple Odds: it is listed in the directory and matched to requests",
        "Norte suspended Maple Odds",
    ]


def test_an_approval_gives_its_reason_when_there_is_one(tender, vera):
    vendor_suspend(vendor=tender.vendor, actor=UserFactory(is_staff=True), reason="Spam.")
    vendor_approve(
        vendor=tender.vendor, actor=User.objects.get(is_staff=True), reason="Verificado."
    )
    deliver_all()

    assert said(vera)[0][0] == "Norte approved Maple Odds: Verificado."


def test_owners_read_which_endpoint_was_disabled_and_why(tender, alice):
    endpoint = STEPS["webhook endpoint disabled"][0](tender)
    deliver_all()

    failed = Event.objects.get(kind=Event.Kind.BID_INVITATION_SENT)
    ((text, url),) = said(alice)  # she invited: that one is not hers to be told
    assert text == (
        f"The webhook endpoint {endpoint.url} was disabled: every attempt to deliver event "
        f"{failed.pk} failed for a day. Fix the receiver, then turn it back on"
    )
    assert url == reverse("webhooks:endpoint-detail", kwargs={"pk": endpoint.pk})
    assert not Notification.objects.filter(
        recipient=tender.people.bob, kind=Event.Kind.WEBHOOK_ENDPOINT_DISABLED
    ).exists()


def test_an_endpoint_removed_since_is_still_told_of_without_its_page(tender, alice):
    endpoint = STEPS["webhook endpoint disabled"][0](tender)
    deliver_all()
    endpoint.delete()

    assert said(alice) == [
        (
            "A webhook endpoint of your organisation was disabled; it has since been removed",
            reverse("notifications:list"),
        )
    ]


def test_a_review_comes_with_its_engagement(review, django_assert_num_queries):
    """A reply's link leads to the review's engagement: not a query per row."""
    with django_assert_num_queries(1):
        assert [row.engagement.pk for row in MODELS["review"].all()] == [review.engagement_id]
