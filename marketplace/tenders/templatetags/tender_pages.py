"""Template helpers of the tender pages: how long something took, in words, and the requests a
company member may invite a vendor to from its profile."""

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..selectors import request_list_invitable

register = template.Library()


@register.filter
def elapsed(duration: timedelta | None) -> str:
    """`timedelta(hours=30)` → "30 hours"; days past two days, "under an hour" below one; ""
    for None (nothing measured yet)."""
    if duration is None:
        return ""
    hours = int(duration.total_seconds() // 3600)
    if hours < 1:
        return _("under an hour")
    if hours < 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@register.simple_tag
def invitable_requests(user, vendor):
    """The user's company's published requests still taking proposals that `vendor` is not
    invited to (none outside a company): the choices of the profile's invitation form."""
    return list(request_list_invitable(user=user, vendor=vendor))
