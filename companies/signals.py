"""What the accounts app does when Django's auth signals fire."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver


@receiver(user_logged_out)
def api_tokens_revoke_on_logout(sender, request, user, **kwargs):
    """Logging out of the site (or the admin) signs the person out of the API too: someone
    leaving a shared computer means to leave nothing behind that still opens their account."""
    if user is not None:
        user.api_tokens_revoke()
