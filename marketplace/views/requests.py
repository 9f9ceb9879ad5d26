"""The company side: a company's requests, the form to draft and edit one (which suggests the
sector and skills its text reads as), publishing, and the ranked vendors with the reasons for
each score.

Every page looks the request up in `request_list_managed`, so another company's request (or any
request, for a vendor) is simply not found. Saving goes through the same services as the API.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from companies.selectors import company_list_own
from config.errors import Conflict
from config.policies import policy_required
from config.throttling import RematchThrottle, SuggestionsThrottle, throttle
from marketplace.tenders.selectors import bid_invitation_list_visible, tender_summary
from marketplace.tenders.services.invitations import TOP_INVITATIONS_MAX

from ..forms import OutsourcingRequestForm, RequestReadingForm
from ..matching.weights import STORED_RESULTS, STRONG_MATCH_SCORE
from ..policies import can_create_request
from ..selectors import (
    match_results_strong_first,
    match_run_error_for,
    match_runs_shown,
    request_list_dashboard,
    request_list_managed,
    request_rows_ranked_as,
    sector_ranked_as,
)
from ..services import requests as services
from ..services.matching.reasons import ReasonNames, exclusion_text, match_result_explain

REQUESTS_PER_PAGE = 20
# `?others=1` lists the matches below the strong ones too: a link that works without JavaScript
# (htmx swaps the section in place when it runs).
WITH_OTHERS = "others"


@login_required
@require_safe
@policy_required(can_create_request)
def request_list(request):
    page = Paginator(request_list_dashboard(user=request.user), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = request_rows_ranked_as(requests=page.object_list)
    return render(request, "marketplace/requests/list.html", {"page": page})


def _save(form, save):
    """Call the service with the form's data; its ValidationErrors go onto the form."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        form.add_service_error(error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request):
    # A draft is its author's company's: staff, in none, draft for a company through the API.
    company = get_object_or_404(company_list_own(user=request.user))
    form = OutsourcingRequestForm(request.POST or None)
    if request.method == "POST":
        saved = _save(
            form,
            lambda data: services.request_create(actor=request.user, company=company, **data),
        )
        if saved is not None:
            messages.success(request, _("The request was saved as a draft."))
            return redirect("marketplace:request-detail", pk=saved.pk)
    reading = RequestReadingForm(request.POST).reading() if request.method == "POST" else None
    context = {"form": form, "object": None, "reading": reading}
    return render(request, "marketplace/requests/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request, pk: int):
    outsourcing_request = get_object_or_404(request_list_managed(user=request.user), pk=pk)
    if request.method == "POST":
        form = OutsourcingRequestForm(request.POST)
        reading_form = RequestReadingForm(request.POST)
        saved = _save(
            form,
            lambda data: services.request_update(
                request=outsourcing_request, actor=request.user, data=data
            )[0],
        )
        if saved is not None:
            messages.success(request, _("The request was saved."))
            return redirect("marketplace:request-detail", pk=saved.pk)
    else:
        form = OutsourcingRequestForm(
            initial=OutsourcingRequestForm.initial_for(outsourcing_request)
        )
        # Said on load too: the matches page sends the buyer here to change the sector.
        reading_form = RequestReadingForm.for_request(outsourcing_request)
    context = {"form": form, "object": outsourcing_request, "reading": reading_form.reading()}
    return render(request, "marketplace/requests/form.html", context)


@login_required
@require_POST
@policy_required(can_create_request)
def request_validate(request):
    """The form's errors so far, each for htmx to swap into its field's error container as the
    person types (never the fields themselves: that would wipe what is being typed)."""
    form = OutsourcingRequestForm(request.POST)
    form.is_valid()
    form.drop_required_errors()
    return render(request, "marketplace/requests/_form_errors.html", {"form": form})


@login_required
@require_POST
@policy_required(can_create_request)
@throttle(SuggestionsThrottle)
def request_suggestions(request):
    """What the request form's text reads as so far — another sector than the one chosen,
    skills mentioned but not ticked — for htmx to swap into the suggestions beside the sector as
    the person types. Nothing is applied: the person confirms each with its button."""
    reading = RequestReadingForm(request.POST).reading()
    return render(request, "marketplace/requests/_suggestions.html", {"reading": reading})


def _matches_context(request, outsourcing_request) -> dict:
    latest, shown = match_runs_shown(outsourcing_request)
    names = ReasonNames()
    invitations = {
        invitation.vendor_id: invitation
        for invitation in bid_invitation_list_visible(user=request.user).filter(
            request=outsourcing_request
        )
    }
    with_others = request.GET.get(WITH_OTHERS) == "1"
    ranking = match_results_strong_first(run=shown, with_others=with_others)
    for result in [*ranking.strong, *ranking.others]:
        match_result_explain(result, names)
        result.invitation = invitations.get(result.vendor_id)
    return {
        "object": outsourcing_request,
        "latest": latest,
        "latest_error": None
        if latest is None
        else match_run_error_for(run=latest, user=request.user),
        "shown": shown,
        "ranked_as": sector_ranked_as(run=shown, outsourcing_request=outsourcing_request),
        "ranking": ranking,
        "with_others": with_others,
        "strong_score": STRONG_MATCH_SCORE,
        "stored_results": STORED_RESULTS,
        # None for a run done before they were counted: it says nothing rather than guess.
        "exclusions": None
        if shown is None or shown.exclusions is None
        else [exclusion_text(exclusion, names) for exclusion in shown.exclusions],
        # Whether to offer invitations at all; the service still decides each one.
        "can_invite": outsourcing_request.accepts_proposals(now=timezone.now()),
        "top_invitations_max": TOP_INVITATIONS_MAX,
    }


@login_required
@require_safe
def request_detail(request, pk: int):
    outsourcing_request = get_object_or_404(request_list_managed(user=request.user), pk=pk)
    context = {
        **_matches_context(request, outsourcing_request),
        "tender": tender_summary(outsourcing_request=outsourcing_request),
    }
    return render(request, "marketplace/requests/detail.html", context)


@login_required
@require_safe
def request_matches(request, pk: int):
    """The match section alone: the detail page polls it while a run is queued or running."""
    outsourcing_request = get_object_or_404(request_list_managed(user=request.user), pk=pk)
    context = _matches_context(request, outsourcing_request)
    return render(request, "marketplace/requests/_matches.html", context)


def _act(request, pk: int, action, success):
    """Call `action` on the managed request and say how it went; `success` is the sentence, or
    makes it from the request."""
    outsourcing_request = get_object_or_404(request_list_managed(user=request.user), pk=pk)
    try:
        action(request=outsourcing_request, actor=request.user)
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success(outsourcing_request) if callable(success) else success)
    return redirect("marketplace:request-detail", pk=outsourcing_request.pk)


@login_required
@require_POST
def request_publish(request, pk: int):
    return _act(
        request,
        pk,
        services.request_publish,
        _("The request is published. Norte is ranking vendors for it."),
    )


@login_required
@require_POST
@throttle(RematchThrottle)
def request_rematch(request, pk: int):
    return _act(request, pk, services.request_rematch, _("Norte is ranking vendors again."))


@login_required
@require_POST
def request_keep_sector(request, pk: int):
    """ "Keep <sector>" on the matches page: the buyer says the sector filed is right after all,
    and the vendors are ranked again by it."""
    return _act(
        request,
        pk,
        lambda request, actor: services.request_update(
            request=request, actor=actor, data={"sector_confirmed": True}
        ),
        lambda outsourcing_request: (
            _("Kept: ranked again as %(sector)s.")
            % {"sector": outsourcing_request.sector.display_name}
        ),
    )
