"""The vendor side: founding a vendor, a vendor's own desk (status and why, its listing, the
published requests in its sectors), the profile and expertise editor, and a published request as
a vendor reads it.

Every page but the first starts from the user's own vendor (`vendor_list_own`): people outside a
vendor get 404, and the requests come from `request_list_for_vendor` / `request_list_visible`,
so a vendor that is not approved sees none. Saving goes through `vendor_create` /
`vendor_update`, the services the API calls.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from companies.views import only_before_onboarding

from ..forms import ExpertiseFormSet, VendorForm, VendorProfileForm
from ..models import OutsourcingRequest, Vendor
from ..policies import can_edit_vendor
from ..selectors import request_list_for_vendor, request_list_visible, vendor_list_own
from ..services.vendors import vendor_create, vendor_update
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
    vendor = get_object_or_404(_with_listing(vendor_list_own(user=request.user)))
    context = {"vendor": vendor, "opportunities": request_list_for_vendor(user=request.user)}
    return render(request, "marketplace/vendor_side/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vendor_edit(request):
    vendor = get_object_or_404(vendor_list_own(user=request.user))
    if not can_edit_vendor(user=request.user, vendor=vendor):
        raise PermissionDenied(_("Only the vendor's owners can edit it."))
    if request.method == "POST":
        form = VendorProfileForm(request.POST, instance=vendor)
        formset = ExpertiseFormSet(request.POST, prefix="expertise")
        if _save(request, vendor, form, formset):
            messages.success(request, _("Your listing was saved."))
            return redirect("marketplace:vendor-dashboard")
    else:
        form = VendorProfileForm(instance=vendor)
        formset = ExpertiseFormSet(prefix="expertise", initial=ExpertiseFormSet.initial_for(vendor))
    context = {"vendor": vendor, "form": form, "formset": formset}
    return render(request, "marketplace/vendor_side/edit.html", context)


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


@login_required
@require_safe
def opportunity_detail(request, pk: int):
    """A published request as a vendor's member reads it, with what their listing covers."""
    vendor = get_object_or_404(vendor_list_own(user=request.user))
    published = request_list_visible(user=request.user).filter(
        status=OutsourcingRequest.Status.PUBLISHED
    )
    outsourcing_request = get_object_or_404(
        published.prefetch_related("skills", "required_certifications"), pk=pk
    )
    skills = set(vendor.skills.values_list("pk", flat=True))
    certifications = set(vendor.certifications.values_list("pk", flat=True))
    context = {
        "object": outsourcing_request,
        "vendor": vendor,
        "skills": [(skill, skill.pk in skills) for skill in outsourcing_request.skills.all()],
        "certifications": [
            (certification, certification.pk in certifications)
            for certification in outsourcing_request.required_certifications.all()
        ],
        "languages_shared": sorted(set(vendor.languages) & set(outsourcing_request.languages)),
    }
    return render(request, "marketplace/vendor_side/opportunity.html", context)
