"""Writing a notification's email, and the daily digest, in the recipient's language.

Each kind of event has its template pair, `notifications/email/<kind>.txt` and `.html`, built on
one layout (`notifications/email/base.txt`/`.html`): the layout writes the greeting, the
sentence (the same as the bell's, messages.py), the button to the page to act on and the footer
with the preferences and unsubscribe links; a kind's template adds what only it has (the
question asked, the proposal's terms, the review). Links are absolute (`SITE_URL`): an email is
read away from the site.

Headers: `Message-ID` is made from the notification and its event, so sending one again is
recognisably the same message; `X-Norte-Event` carries the event's id, as notifications and
webhooks do; `List-Unsubscribe` with `List-Unsubscribe-Post` lets a mail client unsubscribe in
one click (RFC 8058).
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from companies.models import User

from .messages import notification_messages
from .models import Notification

UNSUBSCRIBE_SALT = "norte.notifications.unsubscribe"
# Subjects longer than this are cut: a reason written into a sentence can be long.
SUBJECT_LIMIT = 150
ALL_KINDS = ""  # what an unsubscribe token names to stop every email


def absolute(url: str) -> str:
    """`url` (a path) on the site, as a link that works from a mail client."""
    return settings.SITE_URL.rstrip("/") + url


def unsubscribe_token(*, user: User, kind: str = ALL_KINDS) -> str:
    """A token naming the person and the kind of email to stop (every kind: ALL_KINDS).

    Signed, never expiring: an unsubscribe link must work in a years-old email. It grants
    nothing but stopping emails, which the person can undo on their preferences page."""
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str]:
    """(user id, kind) of a token; `signing.BadSignature` if it was not made here."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        raise signing.BadSignature("Not an unsubscribe token.")
    return payload["user"], str(payload.get("kind", ALL_KINDS))


def _subject(text: str) -> str:
    # One line (a reason may span several), and short enough for a mail client's list.
    subject = " ".join(text.split())
    if len(subject) > SUBJECT_LIMIT:
        subject = subject[: SUBJECT_LIMIT - 1].rstrip() + "…"
    return subject


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "norte.example"


def _message(
    *, user: User, address: str, subject: str, template: str, context: dict, kind: str, ids: str
) -> EmailMultiAlternatives:
    unsubscribe_url = absolute(
        reverse(
            "notifications:unsubscribe", kwargs={"token": unsubscribe_token(user=user, kind=kind)}
        )
    )
    context = {
        **context,
        "recipient": user,
        "subject": subject,
        "site_url": settings.SITE_URL.rstrip("/"),
        "preferences_url": absolute(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe_url,
        "unsubscribes_all": kind == ALL_KINDS,
        "language": translation.get_language(),
    }
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            "Message-ID": f"<{ids}@{_domain()}>",
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    email.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return email


def notification_email(*, notification: Notification, address: str) -> EmailMultiAlternatives:
    """The email telling `notification`'s recipient of its event, in their language."""
    user = notification.recipient
    event = notification.event
    with translation.override(user.email_language):
        message = notification_messages(notifications=[notification], user=user)[0]
        email = _message(
            user=user,
            address=address,
            subject=_subject(message.text),
            template=f"notifications/email/{event.kind}",
            context={
                "text": message.text,
                "url": absolute(message.url),
                "kind_label": event.get_kind_display(),
                "event": event,
                "outsourcing_request": event.request,
                **message.rows,
            },
            kind=event.kind,
            ids=f"notification.{notification.pk}.event.{event.pk}",
        )
    email.extra_headers["X-Norte-Event"] = str(event.pk)
    return email


def digest_email(*, user: User, notifications: list[Notification], address: str):
    """One email with every notification of `notifications` (a person's digest), each with its
    sentence and link, in their language."""
    with translation.override(user.email_language):
        items = [
            {
                "text": message.text,
                "url": absolute(message.url),
                "notification": message.notification,
            }
            for message in notification_messages(notifications=notifications, user=user)
        ]
        # The same notifications make the same digest: a resend is the same message.
        ids = hashlib.sha256(
            ",".join(str(notification.pk) for notification in notifications).encode()
        ).hexdigest()[:24]
        email = _message(
            user=user,
            address=address,
            subject=ngettext(
                "Your Norte digest: %(count)s notification",
                "Your Norte digest: %(count)s notifications",
                len(items),
            )
            % {"count": len(items)},
            template="notifications/email/digest",
            context={"items": items, "notifications_url": absolute(reverse("notifications:list"))},
            kind=ALL_KINDS,
            ids=f"digest.{user.pk}.{ids}",
        )
    email.extra_headers["X-Norte-Event"] = ", ".join(
        str(notification.event_id) for notification in notifications
    )
    return email
