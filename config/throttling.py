"""Flood protection: DRF's rate throttles, for the API and, through `throttle`, the web pages.

One mechanism on both faces: the rates are REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (from the
environment, see settings/base.py), the counters live in the default cache (Redis under the real
stack, so every gunicorn worker shares them), and a throttled request answers 429 with
Retry-After — JSON from the API, a translated page from the web.

A throttle counts per signed-in user, or per client address for visitors; the login and
password-reset throttles always count per address, since their callers are not signed in yet.
"""

import hashlib
import ipaddress
import math
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle


class RateThrottle(SimpleRateThrottle):
    """A DRF throttle whose rate is read when it is used.

    DRF copies the rates into `SimpleRateThrottle.THROTTLE_RATES` once, when the module is
    imported, so a change of settings (override_settings in a test) would never reach it.
    """

    def get_ident(self, request):
        return client_address(request)

    @property
    def THROTTLE_RATES(self):
        return api_settings.DEFAULT_THROTTLE_RATES

    def counts(self, request) -> bool:
        """Whether this request is one the throttle limits."""
        return True

    def ident(self, request) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return str(user.pk)
        return self.get_ident(request)

    def get_cache_key(self, request, view):
        if not self.counts(request):
            return None  # DRF's way of letting a request through uncounted
        return self.cache_format % {"scope": self.scope, "ident": self.ident(request)}


class AnonThrottle(RateThrottle):
    """Every API request from a visitor, per client address."""

    scope = "anon"

    def counts(self, request):
        return not request.user.is_authenticated


class UserThrottle(RateThrottle):
    """Every API request from a signed-in user, per user."""

    scope = "user"

    def counts(self, request):
        return request.user.is_authenticated


class LoginThrottle(RateThrottle):
    """Attempts to log in (site, admin) or to get an API token, per client address: trying
    many accounts' passwords from one place. Guessing one account's is axes' lockout."""

    scope = "login"

    def counts(self, request):
        return request.method == "POST"

    def ident(self, request):
        return self.get_ident(request)


class PasswordResetThrottle(RateThrottle):
    """Password-reset requests, per client address: each one can send an email."""

    scope = "password_reset"

    def counts(self, request):
        return request.method == "POST"

    def ident(self, request):
        return self.get_ident(request)


class PasswordResetAddressThrottle(PasswordResetThrottle):
    """Password-reset requests for one email address, whoever sends them, at the same rate:
    the mail goes to that person, who must not be flooded from many places at once."""

    def counts(self, request):
        return super().counts(request) and bool(request.POST.get("email"))

    def ident(self, request):
        # A digest: the address itself has no business in cache keys.
        address = request.POST["email"].strip().lower()
        return "email-" + hashlib.sha256(address.encode()).hexdigest()


class InvitationThrottle(RateThrottle):
    """Invitations created, per user: each one sends an email to an address the owner types."""

    scope = "invitations"

    def counts(self, request):
        return request.method == "POST"


class RematchThrottle(RateThrottle):
    """Asking for a request's vendors to be ranked again: each one is a matching run."""

    scope = "rematch"

    def counts(self, request):
        return request.method == "POST"


class SearchThrottle(RateThrottle):
    """Vendor directory searches with words (`q`): the costly full-text part of a listing."""

    scope = "search"

    def counts(self, request):
        return bool(request.GET.get("q"))


class SuggestionsThrottle(RateThrottle):
    """The forms' suggestions as people type (the request form's sector and skills, a vendor's
    described skills): each pause in typing asks for them, each reads the whole text."""

    scope = "suggestions"


def throttles(*scoped: type[BaseThrottle]) -> list[type[BaseThrottle]]:
    """The default throttles plus `scoped`, for a view's or an action's `throttle_classes`."""
    return [*api_settings.DEFAULT_THROTTLE_CLASSES, *scoped]


def client_address(request) -> str | None:
    """Who is calling, for the throttles and axes' lockout alike: DRF's rule (the connection's
    address, or with `NUM_PROXIES` set the entry of X-Forwarded-For the nearest proxy added).
    What is not an IP address there, the caller wrote: the connection's address counts then,
    and axes could not have stored it anyway."""
    address = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR")


def too_many_requests(request, *, retry_after: float, message: str):
    """The web's 429: a page in the reader's language saying how long to wait."""
    seconds = max(1, math.ceil(retry_after))
    minutes = math.ceil(seconds / 60)
    context = {
        "message": message,
        "wait": ngettext(
            "Try again in %(minutes)d minute.", "Try again in %(minutes)d minutes.", minutes
        )
        % {"minutes": minutes},
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def lockout_wait() -> float:
    """Seconds before axes lets a locked-out username try again from this address: its whole
    cool-off, since every attempt during a lockout starts the cool-off again."""
    return settings.AXES_COOLOFF_TIME.total_seconds()


def lockout_message() -> str:
    return _("Too many failed attempts to log in to this account from your network.")


def locked_out(request, original_response=None, credentials=None):
    """The page for a log-in that axes refused (AXES_LOCKOUT_CALLABLE): the site's and the
    admin's login forms. The API's token endpoint answers the same in JSON (TokenView)."""
    return too_many_requests(request, retry_after=lockout_wait(), message=lockout_message())


def throttle(*throttle_classes: type[RateThrottle]):
    """Throttle a Django view with the API's throttles (same rates, same counters).

    As in DRF's `APIView.check_throttles`, every throttle records the request, and the longest
    wait is the one announced.
    """

    def decorator(view):
        @wraps(view)
        def throttled_view(request, *args, **kwargs):
            waits = []
            for throttle_class in throttle_classes:
                limiter = throttle_class()
                if not limiter.allow_request(request, None):
                    waits.append(limiter.wait() or 0)
            if waits:
                message = _("Too many requests from you in a short time.")
                return too_many_requests(request, retry_after=max(waits), message=message)
            return view(request, *args, **kwargs)

        return throttled_view

    return decorator
