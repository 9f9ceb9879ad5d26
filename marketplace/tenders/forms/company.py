"""The company's tender forms and the engagement pages'. They read what a person typed; whether
it may be done (who, when, in which state) is the services' call, and their refusals land here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import ServiceErrorsMixin
from marketplace.templatetags.norte import money

from ..models import TEXT_LIMIT, Proposal


def _text(label, *, rows: int = 4, help_text: str = "") -> forms.CharField:
    # Not required here: the service refuses an empty text with a message that says what to
    # write ("Say why this proposal wins."), which Django's "This field is required." does not.
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AnswerForm(ServiceErrorsMixin, forms.Form):
    text = _text(
        _("Your answer"),
        help_text=_("Every vendor taking part reads it, with the question but not who asked."),
    )


class ProposalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, proposal: Proposal) -> str:
        return f"{proposal.vendor.name} · {money(proposal.price, proposal.currency)}"


class AwardForm(ServiceErrorsMixin, forms.Form):
    proposal = ProposalChoiceField(label=_("Proposal"), queryset=Proposal.objects.none())
    reason = _text(
        _("Why this proposal wins"),
        help_text=_("Every vendor that took part reads this reason, the winner and the others."),
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals


class ReasonForm(ServiceErrorsMixin, forms.Form):
    """Cancelling a request or an engagement: why, for everyone it concerns to read."""

    reason = _text(_("Reason"))

    def __init__(self, *args, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


RATING_CHOICES = [
    (1, _("1 — poor")),
    (2, _("2 — below expectations")),
    (3, _("3 — as agreed")),
    (4, _("4 — good")),
    (5, _("5 — excellent")),
]


class ReviewForm(ServiceErrorsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    text = _text(
        _("What the work was like"),
        rows=6,
        help_text=_("It appears on the vendor's profile, where everyone can read it."),
    )


class ReplyForm(ServiceErrorsMixin, forms.Form):
    text = _text(
        _("Your reply"),
        help_text=_("You can reply once; it appears under the review on your profile."),
    )
