"""What every site form shares."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def formfield_with_model_rules(db_field: models.Field, **kwargs) -> forms.Field | None:
    """The form field Django gives for a model field, checking what the model checks.

    Django's form field only knows the column's range: a PositiveIntegerField asks for ≥ 0
    where the model asks for ≥ 1. A team of −3 was told "≥ 0" by the form, and 0 then "≥ 1"
    by the model on the next submit, and the model's other field rules (a negative budget, a
    duration of 0) only came with that second submit. Taking the bounds from the model's
    validators (also the `min`/`max` the browser shows) and running the rest of them in the
    form reports every field's error at once, in the model's words. Usable as a ModelForm's
    `Meta.formfield_callback`.
    """
    # The field's own validators, as the model declares them. `validators` adds the database
    # column's integer range, which is no rule a person should read: the browser would show
    # max="9223372036854775807". The range is still checked below, only not shown.
    declared = db_field._validators
    lows = [rule.limit_value for rule in declared if type(rule) is MinValueValidator]
    highs = [rule.limit_value for rule in declared if type(rule) is MaxValueValidator]
    bounds = {}
    if lows:
        bounds["min_value"] = max(lows)
    if highs:
        bounds["max_value"] = min(highs)
    field = db_field.formfield(**{**bounds, **kwargs})
    if field is not None:
        others = [
            rule
            for rule in db_field.validators
            if not (rule in declared and type(rule) in (MinValueValidator, MaxValueValidator))
        ]
        field.validators = [
            *field.validators,
            *(rule for rule in others if rule not in field.validators),
        ]
    return field


def model_form_field(model: type[models.Model], name: str, **kwargs) -> forms.Field:
    """The form field for `model.name`, so labels, limits and choices are written once."""
    return formfield_with_model_rules(model._meta.get_field(name), **kwargs)


def website_field() -> forms.URLField:
    """An organisation's website, companies' and vendors' alike."""
    # Django 6 makes https the scheme for addresses typed without one; take it already.
    return forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class ServiceErrorsMixin:
    """Forms whose data a service validates again (model rules, state): its refusals belong
    on the form too."""

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names (the rest on top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else NON_FIELD_ERRORS, errors)

    def save_with(self, service, **kwargs):
        """Validate, then call `service(**kwargs, **cleaned_data)`: what it returns, or None
        when the input or the service (whose refusals land on the form) says no."""
        if not self.is_valid():
            return None
        try:
            return service(**kwargs, **self.cleaned_data)
        except ValidationError as error:
            self.add_service_error(error)
            return None


class LinesField(forms.Field):
    """A list of texts edited as a textarea, one per line (staff write aliases this way rather
    than as JSON). Spaces around a line and blank lines are dropped: a blank line is no text."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 60})

    def prepare_value(self, value):
        # The stored list when the form opens; the submitted text when it is shown again.
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)
