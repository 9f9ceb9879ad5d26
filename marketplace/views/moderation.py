"""Staff: the moderation queue. Pending vendors, oldest first, each approved or suspended with a
reason, and what each one's listing still lacks (approving an incomplete listing is refused);
and the suspended vendors, with their reason, to reinstate.

Only staff find these pages (others get a 404, as for any page that is not theirs). Approving and
suspending go through the same services as the API and the admin, so the rules live there: a
suspension needs a reason, an approval a complete listing, and a vendor already in the
asked-for status is a conflict.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.errors import Conflict
from config.policies import policy_required

from ..models import PendingVendor, Vendor, VendorExpertise
from ..policies import can_moderate_vendors
from ..selectors import vendor_listing_gaps
from ..services import vendors as services

# The queue page lists the most recently suspended vendors, no more: the admin has them all.
SUSPENDED_SHOWN = 20


def _with_listing(vendors):
    return vendors.prefetch_related(
        Prefetch("expertise", queryset=VendorExpertise.objects.select_related("sector")), "skills"
    )


@login_required
@require_safe
@policy_required(can_moderate_vendors)
def moderation_queue(request):
    suspended = Vendor.objects.filter(status=Vendor.Status.SUSPENDED).select_related(
        "status_changed_by"
    )
    context = {
        # Each with what its listing lacks: approving an incomplete one is refused.
        "pending": [
            (vendor, vendor_listing_gaps(vendor=vendor))
            for vendor in _with_listing(PendingVendor.objects.all())
        ],
        "suspended": suspended.order_by("-status_changed_at", "-id")[:SUSPENDED_SHOWN],
    }
    return render(request, "marketplace/moderation/queue.html", context)


def _moderate(request, pk: int, action, success: str, **kwargs):
    vendor = get_object_or_404(Vendor, pk=pk)
    try:
        action(vendor=vendor, actor=request.user, **kwargs)
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success % {"name": vendor.name})
    return redirect("marketplace:moderation")


@login_required
@require_POST
@policy_required(can_moderate_vendors)
def moderation_approve(request, pk: int):
    return _moderate(request, pk, services.vendor_approve, _("%(name)s is approved."))


@login_required
@require_POST
@policy_required(can_moderate_vendors)
def moderation_suspend(request, pk: int):
    return _moderate(
        request,
        pk,
        services.vendor_suspend,
        _("%(name)s is suspended."),
        reason=request.POST.get("reason", ""),
    )
