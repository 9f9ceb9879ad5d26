"""The vendor's forms: declining an invitation, asking a question, proposing."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from config.forms import ServiceErrorsMixin, model_form_field
from marketplace.models import OutsourcingRequest
from marketplace.models.requests import MAX_DURATION_WEEKS

from ..models import MAX_MILESTONES, TEXT_LIMIT, Proposal

# Blank rows under the proposal form: enough for a plan's main steps without JavaScript.
MILESTONE_ROWS = 5


class DeclineForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why are you declining? (optional)"),
        help_text=_("The company reads it; it helps them invite better next time."),
        required=False,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "Every vendor taking part reads the question and its answer; nobody but the company "
            "learns who asked."
        ),
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MilestoneForm(forms.Form):
    """One step of the plan: what is delivered, in which week, and (optionally) for how much."""

    title = forms.CharField(label=_("What is delivered"), max_length=200, required=False)
    week = forms.IntegerField(
        label=_("Week"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_WEEKS)],
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_DURATION_WEEKS}),
    )
    amount = forms.DecimalField(
        label=_("Amount (optional)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0.01)],
    )

    def clean(self):
        cleaned = super().clean()
        title, week = cleaned.get("title"), cleaned.get("week")
        if (
            (title or cleaned.get("amount") is not None)
            and week is None
            and "week" not in self.errors
        ):
            self.add_error("week", _("Say in which week it is due."))
        if (week is not None or cleaned.get("amount") is not None) and not title:
            self.add_error("title", _("Say what is delivered."))
        return cleaned


class BaseMilestoneFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled-in rows as `proposal_submit` takes them (amounts as text: JSON has no
        decimals)."""
        return [
            {
                "title": form.cleaned_data["title"],
                "week": form.cleaned_data["week"],
                "amount": None
                if form.cleaned_data["amount"] is None
                else str(form.cleaned_data["amount"]),
            }
            for form in self.forms
            if form.cleaned_data.get("title")
        ]


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=MILESTONE_ROWS,
    max_num=MAX_MILESTONES,
    validate_max=True,
)


def _proposal_field(name: str, **kwargs) -> forms.Field:
    return model_form_field(Proposal, name, **kwargs)


class ProposalForm(ServiceErrorsMixin, forms.Form):
    """The proposal's terms, with its milestones as a formset of fixed rows."""

    price = _proposal_field("price")
    currency = _proposal_field("currency")
    duration_weeks = _proposal_field("duration_weeks")
    team_size = _proposal_field("team_size")
    approach = _proposal_field(
        "approach",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How you would do the work: the team, the method, what you need from them."),
    )

    def __init__(self, data=None, *, outsourcing_request: OutsourcingRequest, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "currency": outsourcing_request.currency,
                "duration_weeks": outsourcing_request.duration_weeks,
                "team_size": outsourcing_request.team_size,
            },
        )
        super().__init__(data, **kwargs)
        self.milestones = MilestoneFormSet(data, prefix="milestones")
        # The service's refusals about the milestones as a whole (one after the last week),
        # shown by the milestones' fieldset.
        self.milestone_errors: list[str] = []

    def clean(self):
        cleaned = super().clean()
        if self.milestones.is_valid():
            cleaned["milestones"] = self.milestones.rows()
        else:
            self.add_error(None, _("Check the milestones below."))
        return cleaned

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict") and "milestones" in error.error_dict:
            self.milestone_errors += ValidationError(error.error_dict.pop("milestones")).messages
            if not error.error_dict:
                return
        super().add_service_error(error)
