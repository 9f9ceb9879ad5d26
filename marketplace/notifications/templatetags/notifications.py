from django import template
from django.urls import reverse

from ..selectors import notification_unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context):
    """The header's bell for the signed-in user, with their unread count."""
    request = context["request"]
    return {
        "unread_count": notification_unread_count(user=request.user),
        "on_notifications_page": request.path == reverse("notifications:list"),
    }
