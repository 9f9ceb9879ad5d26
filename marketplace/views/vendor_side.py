"""The vendor side: founding a vendor, a vendor's own desk (status and why, its listing, its bid
invitations, proposals and engagements, the published requests in its sectors), the profile and
expertise editor (which offers the skills its descriptions mention), and a request as a vendor reads it — with its tender: deadlines, Q&A, the
vendor's proposal or the form, and the outcome.

Every page but the first starts from the user's own vendor (`vendor_list_own`): people outside a
vendor get 404, and the requests come from `request_list_for_vendor` / `request_list_visible`,
so a vendor that is not approved sees none. Saving goes through `vendor_create` /
`vendor_update`, the services the API calls.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from companies.views import only_before_onboarding
from config.throttling import SuggestionsThrottle, throttle

from ..forms import ExpertiseFormSet, VendorForm, VendorProfileForm, VendorSkillsReadingForm
from ..matching.weights import STRONG_MATCH_SCORE
from ..models import OutsourcingRequest, Vendor
from ..policies import can_edit_vendor
from ..selectors import (
    match_result_of_vendor,
    reader_money,
    request_list_for_vendor,
    request_list_visible,
    sector_ranked_as,
    vendor_list_own,
    vendor_skill_suggestions,
)
from ..services.matching.reasons import ReasonNames, match_result_explain
from ..services.vendors import vendor_create, vendor_update
from ..tenders.forms.vendor import ProposalForm, QuestionForm
from ..tenders.models import BidInvitation, Engagement
from ..tenders.policies import can_withdraw_proposal
from ..tenders.selectors import (
    bid_invitation_list_visible,
    company_responsiveness,
    engagement_list_visible,
    proposal_list_visible,
    question_list_visible,
    vendor_may_take_part,
    vendor_unmet_requirements,
)
from .directory import _with_listing


@require_http_methods(["GET", "POST"])
@login_required
@only_before_onboarding
def onboarding_vendor(request):
    """A person without an organisation lists their vendor, of which they become the owner."""
    form = VendorForm(request.POST or None)
    if request.method == "POST" and (vendor := form.save_with(vendor_create, actor=request.user)):
        messages.info(
            request,
            _(
                "%(vendor)s was created with the status “%(status)s”: Norte staff review every "
                "vendor before it appears in the directory and in matches."
            )
            % {"vendor": vendor, "status": vendor.get_status_display()},
        )
        return redirect("marketplace:vendor-dashboard")
    return render(request, "marketplace/vendor_side/onboarding.html", {"form": form})


@login_required
@require_safe
def vendor_dashboard(request):
    """The desk: the vendor's status, its listing, its bid invitations (pending first), its
    proposals with their outcome, its active engagements, and the requests in its sectors."""
    vendor = get_object_or_404(_with_listing(vendor_list_own(user=request.user)))
    invitations = bid_invitation_list_visible(user=request.user).order_by(
        # Those still awaiting an answer first; within each group, the newest first.
        Case(When(status=BidInvitation.Status.PENDING, then=0), default=1),
        "-created_at",
        "-id",
    )
    context = {
        "vendor": vendor,
        "opportunities": request_list_for_vendor(user=request.user),
        "invitations": invitations,
        "proposals": proposal_list_visible(user=request.user),
        "engagements": engagement_list_visible(user=request.user).filter(
            status=Engagement.Status.ACTIVE
        ),
        # Budgets also in Canadian dollars (templates/marketplace/requests/_budget.html).
        "reader_money": reader_money(user=request.user, on=timezone.localdate()),
    }
    return render(request, "marketplace/vendor_side/dashboard.html", context)


def _vendor_to_edit(user) -> Vendor:
    """The user's own vendor, if they may edit it: 404 outside a vendor, 403 for its members
    who are not owners."""
    vendor = get_object_or_404(vendor_list_own(user=user))
    if not can_edit_vendor(user=user, vendor=vendor):
        raise PermissionDenied(_("Only the vendor's owners can edit it."))
    return vendor


@login_required
@require_http_methods(["GET", "POST"])
def vendor_edit(request):
    vendor = _vendor_to_edit(request.user)
    if request.method == "POST":
        form = VendorProfileForm(request.POST, instance=vendor)
        formset = ExpertiseFormSet(request.POST, prefix="expertise")
        if _save(request, vendor, form, formset):
            messages.success(request, _("Your listing was saved."))
            return redirect("marketplace:vendor-dashboard")
        suggestions = VendorSkillsReadingForm(request.POST).suggestions()
    else:
        form = VendorProfileForm(instance=vendor)
        formset = ExpertiseFormSet(prefix="expertise", initial=ExpertiseFormSet.initial_for(vendor))
        suggestions = vendor_skill_suggestions(vendor=vendor)
    context = {"vendor": vendor, "form": form, "formset": formset, "suggestions": suggestions}
    return render(request, "marketplace/vendor_side/edit.html", context)


@login_required
@require_POST
@throttle(SuggestionsThrottle)
def vendor_edit_suggestions(request):
    """The skills the descriptions being typed on the edit page mention and the vendor has not
    ticked, for htmx to swap in beside the descriptions. Nothing is ticked here: the vendor
    adds each with its button."""
    _vendor_to_edit(request.user)
    suggestions = VendorSkillsReadingForm(request.POST).suggestions()
    context = {"suggestions": suggestions}
    return render(request, "marketplace/vendor_side/_skill_suggestions.html", context)


def _save(request, vendor: Vendor, form, formset) -> bool:
    """Save the profile and its expertise together through `vendor_update`, or neither."""
    if not (form.is_valid() and formset.is_valid()):
        return False
    data = {**form.cleaned_data, "expertise": formset.rows()}
    try:
        # The form validated (and so changed) its own copy of the vendor; the service compares
        # the stored row with `data` to save what changed.
        vendor_update(vendor=Vendor.objects.get(pk=vendor.pk), actor=request.user, data=data)
    except ValidationError as error:
        form.add_service_error(error)
        return False
    return True


def opportunity_or_404(user, pk: int) -> tuple[Vendor, OutsourcingRequest]:
    """The user's vendor and request `pk` as that vendor sees it: published, or closed after it
    took part. Drafts, other people's requests and vendors not approved: 404."""
    vendor = get_object_or_404(vendor_list_own(user=user))
    requests = request_list_visible(user=user).exclude(status=OutsourcingRequest.Status.DRAFT)
    outsourcing_request = get_object_or_404(
        requests.prefetch_related("skills", "required_certifications"), pk=pk
    )
    return vendor, outsourcing_request


@login_required
@require_safe
def opportunity_detail(request, pk: int):
    vendor, outsourcing_request = opportunity_or_404(request.user, pk)
    return opportunity_page(request, outsourcing_request, vendor=vendor)


def opportunity_page(
    request,
    outsourcing_request: OutsourcingRequest,
    *,
    vendor: Vendor,
    proposal_form: ProposalForm | None = None,
    question_form: QuestionForm | None = None,
):
    """A request as a vendor's member reads it: what the listing covers, the deadlines, the Q&A,
    the vendor's proposal (or the form), the outcome, and how the company keeps its side.

    The tender's pages (`marketplace.tenders.views.vendor`) render it again with their bound
    form when what was typed needs fixing.
    """
    user = request.user
    now = timezone.now()
    skills = set(vendor.skills.values_list("pk", flat=True))
    certifications = set(vendor.certifications.values_list("pk", flat=True))
    proposals = list(proposal_list_visible(user=user).filter(request=outsourcing_request))
    current = next((proposal for proposal in proposals if not proposal.is_withdrawn), None)
    taking_part = vendor_may_take_part(vendor=vendor, outsourcing_request=outsourcing_request)
    accepts_proposals = outsourcing_request.accepts_proposals(now=now)
    accepts_questions = outsourcing_request.accepts_questions(now=now)
    may_propose = taking_part and accepts_proposals and current is None
    may_ask = taking_part and accepts_questions
    shown_run, own_result = match_result_of_vendor(
        vendor=vendor, outsourcing_request=outsourcing_request
    )
    context = {
        "object": outsourcing_request,
        "vendor": vendor,
        "skills": [(skill, skill.pk in skills) for skill in outsourcing_request.skills.all()],
        "certifications": [
            (certification, certification.pk in certifications)
            for certification in outsourcing_request.required_certifications.all()
        ],
        "languages_shared": sorted(set(vendor.languages) & set(outsourcing_request.languages)),
        # The vendor's own score and reasons, as the company reads them; never its rank or
        # anyone else's.
        "own_result": None
        if own_result is None
        else match_result_explain(own_result, ReasonNames()),
        "ranked_yet": shown_run is not None,
        "ranked_as": sector_ranked_as(run=shown_run, outsourcing_request=outsourcing_request),
        "strong_score": STRONG_MATCH_SCORE,
        "invitation": bid_invitation_list_visible(user=user)
        .filter(request=outsourcing_request)
        .first(),
        "unmet": vendor_unmet_requirements(vendor=vendor, outsourcing_request=outsourcing_request),
        "accepts_proposals": accepts_proposals,
        "accepts_questions": accepts_questions,
        "questions": question_list_visible(user=user, outsourcing_request=outsourcing_request),
        "question_form": (question_form or QuestionForm()) if may_ask else None,
        "proposal": current,
        "withdrawn": [proposal for proposal in proposals if proposal.is_withdrawn],
        "can_withdraw": current is not None
        and current.is_live
        and accepts_proposals
        and can_withdraw_proposal(user=user, proposal=current),
        "proposal_form": (proposal_form or ProposalForm(outsourcing_request=outsourcing_request))
        if may_propose
        else None,
        "responsiveness": company_responsiveness(company=outsourcing_request.company),
        "reader_money": reader_money(user=user, on=timezone.localdate(now)),
    }
    return render(request, "marketplace/vendor_side/opportunity.html", context)
