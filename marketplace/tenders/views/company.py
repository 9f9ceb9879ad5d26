"""Tender pages: the company side of a request — who is invited and how they answered, the
questions with answer forms, the proposals side by side with the award, and the cancellation.

Every page looks the request up in `request_list_managed` (the company's members, and staff),
so anyone else gets 404. Whether an action may happen (owners award and cancel, nothing after
the deadline…) is the services' call; their refusals show as messages or on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.refusals import attempt, save_form
from marketplace.models import OutsourcingRequest
from marketplace.selectors import request_list_managed, vendor_list_visible
from marketplace.services.matching.reasons import ReasonNames, reason_text

from .. import services
from ..forms.company import AnswerForm, AwardForm, ReasonForm
from ..models import Proposal, Question
from ..policies import can_award_request
from ..selectors import (
    bid_invitation_list_visible,
    proposal_comparison,
    proposal_list_managed,
    question_list_answerable,
    question_list_visible,
    tender_summary,
)


def _managed_or_404(request, pk: int) -> OutsourcingRequest:
    return get_object_or_404(request_list_managed(user=request.user), pk=pk)


def _tab(request, outsourcing_request: OutsourcingRequest, tab: str, **context) -> dict:
    """What every tab of a request's tender pages shows above its own part."""
    return {
        "object": outsourcing_request,
        "tender": tender_summary(outsourcing_request=outsourcing_request),
        "tab": tab,
        **context,
    }


def _back(request, default: str) -> str:
    """Where the form came from (`next`, on this site only), else `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Bid invitations ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_bid_invitations(request, pk: int):
    """GET: the vendors invited and how they answered. POST `vendor`: invite one more, from the
    matches or from the vendor's profile (`next` says which, to go back there)."""
    outsourcing_request = _managed_or_404(request, pk)
    if request.method == "POST":
        vendor_id = request.POST.get("vendor", "")
        if not vendor_id.isdigit():
            raise Http404
        vendor = get_object_or_404(vendor_list_visible(user=request.user), pk=vendor_id)
        invited, _invitation = attempt(
            request,
            lambda: services.bid_invitation_create(
                actor=request.user, outsourcing_request=outsourcing_request, vendor=vendor
            ),
        )
        if invited:
            messages.success(
                request, _("%(vendor)s is invited to propose.") % {"vendor": vendor.name}
            )
        default = reverse("tenders:request-bid-invitations", args=[outsourcing_request.pk])
        return redirect(_back(request, default))
    invitations = (
        bid_invitation_list_visible(user=request.user)
        .filter(request=outsourcing_request)
        .select_related("invited_by")
    )
    context = _tab(request, outsourcing_request, "bid-invitations", invitations=invitations)
    return render(request, "tenders/company/bid_invitations.html", context)


@login_required
@require_POST
def request_bid_invitations_top(request, pk: int):
    """Invite the N best-ranked vendors not invited yet, from the matches."""
    outsourcing_request = _managed_or_404(request, pk)
    count = request.POST.get("count", "")
    invited, invitations = attempt(
        request,
        lambda: services.bid_invitation_create_top(
            actor=request.user,
            outsourcing_request=outsourcing_request,
            # The service says what counts; a number it cannot read is simply not one of them.
            count=int(count) if count.strip().isdigit() else None,
        ),
    )
    if invited and invitations:
        names = ", ".join(invitation.vendor.name for invitation in invitations)
        messages.success(
            request,
            ngettext(
                "%(count)d vendor is invited to propose: %(vendors)s.",
                "%(count)d vendors are invited to propose: %(vendors)s.",
                len(invitations),
            )
            % {"count": len(invitations), "vendors": names},
        )
    elif invited:
        messages.info(
            request,
            _("Every ranked vendor that still meets the requirements is invited already."),
        )
    url = reverse("marketplace:request-detail", args=[outsourcing_request.pk])
    return redirect(f"{url}#matches")


# Questions -------------------------------------------------------------------------------------


@login_required
@require_safe
def request_questions(request, pk: int):
    """Every question with the vendor that asked it; the open ones with an answer form."""
    outsourcing_request = _managed_or_404(request, pk)
    questions = list(
        question_list_visible(user=request.user, outsourcing_request=outsourcing_request)
    )
    waiting = [question for question in questions if not question.is_answered]
    if outsourcing_request.is_published:
        for question in waiting:
            question.answer_form = AnswerForm(auto_id=f"id_question_{question.pk}_%s")
    context = _tab(
        request,
        outsourcing_request,
        "questions",
        waiting=waiting,
        answered=[question for question in questions if question.is_answered],
    )
    return render(request, "tenders/company/questions.html", context)


@login_required
@require_POST
def question_answer(request, pk: int):
    question: Question = get_object_or_404(question_list_answerable(user=request.user), pk=pk)
    answered, _question = attempt(
        request,
        lambda: services.question_answer(
            actor=request.user, question=question, text=request.POST.get("text", "")
        ),
    )
    if answered:
        messages.success(request, _("The answer is sent to every vendor taking part."))
    url = reverse("tenders:request-questions", args=[question.request_id])
    return redirect(f"{url}#question-{question.pk}")


# Proposals and the award ----------------------------------------------------------------------


def _proposals_context(request, outsourcing_request: OutsourcingRequest, award_form=None):
    proposals = proposal_list_managed(user=request.user).filter(request=outsourcing_request)
    compared = list(proposals.not_withdrawn().order_by("created_at"))
    names = ReasonNames()
    rows = []
    for row in proposal_comparison(outsourcing_request=outsourcing_request, proposals=compared):
        rows.append(
            {
                "comparison": row,
                "met": [reason_text(r, names) for r in row.match_reasons if r["met"]],
                "unmet": [reason_text(r, names) for r in row.match_reasons if not r["met"]],
            }
        )
    can_award = can_award_request(user=request.user, outsourcing_request=outsourcing_request)
    live = proposals.filter(status__in=Proposal.LIVE).order_by("created_at")
    if award_form is None and can_award and outsourcing_request.is_published:
        award_form = AwardForm(proposals=live)
    return _tab(
        request,
        outsourcing_request,
        "proposals",
        rows=rows,
        withdrawn=proposals.filter(status=Proposal.Status.WITHDRAWN).order_by("withdrawn_at"),
        can_award=can_award,
        award_form=award_form,
    )


@login_required
@require_safe
def request_proposals(request, pk: int):
    """The proposals side by side: prices in the request's currency and in CAD, duration, team,
    match score and reasons, rating, answer time; shortlist buttons and the award form."""
    outsourcing_request = _managed_or_404(request, pk)
    context = _proposals_context(request, outsourcing_request)
    return render(request, "tenders/company/proposals.html", context)


@login_required
@require_POST
def proposal_shortlist(request, pk: int):
    proposal: Proposal = get_object_or_404(proposal_list_managed(user=request.user), pk=pk)
    shortlisted, _proposal = attempt(
        request, lambda: services.proposal_shortlist(actor=request.user, proposal=proposal)
    )
    if shortlisted:
        messages.success(
            request,
            _("The proposal of %(vendor)s is shortlisted; the vendor is told.")
            % {"vendor": proposal.vendor.name},
        )
    url = reverse("tenders:request-proposals", args=[proposal.request_id])
    return redirect(f"{url}#proposal-{proposal.pk}")


@login_required
@require_POST
def request_award(request, pk: int):
    """Award one live proposal with a reason (owners); the engagement page follows."""
    outsourcing_request = _managed_or_404(request, pk)
    live = proposal_list_managed(user=request.user).filter(
        request=outsourcing_request, status__in=Proposal.LIVE
    )
    form = AwardForm(request.POST, proposals=live)
    awarded, engagement = save_form(
        request,
        form,
        lambda data: services.request_award(
            actor=request.user,
            outsourcing_request=outsourcing_request,
            proposal=data["proposal"],
            reason=data["reason"],
        ),
    )
    if awarded:
        messages.success(
            request,
            _(
                "The request is awarded to %(vendor)s. Every other vendor that took part is told "
                "your reason."
            )
            % {"vendor": engagement.vendor.name},
        )
        return redirect("tenders:engagement-detail", pk=engagement.pk)
    context = _proposals_context(request, outsourcing_request, award_form=form)
    return render(request, "tenders/company/proposals.html", context)


# Cancelling -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_cancel(request, pk: int):
    """Cancel the request with a reason (owners): every vendor invited or proposing reads it."""
    outsourcing_request = _managed_or_404(request, pk)
    form = ReasonForm(
        request.POST or None,
        help_text=_("Every vendor invited to the request or that proposed reads it."),
    )
    if request.method == "POST":
        cancelled, _request = save_form(
            request,
            form,
            lambda data: services.request_cancel(
                actor=request.user, outsourcing_request=outsourcing_request, reason=data["reason"]
            ),
        )
        if cancelled:
            messages.success(
                request, _("The request is cancelled. Every vendor that took part is told why.")
            )
            return redirect("marketplace:request-detail", pk=outsourcing_request.pk)
    context = _tab(
        request,
        outsourcing_request,
        "cancel",
        form=form,
        cancellable=outsourcing_request.can_become(OutsourcingRequest.Status.CANCELLED),
    )
    return render(request, "tenders/company/cancel.html", context)
