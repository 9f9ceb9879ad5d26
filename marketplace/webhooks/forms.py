"""The webhooks pages' forms. They read what an owner typed; whether the URL may be used (the
SSRF guard) and which events exist are the model's rules, checked by the services, whose
refusals land next to the fields here."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import ServiceErrorsMixin
from marketplace.events.models import Event, event_kinds_for
from marketplace.forms import GroupedCheckboxes

Kind = Event.Kind

# The event kinds as an owner looks for them: by what they are about, in the order things
# happen. A kind added later and not placed here still shows, under "Other".
EVENT_GROUPS = [
    (_("Your team"), [Kind.INVITATION_SENT, Kind.INVITATION_ACCEPTED]),
    (_("Vendor profile"), [Kind.VENDOR_APPROVED, Kind.VENDOR_SUSPENDED]),
    (
        _("Requests and bid invitations"),
        [
            Kind.REQUEST_PUBLISHED,
            Kind.BID_INVITATION_SENT,
            Kind.BID_INVITATION_ACCEPTED,
            Kind.BID_INVITATION_DECLINED,
            Kind.REQUEST_AWARDED,
            Kind.REQUEST_CANCELLED,
        ],
    ),
    (_("Questions"), [Kind.QUESTION_ASKED, Kind.QUESTION_ANSWERED]),
    (
        _("Proposals"),
        [Kind.PROPOSAL_SUBMITTED, Kind.PROPOSAL_WITHDRAWN, Kind.PROPOSAL_SHORTLISTED],
    ),
    (
        _("Engagements and reviews"),
        [
            Kind.ENGAGEMENT_COMPLETED,
            Kind.ENGAGEMENT_CANCELLED,
            Kind.REVIEW_POSTED,
            Kind.REVIEW_REPLIED,
        ],
    ),
    (_("Webhooks"), [Kind.WEBHOOK_ENDPOINT_DISABLED]),
]


class EventLabel:
    """A checkbox's label: what the event is, then the `type` a receiver reads in the body."""

    def __init__(self, kind: Kind):
        self.kind = kind

    def __str__(self) -> str:
        return f"{self.kind.label} ({self.kind.value})"


def event_choices(organisation=None) -> list[tuple[str, list[tuple[str, EventLabel]]]]:
    """The kinds an endpoint of `organisation` may ask for, grouped (every kind for None)."""
    wanted = event_kinds_for(organisation=organisation)
    placed = {kind for _group, kinds in EVENT_GROUPS for kind in kinds}
    groups = [(label, list(kinds)) for label, kinds in EVENT_GROUPS]
    others = [kind for kind in Kind if kind not in placed]
    if others:
        groups.append((_("Other"), others))
    return [
        (label, [(kind.value, EventLabel(kind)) for kind in kinds if kind in wanted])
        for label, kinds in groups
        if any(kind in wanted for kind in kinds)
    ]


class WebhookEndpointForm(ServiceErrorsMixin, forms.Form):
    # A plain text field: whether the address may be used is urls_check.py's rule, whose
    # messages ("must point to a public internet address") say more than "Enter a valid URL."
    url = forms.CharField(
        label=_("URL"),
        max_length=500,
        help_text=_("Where Norte sends the events: an https:// address on the public internet."),
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/webhooks/norte"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events to send"),
        choices=event_choices,
        widget=GroupedCheckboxes,
        error_messages={"required": _("Choose at least one event.")},
    )

    def __init__(self, *args, organisation=None, **kwargs):
        """`organisation`: whose endpoint it is (a membership or the endpoint), which decides
        the events it may ask for — a company is never told of a vendor's own."""
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = event_choices(organisation)


class WebhookEndpointEditForm(WebhookEndpointForm):
    is_active = forms.BooleanField(
        label=pgettext_lazy("webhook endpoint", "Active"),
        required=False,
        help_text=_(
            "Untick to pause deliveries. Ticking it again turns a disabled endpoint back on."
        ),
    )


class ReplayForm(forms.Form):
    event = forms.IntegerField(min_value=1)
