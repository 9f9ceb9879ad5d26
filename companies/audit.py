"""Which models the audit trail (django-auditlog) records; staff read it in the admin."""

from auditlog.registry import auditlog

from .models import Company, Invitation, Membership, User

auditlog.register(Company)
auditlog.register(Membership)
auditlog.register(Invitation, exclude_fields=["token_hash"])
auditlog.register(User, include_fields=["username", "email", "is_staff", "is_active"])
