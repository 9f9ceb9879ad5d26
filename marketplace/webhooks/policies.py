"""Who may do what with webhook endpoints: an organisation's owners manage them (and staff);
its members read them and their deliveries (selectors.py scopes that)."""

from django.utils.translation import gettext_lazy as _

from companies.choices import Role
from companies.policies import can_manage_organisation, membership_of
from config.policies import refusal

from .models import WebhookEndpoint


@refusal(_("Only an owner of the organisation may register webhook endpoints."), code="owner_only")
def can_create_webhook_endpoint(*, user) -> bool:
    """An owner, for their own organisation (staff belong to none, so have none to add to)."""
    membership = membership_of(user=user)
    return membership is not None and membership.role == Role.OWNER


@refusal(
    _("Only an owner of the organisation may change its webhook endpoints."), code="owner_only"
)
def can_manage_webhook_endpoint(*, user, webhook_endpoint: WebhookEndpoint) -> bool:
    return can_manage_organisation(user=user, organisation=webhook_endpoint.organisation)
