"""What a notification says and where it leads, written when it is read.

Not stored: the sentence is in the reader's language (the active one), names the objects as
they are now, and points to the page where the reader acts on it — the company's pages for a
company's members, the vendor's for a vendor's.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from companies.models import User
from companies.policies import membership_of
from marketplace.events.models import Event
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Question, Review

from .models import Notification

Kind = Event.Kind

# The rows an event's `data` names, by key.
MODELS = {
    "bid_invitation": BidInvitation,
    "question": Question,
    "proposal": Proposal,
    "engagement": Engagement,
    "review": Review,
}
# Whose vendor an event is about, by the first of its rows that names one.
VENDOR_FROM = ("bid_invitation", "question", "proposal", "engagement", "review")


@dataclass(frozen=True)
class Message:
    notification: Notification
    text: str
    url: str

    @property
    def is_unread(self) -> bool:
        return self.notification.is_unread


def notification_messages(*, notifications, user: User) -> list[Message]:
    """The sentence and link of each of `user`'s `notifications`, loading the rows they name
    in one query per kind of row."""
    notifications = list(notifications)
    wanted: dict[str, set[int]] = {key: set() for key in MODELS}
    for notification in notifications:
        for key, pk in notification.event.data.items():
            if key in wanted:
                wanted[key].add(pk)
    rows = {
        key: MODELS[key].objects.select_related("vendor").in_bulk(pks) if pks else {}
        for key, pks in wanted.items()
    }
    membership = membership_of(user=user)
    vendor_id = membership.vendor_id if membership else None
    return [
        _message(notification, rows=rows, vendor_id=vendor_id) for notification in notifications
    ]


def _message(notification: Notification, *, rows: dict, vendor_id: int | None) -> Message:
    event = notification.event
    objects = {key: rows[key].get(pk) for key, pk in event.data.items() if key in rows}
    outsourcing_request = event.request
    vendor = next(
        (objects[key].vendor for key in VENDOR_FROM if objects.get(key) is not None), None
    )
    names = {
        "request": outsourcing_request.title if outsourcing_request else "",
        "company": outsourcing_request.company.name if outsourcing_request else "",
        "vendor": vendor.name if vendor else "",
    }
    text = _sentence(event.kind, names, objects, outsourcing_request, vendor_id=vendor_id)
    url = _link(event.kind, objects, outsourcing_request, vendor_id=vendor_id)
    return Message(notification=notification, text=text, url=url)


def _with_reason(text: str, reason: str) -> str:
    return _("%(text)s: %(reason)s") % {"text": text, "reason": reason} if reason else text


def _sentence(kind, names, objects, outsourcing_request, *, vendor_id) -> str:
    if kind == Kind.BID_INVITATION_SENT:
        return _("%(company)s invited %(vendor)s to bid on “%(request)s”") % names
    if kind == Kind.BID_INVITATION_ACCEPTED:
        return _("%(vendor)s accepted the invitation to bid on “%(request)s”") % names
    if kind == Kind.BID_INVITATION_DECLINED:
        invitation = objects.get("bid_invitation")
        return _with_reason(
            _("%(vendor)s declined the invitation to bid on “%(request)s”") % names,
            invitation.decline_reason if invitation else "",
        )
    if kind == Kind.QUESTION_ASKED:
        if vendor_id is not None:  # the asking vendor's team; other vendors never see who asked
            return _("Your team asked a question about “%(request)s”") % names
        return _("%(vendor)s asked a question about “%(request)s”") % names
    if kind == Kind.QUESTION_ANSWERED:
        return _("%(company)s answered a question about “%(request)s”") % names
    if kind == Kind.PROPOSAL_SUBMITTED:
        return _("%(vendor)s submitted a proposal for “%(request)s”") % names
    if kind == Kind.PROPOSAL_WITHDRAWN:
        return _("%(vendor)s withdrew its proposal for “%(request)s”") % names
    if kind == Kind.PROPOSAL_SHORTLISTED:
        if vendor_id is not None:
            return _("Your proposal for “%(request)s” was shortlisted") % names
        return _("The proposal of %(vendor)s for “%(request)s” was shortlisted") % names
    if kind == Kind.REQUEST_AWARDED:
        if vendor_id is None:
            return _("“%(request)s” was awarded to %(vendor)s") % names
        engagement = objects.get("engagement")
        if engagement is not None and engagement.vendor_id == vendor_id:
            return _("Your proposal for “%(request)s” was awarded") % names
        own = Proposal.objects.filter(request=outsourcing_request, vendor_id=vendor_id).first()
        if own is not None and own.status == Proposal.Status.NOT_AWARDED:
            return _with_reason(
                _("Your proposal for “%(request)s” was not awarded") % names, own.outcome_reason
            )
        return _("“%(request)s” was awarded to another vendor") % names
    if kind == Kind.REQUEST_CANCELLED:
        return _with_reason(
            _("%(company)s cancelled “%(request)s”") % names,
            outsourcing_request.cancellation_reason if outsourcing_request else "",
        )
    if kind == Kind.ENGAGEMENT_COMPLETED:
        return _("%(company)s marked the engagement for “%(request)s” completed") % names
    if kind == Kind.ENGAGEMENT_CANCELLED:
        engagement = objects.get("engagement")
        return _with_reason(
            _("%(company)s cancelled the engagement for “%(request)s”") % names,
            engagement.cancellation_reason if engagement else "",
        )
    if kind == Kind.REVIEW_POSTED:
        return _("%(company)s reviewed %(vendor)s’s work on “%(request)s”") % names
    if kind == Kind.REVIEW_REPLIED:
        return _("%(vendor)s replied to the review of “%(request)s”") % names
    return str(Kind(kind).label)


def _link(kind, objects, outsourcing_request, *, vendor_id: int | None) -> str:
    engagement = objects.get("engagement")
    if engagement is None and objects.get("review") is not None:
        engagement = objects["review"].engagement
    # An award leads to the engagement only its two parties see; the vendors that lost it
    # read the outcome on the opportunity's page.
    if engagement is not None and (vendor_id is None or engagement.vendor_id == vendor_id):
        return reverse("tenders:engagement-detail", kwargs={"pk": engagement.pk})
    if outsourcing_request is None:
        return reverse("notifications:list")
    pk = outsourcing_request.pk
    if vendor_id is not None:
        return reverse("marketplace:opportunity-detail", kwargs={"pk": pk})
    if kind in (Kind.QUESTION_ASKED, Kind.QUESTION_ANSWERED):
        return reverse("tenders:request-questions", kwargs={"pk": pk})
    if kind == Kind.REQUEST_CANCELLED:
        return reverse("marketplace:request-detail", kwargs={"pk": pk})
    return reverse("tenders:request-proposals", kwargs={"pk": pk})
