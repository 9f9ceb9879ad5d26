"""What the accounts app does when Django's auth signals fire."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils import translation
from rest_framework.request import Request

from .services import user_language_set


@receiver(user_logged_out)
def api_tokens_revoke_on_logout(sender, request, user, **kwargs):
    """Logging out of the site (or the admin) signs the person out of the API too: someone
    leaving a shared computer means to leave nothing behind that still opens their account.

    The API's own logout (knox, a DRF request) revokes only the token it was sent with.
    """
    if user is not None and not isinstance(request, Request):
        user.api_tokens_revoke()


@receiver(user_logged_in)
def language_remember_on_login(sender, request, user, **kwargs):
    """The language someone logs in with is the one their emails are written in, until they
    choose one on the notification preferences page (an API token login has no page language
    of its own and leaves it as it is)."""
    if user.language or isinstance(request, Request):
        return
    language = translation.get_language()
    if language in dict(settings.LANGUAGES):
        user_language_set(user=user, language=language)
