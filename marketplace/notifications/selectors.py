"""Reading notifications: always the caller's own."""

from django.db.models import QuerySet

from companies.models import User

from .models import Notification


def notification_list_for(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first, with what their sentences name."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient=user)
        .select_related("event", "event__actor", "event__request", "event__request__company")
        .order_by("-created_at", "-id")
    )


def notification_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
