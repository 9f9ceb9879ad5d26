"""Tender pages: engagements, for both parties — the company marks the work completed or
cancels it (owners) and reviews it once completed; the vendor reads it and replies once to the
review.

Engagements are looked up in `engagement_list_visible` (the two parties and staff; anyone else
gets 404), reviews in `review_list_visible` (public, like the profile that shows them). The
services decide the rest: who may not act gets 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from companies.policies import membership_of
from config.refusals import attempt, save_form

from .. import services
from ..forms.company import ReasonForm, ReplyForm, ReviewForm
from ..models import Engagement, Review
from ..policies import (
    can_act_for_vendor,
    can_reply_to_review,
    can_review_engagement,
)
from ..selectors import engagement_list_visible, review_list_visible


def _engagement_or_404(request, pk: int) -> Engagement:
    engagements = engagement_list_visible(user=request.user).select_related("request", "awarded_by")
    return get_object_or_404(engagements, pk=pk)


@login_required
@require_safe
def engagement_list(request):
    """The engagements of the user's company or vendor (staff: all)."""
    if not request.user.is_staff and membership_of(user=request.user) is None:
        raise Http404
    engagements = engagement_list_visible(user=request.user)
    return render(request, "tenders/engagements/list.html", {"engagements": engagements})


def _detail_context(request, engagement: Engagement, **forms) -> dict:
    user = request.user
    review = Review.objects.filter(engagement=engagement).first()
    can_review = can_review_engagement(user=user, engagement=engagement)
    can_reply = review is not None and can_reply_to_review(user=user, review=review)
    context = {
        "engagement": engagement,
        "review": review,
        "is_vendor_side": can_act_for_vendor(user=user, vendor=engagement.vendor),
        "can_review": can_review,
        "review_form": None,
        "reply_form": None,
    }
    if can_review and engagement.is_completed and review is None:
        context["review_form"] = forms.get("review_form") or ReviewForm()
    if can_reply and not review.has_reply:
        context["reply_form"] = forms.get("reply_form") or ReplyForm()
    return context


@login_required
@require_safe
def engagement_detail(request, pk: int):
    engagement = _engagement_or_404(request, pk)
    return render(request, "tenders/engagements/detail.html", _detail_context(request, engagement))


@login_required
@require_POST
def engagement_complete(request, pk: int):
    engagement = _engagement_or_404(request, pk)
    completed, _engagement = attempt(
        request, lambda: services.engagement_complete(actor=request.user, engagement=engagement)
    )
    if completed:
        messages.success(
            request, _("The engagement is marked completed. You can now review the vendor.")
        )
    return redirect("tenders:engagement-detail", pk=engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_cancel(request, pk: int):
    """End the work early with a reason (the company's owners); the vendor reads it."""
    engagement = _engagement_or_404(request, pk)
    form = ReasonForm(request.POST or None, help_text=_("The vendor reads it."))
    if request.method == "POST":
        cancelled, _engagement = save_form(
            request,
            form,
            lambda data: services.engagement_cancel(
                actor=request.user, engagement=engagement, reason=data["reason"]
            ),
        )
        if cancelled:
            messages.success(request, _("The engagement is cancelled; the vendor is told why."))
            return redirect("tenders:engagement-detail", pk=engagement.pk)
    context = {"engagement": engagement, "form": form}
    return render(request, "tenders/engagements/cancel.html", context)


@login_required
@require_POST
def engagement_review(request, pk: int):
    engagement = _engagement_or_404(request, pk)
    form = ReviewForm(request.POST)
    reviewed, _review = save_form(
        request,
        form,
        lambda data: services.review_create(
            actor=request.user, engagement=engagement, rating=data["rating"], text=data["text"]
        ),
    )
    if reviewed:
        messages.success(request, _("Your review is published on the vendor's profile."))
        return redirect("tenders:engagement-detail", pk=engagement.pk)
    context = _detail_context(request, engagement, review_form=form)
    return render(request, "tenders/engagements/detail.html", context)


@login_required
@require_POST
def review_reply(request, pk: int):
    # Reviews are public: anyone who may not reply is refused by the service (403).
    review: Review = get_object_or_404(review_list_visible(user=request.user), pk=pk)
    form = ReplyForm(request.POST)
    replied, _review = save_form(
        request,
        form,
        lambda data: services.review_reply(actor=request.user, review=review, text=data["text"]),
    )
    if replied:
        messages.success(request, _("Your reply is published under the review."))
        return redirect("tenders:engagement-detail", pk=review.engagement_id)
    engagement = _engagement_or_404(request, review.engagement_id)
    context = _detail_context(request, engagement, reply_form=form)
    return render(request, "tenders/engagements/detail.html", context)
