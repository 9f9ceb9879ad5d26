"""The notifications page, the header's bell, marking read (POST, then back to the page), the
email preferences and the unsubscribe link of emails."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from companies.models import User
from companies.services import user_language_set
from marketplace.events.models import Event

from .emails import unsubscribe_token_read
from .forms import NotificationPreferencesForm
from .messages import notification_messages
from .models import EmailChoice
from .selectors import (
    notification_list_for,
    notification_preferences_for,
    notification_unread_count,
)
from .services import (
    notification_mark_read,
    notification_preference_set,
    notification_preferences_set,
    notification_preferences_set_all,
    notifications_mark_all_read,
)

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
        with transaction.atomic():
            user_language_set(user=request.user, language=form.cleaned_data["language"])
            notification_preferences_set(user=request.user, emails=form.emails())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _unsubscribe_target(token: str):
    """(user, kind) the token names, or None for a token not made here (or a person gone)."""
    try:
        user_id, kind = unsubscribe_token_read(token)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or (kind and kind not in Event.Kind.values):
        return None
    return user, kind


@csrf_exempt
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token: str):
    """Stop one kind of email, or all, from the link in an email: no login, the signed token
    says who. GET shows what will stop and asks; POST stops it — from this page's buttons or
    from a mail client's one-click unsubscribe (RFC 8058: a POST of
    `List-Unsubscribe=One-Click`, without cookies, hence no CSRF token)."""
    target = _unsubscribe_target(token)
    if target is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    user, kind = target
    if request.method == "POST":
        every = request.POST.get("scope") == "all" or not kind
        if every:
            notification_preferences_set_all(user=user, email=EmailChoice.NEVER)
        else:
            notification_preference_set(user=user, kind=kind, email=EmailChoice.NEVER)
        return render(
            request,
            "notifications/unsubscribed.html",
            {"kind_label": None if every else Event.Kind(kind).label},
        )
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind_label": Event.Kind(kind).label if kind else None, "token": token},
    )
