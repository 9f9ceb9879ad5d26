"""The webhooks pages: an organisation's owners list, register, change, pause, re-enable and
remove their endpoints, roll a secret, read the delivery log and send an event again.

Endpoints are looked up in `webhook_endpoint_list_visible` (another organisation's is a 404),
then the pages are the owners' (a member reads why not, 403), as the services that do the work
decide; their refusals are shown on the page, never as a 500.

The signing secret is shown once, after registering and after a roll, and never put in a URL or
a message (the messages are stored in a cookie): the POST keeps it in the session, which is
stored server-side, and redirects; the endpoint's page takes it out of the session as it shows
it, with no-store caching, so a reload or the back button no longer has it, and a reload never
registers or rolls again (which answering the POST with the secret would risk).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from companies.policies import membership_of
from config.policies import refuse_unless
from config.refusals import attempt, save_form

from .forms import ReplayForm, WebhookEndpointEditForm, WebhookEndpointForm
from .models import WebhookEndpoint
from .policies import can_create_webhook_endpoint, can_manage_webhook_endpoint
from .selectors import (
    webhook_delivery_list,
    webhook_delivery_next_retries,
    webhook_endpoint_list_visible,
    webhook_endpoint_list_with_last_delivery,
)
from .services import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_roll_secret,
    webhook_endpoint_update,
    webhook_replay,
)
from .signing import HEADER, TOLERANCE_SECONDS

DELIVERIES_PER_PAGE = 25
SECRET_SESSION_KEY = "webhooks.secret_to_show"  # noqa: S105 — a session key's name


def _for_owners(request) -> None:
    """The organisation's pages: someone in none (staff too) has no endpoints to manage (404),
    a member who is not an owner reads why not (403)."""
    if membership_of(user=request.user) is None:
        raise Http404
    refuse_unless(can_create_webhook_endpoint, user=request.user)


def _endpoint_or_404(request, pk: int) -> WebhookEndpoint:
    endpoint = get_object_or_404(webhook_endpoint_list_visible(user=request.user), pk=pk)
    refuse_unless(can_manage_webhook_endpoint, user=request.user, obj=endpoint)
    return endpoint


def _keep_secret_to_show(request, endpoint: WebhookEndpoint) -> None:
    request.session[SECRET_SESSION_KEY] = {"endpoint": endpoint.pk, "secret": endpoint.secret}


def _secret_to_show(request, endpoint: WebhookEndpoint) -> str | None:
    """The secret kept for `endpoint`'s page, out of the session: it is shown this once."""
    kept = request.session.get(SECRET_SESSION_KEY)
    if not kept or kept.get("endpoint") != endpoint.pk:
        return None
    del request.session[SECRET_SESSION_KEY]
    return kept["secret"]


@login_required
@require_safe
def endpoint_list(request):
    _for_owners(request)
    context = {
        "endpoints": webhook_endpoint_list_with_last_delivery(user=request.user),
        "header": HEADER,
        "tolerance_minutes": TOLERANCE_SECONDS // 60,
    }
    return render(request, "webhooks/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_create(request):
    _for_owners(request)
    form = WebhookEndpointForm(request.POST or None, organisation=membership_of(user=request.user))
    if request.method == "POST":
        created, endpoint = save_form(
            request,
            form,
            lambda data: webhook_endpoint_create(
                actor=request.user, url=data["url"], events=data["events"]
            ),
        )
        if created:
            _keep_secret_to_show(request, endpoint)
            messages.success(request, _("The endpoint is registered."))
            return redirect("webhooks:endpoint-detail", pk=endpoint.pk)
    return render(request, "webhooks/create.html", {"form": form})


def _detail(request, endpoint: WebhookEndpoint, form=None):
    page = Paginator(
        webhook_delivery_list(webhook_endpoint=endpoint), DELIVERIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    next_retries = webhook_delivery_next_retries(webhook_endpoint=endpoint, deliveries=page)
    secret = _secret_to_show(request, endpoint)
    context = {
        "endpoint": endpoint,
        "secret": secret,
        "form": form
        or WebhookEndpointEditForm(
            organisation=endpoint,
            initial={
                "url": endpoint.url,
                "events": endpoint.events,
                "is_active": endpoint.is_active,
            },
        ),
        "page": page,
        # Each attempt with when it is tried again, if it is.
        "rows": [(delivery, next_retries.get(delivery.pk)) for delivery in page.object_list],
    }
    response = render(request, "webhooks/detail.html", context)
    if secret:
        add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_detail(request, pk: int):
    """The endpoint, its settings (POST changes them) and its delivery log."""
    endpoint = _endpoint_or_404(request, pk)
    if request.method == "GET":
        return _detail(request, endpoint)
    form = WebhookEndpointEditForm(request.POST, organisation=endpoint)
    saved, _endpoint = save_form(
        request,
        form,
        lambda data: webhook_endpoint_update(actor=request.user, webhook_endpoint=endpoint, **data),
    )
    if saved:
        messages.success(request, _("The endpoint is saved."))
        return redirect("webhooks:endpoint-detail", pk=endpoint.pk)
    # The refused values may be on the row in memory: the page shows the stored ones.
    return _detail(request, _endpoint_or_404(request, pk), form=form)


@login_required
@require_POST
def endpoint_enable(request, pk: int):
    """Turn a paused or disabled endpoint back on: deliveries start again."""
    endpoint = _endpoint_or_404(request, pk)
    enabled, _endpoint = attempt(
        request,
        lambda: webhook_endpoint_update(
            actor=request.user, webhook_endpoint=endpoint, is_active=True
        ),
    )
    if enabled:
        messages.success(request, _("The endpoint is active again: new events are sent to it."))
    return redirect("webhooks:endpoint-detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_roll_secret(request, pk: int):
    """Confirm, then a new secret (shown once on the endpoint's page); the old one stops."""
    endpoint = _endpoint_or_404(request, pk)
    if request.method == "POST":
        rolled, endpoint = attempt(
            request,
            lambda: webhook_endpoint_roll_secret(actor=request.user, webhook_endpoint=endpoint),
        )
        if rolled:
            _keep_secret_to_show(request, endpoint)
            messages.success(
                request, _("The secret is rolled: deliveries are signed with the new one now.")
            )
        return redirect("webhooks:endpoint-detail", pk=pk)
    return render(request, "webhooks/roll_secret.html", {"endpoint": endpoint})


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_delete(request, pk: int):
    endpoint = _endpoint_or_404(request, pk)
    if request.method == "POST":
        deleted, _nothing = attempt(
            request,
            lambda: webhook_endpoint_delete(actor=request.user, webhook_endpoint=endpoint),
        )
        if deleted:
            messages.success(request, _("The endpoint and its delivery log are removed."))
            return redirect("webhooks:endpoint-list")
        return redirect("webhooks:endpoint-detail", pk=pk)
    return render(request, "webhooks/delete.html", {"endpoint": endpoint})


@login_required
@require_POST
def endpoint_replay(request, pk: int):
    """Send one event of the log again, once; the answer is the message and a new row. The
    service records the attempt and queues its POST: the message says how it went when the
    send has already run (the broker down, or Celery eager as in development), and that it is
    queued otherwise — its outcome then appears in the row."""
    endpoint = _endpoint_or_404(request, pk)
    form = ReplayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an event of the delivery log to send again."))
        return redirect("webhooks:endpoint-detail", pk=pk)
    event_id = form.cleaned_data["event"]
    sent, delivery = attempt(
        request,
        lambda: webhook_replay(actor=request.user, webhook_endpoint=endpoint, event_id=event_id),
    )
    if not sent:
        return redirect("webhooks:endpoint-detail", pk=pk)
    delivery.refresh_from_db()
    if delivery.succeeded:
        messages.success(
            request,
            _("Event %(event)s was sent again: the endpoint answered %(status)s.")
            % {"event": event_id, "status": delivery.status_code},
        )
    elif not delivery.has_outcome:
        messages.success(
            request,
            _(
                "Event %(event)s is queued to be sent again as attempt %(attempt)s: "
                "its outcome appears in the delivery log in a few seconds."
            )
            % {"event": event_id, "attempt": delivery.attempt},
        )
    else:
        messages.error(
            request,
            _("Event %(event)s was sent again and failed: %(error)s.")
            % {"event": event_id, "error": delivery.error},
        )
    return redirect("webhooks:endpoint-detail", pk=pk)
