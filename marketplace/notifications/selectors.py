"""Reading notifications and preferences: always the caller's own."""

from dataclasses import dataclass

from django.core import signing
from django.db.models import QuerySet

from companies.models import User
from companies.policies import membership_of
from companies.selectors import user_verified_email
from marketplace.events.models import Event, event_kinds_for

from .emails import ALL_KINDS, unsubscribe_token_read
from .models import EmailChoice, EmailStatus, Notification, NotificationPreference

Kind = Event.Kind

# The email each kind gets when its person has not chosen (no NotificationPreference row): at
# once every step of a tender, the requests that fit a vendor (the sooner it answers, the better
# its chances), moderation and a stopped integration — nobody misses what moves their work;
# in the daily digest the team's own news (who was invited, who joined).
DEFAULT_EMAIL = {
    Kind.INVITATION_SENT: EmailChoice.DAILY,
    Kind.INVITATION_ACCEPTED: EmailChoice.DAILY,
    Kind.VENDOR_APPROVED: EmailChoice.IMMEDIATE,
    Kind.VENDOR_SUSPENDED: EmailChoice.IMMEDIATE,
    Kind.REQUEST_PUBLISHED: EmailChoice.IMMEDIATE,
    Kind.BID_INVITATION_SENT: EmailChoice.IMMEDIATE,
    Kind.BID_INVITATION_ACCEPTED: EmailChoice.IMMEDIATE,
    Kind.BID_INVITATION_DECLINED: EmailChoice.IMMEDIATE,
    Kind.QUESTION_ASKED: EmailChoice.IMMEDIATE,
    Kind.QUESTION_ANSWERED: EmailChoice.IMMEDIATE,
    Kind.PROPOSAL_SUBMITTED: EmailChoice.IMMEDIATE,
    Kind.PROPOSAL_WITHDRAWN: EmailChoice.IMMEDIATE,
    Kind.PROPOSAL_SHORTLISTED: EmailChoice.IMMEDIATE,
    Kind.REQUEST_AWARDED: EmailChoice.IMMEDIATE,
    Kind.REQUEST_CANCELLED: EmailChoice.IMMEDIATE,
    Kind.ENGAGEMENT_COMPLETED: EmailChoice.IMMEDIATE,
    Kind.ENGAGEMENT_CANCELLED: EmailChoice.IMMEDIATE,
    Kind.REVIEW_POSTED: EmailChoice.IMMEDIATE,
    Kind.REVIEW_REPLIED: EmailChoice.IMMEDIATE,
    Kind.WEBHOOK_ENDPOINT_DISABLED: EmailChoice.IMMEDIATE,
}

# How the preferences page groups the kinds, in this order.
GROUPS = [
    (
        "tenders",
        [
            Kind.BID_INVITATION_SENT,
            Kind.BID_INVITATION_ACCEPTED,
            Kind.BID_INVITATION_DECLINED,
            Kind.QUESTION_ASKED,
            Kind.QUESTION_ANSWERED,
            Kind.PROPOSAL_SUBMITTED,
            Kind.PROPOSAL_WITHDRAWN,
            Kind.PROPOSAL_SHORTLISTED,
            Kind.REQUEST_AWARDED,
            Kind.REQUEST_CANCELLED,
        ],
    ),
    (
        "engagements",
        [
            Kind.ENGAGEMENT_COMPLETED,
            Kind.ENGAGEMENT_CANCELLED,
            Kind.REVIEW_POSTED,
            Kind.REVIEW_REPLIED,
        ],
    ),
    (
        "organisation",
        [
            Kind.INVITATION_SENT,
            Kind.INVITATION_ACCEPTED,
            Kind.VENDOR_APPROVED,
            Kind.VENDOR_SUSPENDED,
            Kind.REQUEST_PUBLISHED,
            Kind.WEBHOOK_ENDPOINT_DISABLED,
        ],
    ),
]


@dataclass(frozen=True)
class KindPreference:
    """One kind of event and how its person wants it emailed."""

    kind: str
    email: str
    is_default: bool

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


def notification_list_for(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first, with what their sentences name."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient=user)
        .select_related("event", "event__actor", "event__request", "event__request__company")
        .order_by("-created_at", "-id")
    )


def notification_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_kinds_for(*, user: User) -> list[str]:
    """The kinds of event the user can be told of: those that can concern their organisation
    (a company's people never hear of a vendor's own)."""
    return event_kinds_for(organisation=membership_of(user=user))


def notification_preferences_for(*, user: User) -> list[KindPreference]:
    """Every kind of event that can concern the user's organisation (a company's people are
    never told of a vendor's own), in the order of `GROUPS`, with their email choice for it."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    theirs = notification_kinds_for(user=user)
    return [
        KindPreference(
            kind=kind,
            email=chosen.get(kind, DEFAULT_EMAIL[kind]),
            is_default=kind not in chosen,
        )
        for _group, kinds in GROUPS
        for kind in kinds
        if kind in theirs
    ]


def notification_preference_for(*, user: User, kind: str) -> KindPreference:
    """The user's email choice for one kind of event (its default if they made none)."""
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("email", flat=True)
        .first()
    )
    return KindPreference(
        kind=kind, email=chosen or DEFAULT_EMAIL[Kind(kind)], is_default=chosen is None
    )


def notification_email_address(*, user: User) -> str | None:
    """The one address notifications are emailed to, or None to send none: the person's primary
    address once verified (django-allauth), never one that was only typed in."""
    if not user.is_active:
        return None
    return user_verified_email(user=user)


def notification_digest_recipients() -> list[int]:
    """The ids of the people with notifications waiting for their daily digest."""
    return list(
        Notification.objects.filter(email_status=EmailStatus.DIGEST)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


class UnsubscribeLinkInvalid(Exception):
    """An unsubscribe token not made here, or naming a person no longer active or a kind of
    event that is not one: nothing to stop."""


@dataclass(frozen=True)
class UnsubscribeTarget:
    """Whose emails an unsubscribe link stops, and of which kind (ALL_KINDS: every kind)."""

    user: User
    kind: str

    @property
    def kind_label(self):
        """The kind's name, or None for every kind."""
        return Kind(self.kind).label if self.kind != ALL_KINDS else None


def notification_unsubscribe_target(*, token: str) -> UnsubscribeTarget:
    """What the unsubscribe link with `token` stops; UnsubscribeLinkInvalid if nothing."""
    try:
        user_id, kind = unsubscribe_token_read(token)
    except signing.BadSignature as error:
        raise UnsubscribeLinkInvalid from error
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or (kind != ALL_KINDS and kind not in Kind.values):
        raise UnsubscribeLinkInvalid
    return UnsubscribeTarget(user=user, kind=kind)
