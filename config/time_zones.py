"""Time zones said in words, for sentences that tell a reader which zone a time is in."""

from django.utils import timezone
from django.utils.translation import pgettext_lazy

# The zones Norte shows times in (settings.TIME_ZONE): a reader understands "Mexico City time",
# not the IANA name "America/Mexico_City".
TIME_ZONE_NAMES = {
    "America/Mexico_City": pgettext_lazy("a time zone, inside a sentence", "Mexico City time"),
}


def current_time_zone_name() -> str:
    """The active time zone in the reader's language, or its IANA name if it has no words here."""
    zone = timezone.get_current_timezone_name()
    return str(TIME_ZONE_NAMES.get(zone, zone))
