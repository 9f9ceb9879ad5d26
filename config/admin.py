"""What the apps' admin classes share."""


class ReadOnlyAdminMixin:
    """Rows staff may look at but never add, change or delete in the admin: the product writes
    them (match runs, idempotency keys) or they are views of other rows (the moderation queue)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
