"""Celery tasks: thin wrappers that take ids and call the organisation services."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import translation

from companies.services import invitation_mail_send


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_invitation_mail(*, invitation_id: int, base_url: str, language: str) -> bool:
    """Email an invitation's link, in the inviter's language. A mail server that is down or
    refuses the message is retried with backoff over about two hours."""
    with translation.override(language):
        return invitation_mail_send(invitation_id=invitation_id, base_url=base_url) is not None
