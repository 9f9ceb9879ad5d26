"""The notifications page, the header's bell, marking read (POST, then back to the page), the
email preferences and the unsubscribe link of emails."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .forms import NotificationPreferencesForm
from .messages import notification_messages
from .models import EmailChoice
from .selectors import (
    UnsubscribeLinkInvalid,
    notification_list_for,
    notification_preferences_for,
    notification_unread_count,
    notification_unsubscribe_target,
)
from .services import (
    notification_mark_read,
    notification_preferences_set_all,
    notification_settings_set,
    notifications_mark_all_read,
)
from .services import notification_unsubscribe as notification_unsubscribe_service

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


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    """Which emails the user gets, per kind of event, and the language they are written in."""
    preferences = notification_preferences_for(user=request.user)
    if request.method == "POST" and "no_email" in request.POST:
        notification_preferences_set_all(user=request.user, email=EmailChoice.NEVER)
        messages.success(request, _("You will get no more emails from Norte."))
        return redirect("notifications:preferences")
    form = NotificationPreferencesForm(
        request.POST or None,
        preferences=preferences,
        initial={"language": request.user.language},
    )
    if request.method == "POST" and form.is_valid():
        notification_settings_set(
            user=request.user, language=form.cleaned_data["language"], emails=form.emails()
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token: str):
    """Stop one kind of email, or all, from the link in an email: no login, the signed token
    says who. GET shows what will stop and asks; POST stops it — from this page's buttons or
    from a mail client's one-click unsubscribe (RFC 8058: a POST of
    `List-Unsubscribe=One-Click`, without cookies, hence no CSRF token)."""
    try:
        target = notification_unsubscribe_target(token=token)
        # In the language of the email the link came in, whatever the browser says.
        with translation.override(target.user.email_language):
            if request.method == "POST":
                stopped = notification_unsubscribe_service(
                    token=token, every=request.POST.get("scope") == "all"
                )
                return render(
                    request, "notifications/unsubscribed.html", {"kind_label": stopped.kind_label}
                )
            return render(
                request,
                "notifications/unsubscribe.html",
                {"kind_label": target.kind_label, "token": token},
            )
    except UnsubscribeLinkInvalid:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
