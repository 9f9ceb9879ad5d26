"""What the organisation endpoints (companies, vendors) ask their policies, and how a refusal
reads (config/permissions.py's `PolicyPermission`)."""

from django.utils.translation import gettext_lazy as _

from companies.policies import can_found_organisation, can_manage_organisation, can_view_team
from config.permissions import Rule

# Asked before the payload is validated: a 400 about a taken RFC or slug would tell someone who
# may not create an organisation anyway which ones are registered. The services ask too.
FOUND_ORGANISATION = Rule(
    can_found_organisation,
    message=_("You already belong to an organisation; ask Norte staff to create another."),
    code="already_in_organisation",
)
OWNERS_ONLY = _("Only the organisation's owners and Norte staff can change it.")
MANAGE_ORGANISATION = Rule(can_manage_organisation, message=OWNERS_ONLY)
VIEW_TEAM = Rule(can_view_team, message=_("Only the organisation's members see its invitations."))
