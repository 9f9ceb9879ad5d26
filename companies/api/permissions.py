from rest_framework.permissions import SAFE_METHODS, BasePermission

from companies.selectors import organisation_can_manage


class CanManageOrganisationOrReadOnly(BasePermission):
    """Writes to an organisation (edit, add members) need its owner or staff.

    The services check the same rule; checking it here too answers 403 before the payload is
    validated, so an outsider learns nothing from validation errors.
    """

    message = "Only the organisation's owners and Norte staff can change it."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return organisation_can_manage(user=request.user, organisation=obj)
