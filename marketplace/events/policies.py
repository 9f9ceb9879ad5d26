"""Who reads which events in the feed (GET /api/v1/events/): each organisation's people read
the events that concern it (selectors.py scopes that by membership); staff read every event."""

from django.utils.translation import gettext_lazy as _

from companies.models import User
from config.policies import refusal


@refusal(_("Only Norte staff may read every organisation's events."))
def can_read_every_event(*, user: User) -> bool:
    """Norte's staff, who answer for the whole marketplace (they belong to no organisation)."""
    return user.is_staff
