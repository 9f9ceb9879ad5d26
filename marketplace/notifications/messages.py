"""What a notification says and where it leads, written when it is read.

Not stored: the sentence is in the reader's language (the active one), names the objects as
they are now, and points to the page where the reader acts on it — the company's pages for a
company's members, the vendor's for a vendor's.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from companies.models import Invitation, User
from companies.policies import membership_of
from marketplace.events.models import Event
from marketplace.models import MatchResult, Vendor
from marketplace.services.matching.reasons import ReasonNames, reason_text
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Question, Review
from marketplace.webhooks.models import WebhookEndpoint

from .models import Notification

Kind = Event.Kind

# The rows an event's `data` names, by key.
MODELS = {
    "bid_invitation": BidInvitation.objects.select_related("vendor"),
    "question": Question.objects.select_related("vendor"),
    "proposal": Proposal.objects.select_related("vendor"),
    "engagement": Engagement.objects.select_related("vendor"),
    # A reply's link leads to the review's engagement.
    "review": Review.objects.select_related("vendor", "engagement"),
    "invitation": Invitation.objects.select_related(
        "company", "vendor", "invited_by", "accepted_by"
    ),
    "vendor": Vendor.objects.all(),
    "webhook_endpoint": WebhookEndpoint.objects.all(),
}
# Whose vendor an event is about, by the first of its rows that names one.
VENDOR_FROM = ("bid_invitation", "question", "proposal", "engagement", "review")
# An opportunity alert says why the request fits with the vendor's best reasons, at most these.
ALERT_REASONS = 3


@dataclass(frozen=True)
class Message:
    notification: Notification
    text: str
    url: str
    # The rows its event names, by key of MODELS (None for one deleted since), as loaded for
    # the sentence: an email's template shows them too.
    rows: dict = field(default_factory=dict)

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
    rows = {key: MODELS[key].in_bulk(pks) if pks else {} for key, pks in wanted.items()}
    membership = membership_of(user=user)
    vendor_id = membership.vendor_id if membership else None
    # The reader's vendor's place in each alerting run: its reasons say why the request fits.
    runs = {n.event.data["match_run"] for n in notifications if "match_run" in n.event.data}
    results = {}
    if runs and vendor_id is not None:
        results = {
            result.run_id: result
            for result in MatchResult.objects.filter(run_id__in=runs, vendor_id=vendor_id)
        }
    # A vendor told of an award it did not win reads its own proposal's outcome.
    awarded = {n.event.request_id for n in notifications if n.event.kind == Kind.REQUEST_AWARDED}
    own_proposals = {}
    if awarded and vendor_id is not None:
        # Its latest proposal: one withdrawn, then sent again, is not what the award judged.
        latest_first = Proposal.objects.filter(request_id__in=awarded, vendor_id=vendor_id)
        for proposal in latest_first.order_by("-created_at", "-pk"):
            own_proposals.setdefault(proposal.request_id, proposal)
    context = {
        "results": results,
        "reason_names": ReasonNames() if results else None,
        "own_proposals": own_proposals,
    }
    return [
        _message(notification, rows=rows, vendor_id=vendor_id, context=context)
        for notification in notifications
    ]


def _message(
    notification: Notification, *, rows: dict, vendor_id: int | None, context: dict
) -> Message:
    event = notification.event
    named = {key: rows[key].get(pk) for key, pk in event.data.items() if key in MODELS}
    objects = {**named, "recorded_at": event.created_at}
    if event.kind == Kind.REQUEST_AWARDED:
        objects["own_proposal"] = context["own_proposals"].get(event.request_id)
    if "event" in event.data:  # the event a disabled webhook endpoint kept failing
        objects["event"] = event.data["event"]
    if "match_run" in event.data:  # an opportunity alert: the reader's own ranking
        objects["match_result"] = context["results"].get(event.data["match_run"])
        objects["reason_names"] = context["reason_names"]
    outsourcing_request = event.request
    vendor = next(
        (objects[key].vendor for key in VENDOR_FROM if objects.get(key) is not None),
        objects.get("vendor"),
    )
    names = {
        "request": outsourcing_request.title if outsourcing_request else "",
        "company": outsourcing_request.company.name if outsourcing_request else "",
        "vendor": vendor.name if vendor else "",
    }
    text = _sentence(event.kind, names, objects, outsourcing_request, vendor_id=vendor_id)
    url = _link(event.kind, objects, outsourcing_request, vendor_id=vendor_id)
    return Message(notification=notification, text=text, url=url, rows=named)


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
        own = objects.get("own_proposal")
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
    if kind in (Kind.INVITATION_SENT, Kind.INVITATION_ACCEPTED):
        return _team_sentence(kind, objects.get("invitation"))
    if kind == Kind.VENDOR_APPROVED:
        reason = _status_reason(objects)
        if not reason:
            return (
                _(
                    "Norte approved %(vendor)s: it is listed in the directory and matched to requests"
                )
                % names
            )
        return _with_reason(_("Norte approved %(vendor)s") % names, reason)
    if kind == Kind.VENDOR_SUSPENDED:
        return _with_reason(_("Norte suspended %(vendor)s") % names, _status_reason(objects))
    if kind == Kind.REQUEST_PUBLISHED:
        return _opportunity_sentence(names, objects)
    if kind == Kind.WEBHOOK_ENDPOINT_DISABLED:
        return _webhook_disabled_sentence(objects)
    return str(Kind(kind).label)


def _person(user: User | None) -> str:
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def _team_sentence(kind, invitation: Invitation | None) -> str:
    if invitation is None:  # withdrawn rows are kept; a deleted organisation takes them along
        return str(Kind(kind).label)
    names = {
        "inviter": _person(invitation.invited_by),
        "person": _person(invitation.accepted_by),
        "email": invitation.email,
        "organisation": str(invitation.organisation),
        "role": invitation.get_role_display().lower(),
    }
    if kind == Kind.INVITATION_SENT:
        return _("%(inviter)s invited %(email)s to join %(organisation)s as %(role)s") % names
    return _("%(person)s joined %(organisation)s as %(role)s") % names


def _status_reason(objects: dict) -> str:
    """The moderator's reason, while the status change this event reports is the vendor's
    latest (the event is dated with it): a later change replaced the reason, and an older
    sentence must not show the newer one as its own. Compared by order, not equality: an
    event dated a moment after its change (or a time stored with less precision) still
    reports the latest change, as no later one happened since."""
    vendor = objects.get("vendor")
    changed = vendor.status_changed_at if vendor is not None else None
    if changed is None or changed > objects["recorded_at"]:
        return ""
    return vendor.status_reason


def _opportunity_sentence(names: dict, objects: dict) -> str:
    text = _("“%(request)s” by %(company)s fits your team") % names
    result = objects.get("match_result")
    if result is None:
        return text
    met = [reason for reason in result.reasons if reason.get("met")][:ALERT_REASONS]
    reasons = " ".join(reason_text(reason, objects["reason_names"]) for reason in met)
    return _with_reason(text, reasons)


def _webhook_disabled_sentence(objects: dict) -> str:
    endpoint = objects.get("webhook_endpoint")
    if endpoint is None:
        return _("A webhook endpoint of your organisation was disabled; it has since been removed")
    failed = objects.get("event")
    if failed is not None:
        return _(
            "The webhook endpoint %(url)s was disabled: every attempt to deliver event "
            "%(event)s failed for a day. Fix the receiver, then turn it back on"
        ) % {"url": endpoint.url, "event": failed}
    return _("The webhook endpoint %(url)s was disabled") % {"url": endpoint.url}


def _link(kind, objects, outsourcing_request, *, vendor_id: int | None) -> str:
    if kind in (Kind.INVITATION_SENT, Kind.INVITATION_ACCEPTED):
        return reverse("companies:team")
    if kind in (Kind.VENDOR_APPROVED, Kind.VENDOR_SUSPENDED):
        return reverse("marketplace:vendor-dashboard")
    if kind == Kind.WEBHOOK_ENDPOINT_DISABLED:
        # Its page, where its owners see the failed deliveries and turn it back on.
        endpoint = objects.get("webhook_endpoint")
        if endpoint is None:  # removed since
            return reverse("notifications:list")
        return reverse("webhooks:endpoint-detail", kwargs={"pk": endpoint.pk})
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
