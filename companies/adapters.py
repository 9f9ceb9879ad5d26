"""allauth's account adapter: where a person goes after signing up, verifying and logging in.

With mandatory verification, sign-up does not log in. allauth carries the sign-up's `next` to the
confirmation only while its pending log-in lasts (the same browser, within ACCOUNT_LOGIN_TIMEOUT);
after that the confirmation sends the person to the log-in page and the `next` was lost, so a
visitor who clicked "Publish a request" landed on the generic onboarding page. The sign-up's
`next` is therefore also kept in the session and used at the first log-in that names none.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.utils.http import url_has_allowed_host_and_scheme

SIGNUP_NEXT_SESSION_KEY = "norte_signup_next"


def local_next(request) -> str | None:
    """The request's `next` if it stays on this site, else None."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        url = local_next(request)
        if url:
            request.session[SIGNUP_NEXT_SESSION_KEY] = url
        return user

    def get_login_redirect_url(self, request) -> str:
        return request.session.pop(SIGNUP_NEXT_SESSION_KEY, None) or super().get_login_redirect_url(
            request
        )
