"""What a notification's email says: every kind, in each language, text and HTML, with an
absolute link to act on and the headers that unsubscribe and deduplicate."""

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.template.loader import get_template
from django.test import override_settings

from marketplace.events.models import Event
from marketplace.notifications.emails import (
    ALL_KINDS,
    digest_email,
    notification_email,
    unsubscribe_token,
    unsubscribe_token_read,
)
from marketplace.notifications.models import Notification
from marketplace.tenders.models import Question

pytestmark = pytest.mark.django_db

Kind = Event.Kind
SITE = "https://norte.example"
LANGUAGES = ["es-mx", "en", "fr-ca"]
GREETING = {"es-mx": "Hola", "en": "Hello", "fr-ca": "Bonjour"}
FOOTER = {
    "es-mx": "Elija qué correos le envía Norte",
    "en": "Choose which emails Norte sends you",
    "fr-ca": "Choisissez les courriels que Norte vous envoie",
}

# The rows each kind's event names (`Event.data`), as its producer records them (the team's,
# alerts' and webhooks' own rows are in tests/marketplace/notifications/test_messages.py).
DATA = {
    Kind.BID_INVITATION_SENT: ["bid_invitation"],
    Kind.BID_INVITATION_ACCEPTED: ["bid_invitation"],
    Kind.BID_INVITATION_DECLINED: ["bid_invitation"],
    Kind.QUESTION_ASKED: ["question"],
    Kind.QUESTION_ANSWERED: ["question"],
    Kind.PROPOSAL_SUBMITTED: ["proposal"],
    Kind.PROPOSAL_WITHDRAWN: ["proposal"],
    Kind.PROPOSAL_SHORTLISTED: ["proposal"],
    Kind.REQUEST_AWARDED: ["proposal", "engagement"],
    Kind.ENGAGEMENT_COMPLETED: ["engagement"],
    Kind.ENGAGEMENT_CANCELLED: ["engagement"],
    Kind.REVIEW_POSTED: ["review"],
    Kind.REVIEW_REPLIED: ["review"],
    Kind.VENDOR_APPROVED: ["vendor"],
    Kind.VENDOR_SUSPENDED: ["vendor"],
}
# Kinds about the whole organisation, not a request.
WITHOUT_REQUEST = {
    Kind.INVITATION_SENT,
    Kind.INVITATION_ACCEPTED,
    Kind.VENDOR_APPROVED,
    Kind.VENDOR_SUSPENDED,
    Kind.WEBHOOK_ENDPOINT_DISABLED,
}


@pytest.fixture
def rows(review, bid_invitation):
    question = Question.objects.create(
        request=bid_invitation.request,
        vendor=bid_invitation.vendor,
        asked_by=bid_invitation.invited_by,
        text="¿Tienen una API de cuotas?",
        answer="Sí, REST.",
        status=Question.Status.ANSWERED,
    )
    review.reply = "Gracias por el trabajo."
    review.save()
    engagement = review.engagement
    return {
        "bid_invitation": bid_invitation,
        "question": question,
        "proposal": engagement.proposal,
        "engagement": engagement,
        "review": review,
        "vendor": bid_invitation.vendor,
    }


def notify(*, kind, user, rows, organisation) -> Notification:
    """`user`'s notification of a `kind` event, made as its producer and the task would."""
    event = Event.objects.create(
        kind=kind,
        request=None if kind in WITHOUT_REQUEST else rows["bid_invitation"].request,
        data={key: rows[key].pk for key in DATA.get(kind, [])},
    )
    organisation_field = "vendors" if hasattr(organisation, "status") else "companies"
    getattr(event, organisation_field).set([organisation])
    return Notification.objects.create(recipient=user, event=event, kind=kind)


def parts(email) -> tuple[str, str]:
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return email.body, html


@override_settings(SITE_URL=SITE)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_has_an_email_in_each_language(
    kind, language, rows, alice, vera, company, vendor
):
    user = vera if kind.startswith(("vendor.", "request.published")) else alice
    user.language = language
    user.save(update_fields=["language"])
    organisation = vendor if user == vera else company
    notification = notify(kind=kind, user=user, rows=rows, organisation=organisation)

    email = notification_email(notification=notification, address=user.email)

    text, html = parts(email)
    assert email.to == [user.email]
    assert email.subject and "\n" not in email.subject
    assert email.subject in text  # the sentence, in the body too
    assert f'lang="{language}"' in html
    assert text.startswith(GREETING[language]) and FOOTER[language] in text
    assert f"<p>{GREETING[language]}" in html and FOOTER[language] in html
    link = re.search(rf"{re.escape(SITE)}/\S*", text).group()
    assert urlsplit(link).path.startswith("/")
    assert f'href="{link}"' in html
    assert email.extra_headers["X-Norte-Event"] == str(notification.event_id)
    unsubscribe = email.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{SITE}/notifications/unsubscribe/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>") in html
    assert email.extra_headers["Message-ID"] == (
        f"<notification.{notification.pk}.event.{notification.event_id}@norte.example>"
    )


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_has_its_own_template_pair(kind):
    for extension in ("txt", "html"):
        assert get_template(f"notifications/email/{kind}.{extension}")


@pytest.mark.parametrize(
    ("language", "greeting", "button"),
    [
        ("es-mx", "Hola", "Véalo en Norte"),
        ("en", "Hello", "See it on Norte"),
        ("fr-ca", "Bonjour", "Voir sur Norte"),
    ],
)
def test_it_is_written_in_the_recipients_language_not_the_senders(
    language, greeting, button, rows, vera, vendor
):
    vera.language = language
    vera.save(update_fields=["language"])
    notification = notify(kind=Kind.BID_INVITATION_SENT, user=vera, rows=rows, organisation=vendor)

    text, html = parts(notification_email(notification=notification, address=vera.email))

    assert text.startswith(greeting)
    assert button in html


def test_a_person_without_a_language_is_written_to_in_the_sites(settings, rows, vera, vendor):
    settings.LANGUAGE_CODE = "es-mx"
    notification = notify(kind=Kind.BID_INVITATION_SENT, user=vera, rows=rows, organisation=vendor)

    email = notification_email(notification=notification, address=vera.email)

    assert email.body.startswith("Hola")


def test_a_kind_adds_what_only_it_has(rows, alice, vera, company, vendor):
    vera.language = alice.language = "en"
    answered = notify(kind=Kind.QUESTION_ANSWERED, user=vera, rows=rows, organisation=vendor)
    reviewed = notify(kind=Kind.REVIEW_POSTED, user=vera, rows=rows, organisation=vendor)
    proposed = notify(kind=Kind.PROPOSAL_SUBMITTED, user=alice, rows=rows, organisation=company)

    answer = notification_email(notification=answered, address=vera.email)
    review = notification_email(notification=reviewed, address=vera.email)
    proposal = notification_email(notification=proposed, address=alice.email)

    assert "¿Tienen una API de cuotas?" in answer.body and "Sí, REST." in answer.body
    assert "Sí, REST." in parts(answer)[1]
    assert f"Rating: {rows['review'].rating} out of 5" in review.body
    assert "MXN\xa01,500,000, 20 weeks, a team of 5." in proposal.body


@pytest.mark.parametrize(
    "language, price",
    [
        ("en", "MXN\xa01,500,000"),
        ("es-mx", "MXN\xa01,500,000"),
        ("fr-ca", "1\xa0500\xa0000\xa0MXN"),
    ],
)
def test_a_proposals_price_reads_as_money_in_the_readers_language(
    rows, alice, company, language, price
):
    alice.language = language
    proposed = notify(kind=Kind.PROPOSAL_SUBMITTED, user=alice, rows=rows, organisation=company)

    text, html = parts(notification_email(notification=proposed, address=alice.email))

    assert price in text and price in html
    assert ".00" not in text


def test_a_cancellation_says_why(rows, vera, vendor):
    vera.language = "en"
    request = rows["bid_invitation"].request
    request.cancellation_reason = "Sin presupuesto."
    request.save()
    notification = notify(kind=Kind.REQUEST_CANCELLED, user=vera, rows=rows, organisation=vendor)

    email = notification_email(notification=notification, address=vera.email)

    assert "Sin presupuesto." in email.subject and "Sin presupuesto." in email.body


def test_a_long_reason_is_cut_from_the_subject_to_one_line(rows, vera, vendor):
    invitation = rows["bid_invitation"]
    invitation.decline_reason = "Sin equipo\\npor ahora. " * 30
    invitation.save()
    notification = notify(
        kind=Kind.BID_INVITATION_DECLINED, user=vera, rows=rows, organisation=vendor
    )

    email = notification_email(notification=notification, address=vera.email)

    assert len(email.subject) <= 150 and email.subject.endswith("…")
    assert "\n" not in email.subject


def test_html_escapes_what_people_wrote(rows, alice, company):
    question = rows["question"]
    question.text = "<script>alert(1)</script>"
    question.save()
    notification = notify(kind=Kind.QUESTION_ASKED, user=alice, rows=rows, organisation=company)

    text, html = parts(notification_email(notification=notification, address=alice.email))

    assert "<script>alert(1)</script>" in text  # plain text is not HTML
    assert "<script>" not in html and "&lt;script&gt;" in html


@override_settings(SITE_URL=SITE)
def test_the_digest_lists_each_notification_with_its_link(rows, vera, vendor):
    vera.language = "fr-ca"
    notifications = [
        notify(kind=kind, user=vera, rows=rows, organisation=vendor)
        for kind in (Kind.BID_INVITATION_SENT, Kind.QUESTION_ANSWERED, Kind.REQUEST_PUBLISHED)
    ]

    email = digest_email(user=vera, notifications=notifications, address=vera.email)

    text, html = parts(email)
    assert email.subject == "Votre résumé Norte : 3 notifications"
    assert text.count(f"  {SITE}/") == 3
    assert html.count(f'<li style="margin-bottom:12px;"><a href="{SITE}/') == 3
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_token_read(
        email.extra_headers["List-Unsubscribe"].strip("<>").split("/")[-2]
    ) == (vera.pk, ALL_KINDS)
    assert email.extra_headers["X-Norte-Event"] == ", ".join(str(n.event_id) for n in notifications)


def test_an_unsubscribe_token_names_the_person_and_the_kind(vera):
    token = unsubscribe_token(user=vera, kind=Kind.QUESTION_ASKED)

    assert unsubscribe_token_read(token) == (vera.pk, Kind.QUESTION_ASKED)
    with pytest.raises(signing.BadSignature):
        unsubscribe_token_read(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    with pytest.raises(signing.BadSignature):  # signed elsewhere in Norte: not an unsubscribe
        unsubscribe_token_read(signing.dumps({"user": vera.pk, "kind": ""}))


@pytest.mark.parametrize(
    "language, due",
    [
        ("en", "Proposals are due on December 19, 2026, 6 p.m. (CST, UTC-0600)."),
        (
            "fr-ca",
            "Les propositions sont attendues au plus tard le 19 décembre 2026, 18\xa0h\xa000"
            " (CST, UTC-0600).",
        ),
        ("es-mx", "Las propuestas vencen el 19 de diciembre de 2026 a las 18:00 (CST, UTC-0600)."),
    ],
)
@pytest.mark.parametrize("kind", [Kind.BID_INVITATION_SENT, Kind.REQUEST_PUBLISHED])
def test_the_due_date_names_its_time_zone(kind, rows, alice, vera, company, vendor, language, due):
    """Read in Montréal or Monterrey, a bare "6 p.m." would be a guess; and each reads the date
    and time as their language writes them (Canadian English, "18 h 00", a lower-case month)."""
    outsourcing_request = rows["bid_invitation"].request
    outsourcing_request.proposals_due = datetime(2026, 12, 20, 0, 0, tzinfo=UTC)
    outsourcing_request.save(update_fields=["proposals_due"])
    user = vera if kind == Kind.REQUEST_PUBLISHED else alice
    user.language = language
    user.save(update_fields=["language"])
    organisation = vendor if user == vera else company
    notification = notify(kind=kind, user=user, rows=rows, organisation=organisation)

    text, html = parts(notification_email(notification=notification, address=user.email))

    # Midnight UTC is 6 p.m. the day before in Mexico City (TIME_ZONE).
    assert due in text and due in html
