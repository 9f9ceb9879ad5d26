"""What every site form shares."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


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
