"""Accounts and onboarding pages: sign up, then found a company or a vendor.

Log in, log out and password reset are Django's own views with Norte's templates (see urls.py).
Views stay thin: who may found an organisation, and what makes one valid, is decided by
`company_create` / `vendor_create`, the same services the API calls.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from marketplace.services.vendors import vendor_create

from .forms import CompanyForm, SignUpForm, VendorForm
from .selectors import membership_of
from .services import company_create


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("companies:onboarding")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        messages.success(request, _("Welcome to Norte, %(username)s.") % {"username": user})
        return redirect("companies:onboarding")
    return render(request, "registration/signup.html", {"form": form})


def _already_onboarded(request):
    """Where to send a user who needs no onboarding, or None if they do.

    A person belongs to one organisation; staff create organisations for others in the admin,
    so founding one here would leave it without an owner.
    """
    if request.user.is_staff:
        return redirect("admin:index")
    membership = membership_of(request.user)
    if membership is None:
        return None
    if membership.vendor_id is not None:
        return redirect(membership.vendor)
    return redirect("marketplace:request-list")


@require_safe
@login_required
def onboarding(request):
    return _already_onboarded(request) or render(request, "companies/onboarding.html")


def _found(request, form, create):
    """Validate `form`, call the service `create` and put its refusals on the form's fields."""
    if not form.is_valid():
        return None
    try:
        return create(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
        for field, errors in getattr(error, "error_dict", {}).items():
            form.add_error(field if field in form.fields else None, errors)
        return None


@require_http_methods(["GET", "POST"])
@login_required
def onboarding_company(request):
    if response := _already_onboarded(request):
        return response
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and (company := _found(request, form, company_create)):
        messages.success(request, _("%(company)s is on Norte.") % {"company": company})
        return redirect("marketplace:request-list")
    return render(request, "companies/onboarding_company.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def onboarding_vendor(request):
    if response := _already_onboarded(request):
        return response
    form = VendorForm(request.POST or None)
    if request.method == "POST" and (vendor := _found(request, form, vendor_create)):
        messages.info(
            request,
            _(
                "%(vendor)s was created with the status “%(status)s”: Norte staff review every "
                "vendor before it appears in the directory and in matches."
            )
            % {"vendor": vendor, "status": vendor.get_status_display()},
        )
        return redirect(vendor)
    return render(request, "companies/onboarding_vendor.html", {"form": form})
