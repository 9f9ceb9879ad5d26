"""Onboarding pages: after signing up, found a company (or a vendor, whose page is
`marketplace.views.onboarding_vendor`), or join one by invitation; and the team page where
owners invite people.

Signing up, logging in and out and passwords are django-allauth's pages with Norte's templates
(accounts_urls.py).
Views stay thin: who may found an organisation, and what makes one valid, is decided by
`company_create` / `vendor_create`, the same services the API calls.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.errors import Conflict
from config.throttling import InvitationThrottle, throttle

from .forms import CompanyForm, InvitationForm
from .policies import can_manage_organisation, membership_of
from .selectors import (
    invitation_by_token,
    invitation_list_pending,
    invitation_list_revocable,
    membership_list_own,
    membership_list_team,
)
from .services import (
    company_create,
    invitation_accept,
    invitation_check,
    invitation_check_joiner,
    invitation_create,
    invitation_revoke,
)


def only_before_onboarding(view):
    """For the onboarding pages: a user who needs no onboarding is sent on instead.

    A person belongs to one organisation, so a member goes to their organisation's starting
    page; staff create organisations for others in the admin (founding one here would leave it
    without an owner), so they go there. Put it under `login_required`.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_staff:
            return redirect("admin:index")
        membership = membership_of(user=request.user)
        if membership is not None:
            return _organisation_home(membership)
        return view(request, *args, **kwargs)

    return wrapper


def _organisation_home(membership):
    """A member's starting page: the vendor's desk, or the company's requests."""
    if membership.vendor_id is not None:
        return redirect("marketplace:vendor-dashboard")
    return redirect("marketplace:request-list")


@require_safe
@login_required
@only_before_onboarding
def onboarding(request):
    return render(request, "companies/onboarding.html")


@require_http_methods(["GET", "POST"])
@login_required
@only_before_onboarding
def onboarding_company(request):
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and (company := form.save_with(company_create, actor=request.user)):
        messages.success(request, _("%(company)s is on Norte.") % {"company": company})
        return redirect("marketplace:request-list")
    return render(request, "companies/onboarding_company.html", {"form": form})


def _team_page(request, organisation, form, *, status=200):
    context = {
        "organisation": organisation,
        "members": membership_list_team(user=request.user),
        "invitations": invitation_list_pending(user=request.user, organisation=organisation),
        "form": form,
        "now": timezone.now(),
    }
    return render(request, "companies/team.html", context, status=status)


@require_safe
@login_required
def team(request):
    """Who is in the user's organisation and who is invited; owners invite and revoke here.
    Staff and people outside any organisation have no team (404)."""
    organisation = get_object_or_404(membership_list_own(user=request.user)).organisation
    return _team_page(request, organisation, InvitationForm())


@require_POST
@login_required
@throttle(InvitationThrottle)
def team_invite(request):
    organisation = get_object_or_404(membership_list_own(user=request.user)).organisation
    # Refuse before validating, so a member learns nothing from the form's errors.
    if not can_manage_organisation(user=request.user, organisation=organisation):
        raise PermissionDenied(_("Only the organisation's owners and Norte staff invite people."))
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                actor=request.user,
                organisation=organisation,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except Conflict as error:
            form.add_error("email", str(error))
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("companies:team")
    return _team_page(request, organisation, form, status=400)


@require_POST
@login_required
def team_revoke(request, pk: int):
    # Staff have no team page: they withdraw invitations in the admin or through the API.
    get_object_or_404(membership_list_own(user=request.user))
    invitation = get_object_or_404(invitation_list_revocable(user=request.user), pk=pk)
    invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("companies:team")


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The page an invitation's link opens: who invites you where, and a button to accept.

    Anonymous visitors are offered to sign up or log in and come back here. A used, withdrawn
    or expired link answers 410 Gone with the reason; an unknown one 404; a person who may not
    join sees why (403 for staff, 409 for someone already in an organisation).
    """
    invitation = invitation_by_token(token)
    if invitation is None:
        raise Http404
    context = {"invitation": invitation}
    try:
        invitation_check(invitation)
    except Conflict as error:
        return _invitation_page(request, context, refusal=error, status=410)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return _invitation_page(request, context)
    try:
        invitation_check_joiner(request.user)
    except PermissionDenied as error:
        return _invitation_page(request, context, refusal=error, status=403)
    except Conflict as error:
        return _invitation_page(request, context, refusal=error, status=409)
    if request.method == "GET":
        return _invitation_page(request, context)
    membership = invitation_accept(token=token, user=request.user)
    messages.success(
        request, _("You joined %(organisation)s") % {"organisation": membership.organisation}
    )
    return _organisation_home(membership)


def _invitation_page(request, context, *, refusal=None, status=200):
    context = {**context, "refusal": refusal}
    return render(request, "companies/invitation.html", context, status=status)
