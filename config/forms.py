"""What every site form shares."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
