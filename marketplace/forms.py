"""Forms of the company side's pages. They check what a person typed; the rules about who may
save what, and when a request may be published, stay in `marketplace.services.requests`."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import Language
from .models import Certification, OutsourcingRequest, Sector, Skill


def _model_field(name: str, **kwargs) -> forms.Field:
    """The form field the model would give, so labels, limits and choices are written once."""
    return OutsourcingRequest._meta.get_field(name).formfield(**kwargs)


class OutsourcingRequestForm(forms.Form):
    title = _model_field("title")
    description = _model_field("description", widget=forms.Textarea(attrs={"rows": 6}))
    sector = _model_field("sector", queryset=Sector.objects.all())
    skills = _model_field(
        "skills", queryset=Skill.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    budget_min = _model_field("budget_min")
    budget_max = _model_field("budget_max")
    currency = _model_field("currency")
    team_size = _model_field("team_size")
    duration_weeks = _model_field("duration_weeks")
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one is needed before publishing."),
    )
    required_certifications = _model_field(
        "required_certifications",
        queryset=Certification.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = Sector.display_name_order()
        self.fields["sector"].queryset = Sector.objects.order_by(order)
        # Sixty-odd skills read better under their sectors, named in the reader's language.
        groups: dict[str, list] = {}
        for skill in Skill.objects.select_related("sector").order_by(Skill.display_name_order()):
            label = skill.sector.display_name if skill.sector else _("Other")
            groups.setdefault(str(label), []).append((skill.pk, skill.display_name))
        self.fields["skills"].choices = sorted(groups.items())

    @classmethod
    def initial_for(cls, request: OutsourcingRequest) -> dict:
        initial = {name: getattr(request, name) for name in cls.base_fields}
        for relation in ("skills", "required_certifications"):
            initial[relation] = [item.pk for item in initial[relation].all()]
        return initial

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_min", _("The minimum budget cannot exceed the maximum budget."))
        return cleaned

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names (the rest on top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else NON_FIELD_ERRORS, errors)

    def drop_required_errors(self) -> None:
        """While a person is still filling the form in, empty fields are not mistakes yet."""
        for name, errors in list(self.errors.as_data().items()):
            kept = [error for error in errors if error.code != "required"]
            if kept:
                self._errors[name] = self.error_class(kept, renderer=self.renderer)
            else:
                del self._errors[name]
