"""What the accounts app does when Django's auth signals fire."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from rest_framework.request import Request


@receiver(user_logged_out)
def api_tokens_revoke_on_logout(sender, request, user, **kwargs):
    """Logging out of the site (or the admin) signs the person out of the API too: someone
    leaving a shared computer means to leave nothing behind that still opens their account.

    The API's own logout (knox, a DRF request) revokes only the token it was sent with.
    """
    if user is not None and not isinstance(request, Request):
        user.api_tokens_revoke()
