"""Tender pages: the vendor side — answering bid invitations, asking questions, proposing and
withdrawing.

The vendor reads all of it on its desk (/vendor/) and on the request's opportunity page
(/opportunities/<id>/, `marketplace.views.vendor_side`); these views only act. Each looks its
object up among what the user's vendor sees (404 otherwise, so vendors not approved and people
outside a vendor find nothing), calls the service the API calls, shows the service's refusal as
a message and redirects (POST/redirect/GET). Input to fix renders the page again with the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from config.errors import Conflict
from marketplace.selectors import request_list_visible
from marketplace.views.vendor_side import opportunity_or_404, opportunity_page

from .. import services
from ..forms.vendor import DeclineForm, ProposalForm, QuestionForm
from ..policies import acting_vendor
from ..selectors import bid_invitation_list_visible, proposal_list_visible

# What the services refuse for a state or a role, shown to the person as the service says it.
# A role that may not act is a 403 (see config/refusals.py); a clash with the state, a message.
REFUSALS = (Conflict,)


def _own_or_404(user, rows, pk: int):
    """Row `pk` of the user's own vendor, on a request the vendor still sees: a company's
    members, staff and vendors not approved get 404. (`rows` is scoped to the user's side.)"""
    if acting_vendor(user=user) is None:
        raise Http404
    return get_object_or_404(rows.filter(request__in=request_list_visible(user=user)), pk=pk)


def _to_opportunity(pk: int):
    return redirect("marketplace:opportunity-detail", pk=pk)


@login_required
@require_POST
def bid_invitation_accept(request, pk: int):
    invitation = _own_or_404(request.user, bid_invitation_list_visible(user=request.user), pk)
    try:
        services.bid_invitation_accept(actor=request.user, bid_invitation=invitation)
    except REFUSALS as error:
        messages.error(request, str(error))
        return redirect("marketplace:vendor-dashboard")
    messages.success(
        request,
        _(
            "You accepted the invitation to “%(title)s”. Ask your questions and send your "
            "proposal before the deadline."
        )
        % {"title": invitation.request.title},
    )
    return _to_opportunity(invitation.request_id)


@login_required
@require_http_methods(["GET", "POST"])
def bid_invitation_decline(request, pk: int):
    """The form to decline, with an optional reason the company reads."""
    invitation = _own_or_404(request.user, bid_invitation_list_visible(user=request.user), pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST":
        try:
            declined = form.save_with(
                services.bid_invitation_decline, actor=request.user, bid_invitation=invitation
            )
        except REFUSALS as error:
            messages.error(request, str(error))
            return redirect("marketplace:vendor-dashboard")
        if declined is not None:
            messages.success(
                request,
                _("You declined the invitation to “%(title)s”. The company has been told.")
                % {"title": invitation.request.title},
            )
            return redirect("marketplace:vendor-dashboard")
    context = {"invitation": invitation, "form": form}
    return render(request, "tenders/vendor/decline.html", context)


@login_required
@require_POST
def question_ask(request, pk: int):
    vendor, outsourcing_request = opportunity_or_404(request.user, pk)
    form = QuestionForm(request.POST)
    try:
        question = form.save_with(
            services.question_ask, actor=request.user, outsourcing_request=outsourcing_request
        )
    except REFUSALS as error:
        messages.error(request, str(error))
        return _to_opportunity(pk)
    if question is None:
        messages.error(request, _("Your question was not sent: correct it below."))
        return opportunity_page(request, outsourcing_request, vendor=vendor, question_form=form)
    messages.success(
        request,
        _(
            "Your question was sent. Its answer will appear here for every vendor taking part, "
            "without your name."
        ),
    )
    return _to_opportunity(pk)


@login_required
@require_POST
def proposal_submit(request, pk: int):
    vendor, outsourcing_request = opportunity_or_404(request.user, pk)
    form = ProposalForm(request.POST, outsourcing_request=outsourcing_request)
    try:
        proposal = form.save_with(
            services.proposal_submit, actor=request.user, outsourcing_request=outsourcing_request
        )
    except REFUSALS as error:
        messages.error(request, str(error))
        return _to_opportunity(pk)
    if proposal is None:
        # The errors sit by the fields, far down the page: say so where the page starts.
        messages.error(request, _("Your proposal was not sent: correct the fields marked below."))
        return opportunity_page(request, outsourcing_request, vendor=vendor, proposal_form=form)
    messages.success(
        request,
        _(
            "Your proposal was sent to %(company)s. You can withdraw it and send another until "
            "proposals are due."
        )
        % {"company": outsourcing_request.company.name},
    )
    return _to_opportunity(pk)


@login_required
@require_POST
def proposal_withdraw(request, pk: int):
    proposal = _own_or_404(request.user, proposal_list_visible(user=request.user), pk)
    try:
        services.proposal_withdraw(actor=request.user, proposal=proposal)
    except REFUSALS as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your proposal was withdrawn. You can send a new one until proposals are due."),
        )
    return _to_opportunity(proposal.request_id)
