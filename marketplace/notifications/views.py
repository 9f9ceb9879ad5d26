"""The notifications page, the header's bell, and marking read (POST, then back to the page)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .messages import notification_messages
from .selectors import notification_list_for, notification_unread_count
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 50


@login_required
@require_safe
def notification_list(request):
    """The user's notifications, newest first, the unread ones marked."""
    page = Paginator(notification_list_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "items": notification_messages(notifications=page.object_list, user=request.user),
        "unread_count": notification_unread_count(user=request.user),
    }
    return render(request, "notifications/list.html", context)


@require_safe
def notification_bell(request):
    """The bell with its unread count, which the header asks for again every 30 s (htmx).

    A visitor whose session ended gets nothing to swap in (204), not the login page inside
    the header."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    # The page it is polled from (htmx says which) keeps the bell marked as the current page.
    current = urlsplit(request.headers.get("HX-Current-URL", "")).path
    context = {
        "unread_count": notification_unread_count(user=request.user),
        "on_notifications_page": current == reverse("notifications:list"),
    }
    return render(request, "notifications/_bell.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(notification_list_for(user=request.user), pk=pk)
    notification_mark_read(notification=notification)
    messages.success(request, _("Notification marked as read."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications marked as read."))
    return redirect("notifications:list")
