"""What a notification says, in the reader's language, and where it leads."""

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.notifications.messages import notification_messages
from marketplace.notifications.models import Notification
from marketplace.tenders import services

from .conftest import deliver_all

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
        f"Tu propuesta para «{title}» no fue adjudicada: El mejor plan."
    )
    assert said(una, language="fr-ca")[0][0] == (
        f"Votre proposition pour « {title} » n’a pas été retenue : El mejor plan."
    )
    assert said(bob)[0] == (f"“{title}” was awarded to Maple Odds", engagement_url)
    assert not Notification.objects.filter(recipient=alice, kind="request.awarded").exists()


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
