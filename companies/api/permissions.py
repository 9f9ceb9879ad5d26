from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from companies.policies import can_found_organisation, can_manage_organisation


class CanManageOrganisationOrReadOnly(BasePermission):
    """Creating an organisation needs someone who may found one; writes to an organisation
    (edit, invite) need its owner or staff.

    The services check the same rule; checking it here too answers 403 before the payload is
    validated, so an outsider learns nothing from validation errors.
    """

    message = _("Only the organisation's owners and Norte staff can change it.")

    def has_permission(self, request, view):
        if view.action == "create" and not can_found_organisation(user=request.user):
            # Before the payload is validated: a 400 about a taken RFC or slug would tell
            # someone who may not create a company anyway which ones are registered.
            self.message = _(
                "You already belong to an organisation; ask Norte staff to create another."
            )
            self.code = "already_in_organisation"
            return False
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return can_manage_organisation(user=request.user, organisation=obj)
