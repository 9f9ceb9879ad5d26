"""How a page shows what a service refused: its own messages, translated where they were
raised (`config.errors` and Django's ValidationError), never another exception's text. The
pages of every app use it (tenders, webhooks), so it lives with the other shared pieces here.

A clash with the state (409 in the API) or bad input is shown on the page. A role that may not
act (`PermissionDenied`) is not caught: the page answers 403, as the API does — the pages never
offer that person the button, so only a forged or stale form gets there."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from config.errors import Conflict


def attempt(request, action) -> tuple[bool, object]:
    """(True, what `action()` returned), or (False, None) with each refusal as an error
    message for the next page."""
    try:
        return True, action()
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return False, None


def save_form(request, form, action) -> tuple[bool, object]:
    """(True, what `action(cleaned_data)` returned), or (False, None) with the refusal shown:
    bad input next to the form's fields, a clash with the state as an error message."""
    if not form.is_valid():
        return False, None
    try:
        return True, action(form.cleaned_data)
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        form.add_service_error(error)
    return False, None
