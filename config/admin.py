"""The admin site (branded Norte) and what the apps' admin classes share."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdminMixin:
    """Rows staff may look at but never add, change or delete in the admin: the product writes
    them (match runs, idempotency keys) or they are views of other rows (the moderation queue)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyAdminMixin:
    """Rows only superusers see: staff who are not (moderators, support) get no link in the
    index and 403 on the pages, whatever permissions their groups grant."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class NorteAdminSite(admin.AdminSite):
    """Django's admin under Norte's name (config.apps.NorteAdminConfig makes it `admin.site`)."""

    site_header = _("Norte administration")
    site_title = _("Norte administration")
    index_title = _("Norte's data")

    # The scheduler's internals (django-celery-beat's periodic tasks, crontabs, intervals, solar
    # events, clocked schedules): the periodic jobs are set in settings (CELERY_BEAT_SCHEDULE), and
    # a moderator who pauses or reschedules one stops reminders or digests for everyone.
    superuser_only_apps = frozenset({"django_celery_beat"})

    def restrict_superuser_only_apps(self) -> None:
        """Register again, behind SuperuserOnlyAdminMixin, what the superuser-only apps
        registered: called once every app's admin module is imported (autodiscover)."""
        for model, model_admin in list(self._registry.items()):
            if model._meta.app_label not in self.superuser_only_apps:
                continue
            admin_class = type(model_admin)
            self.unregister(model)
            self.register(
                model,
                type(
                    f"SuperuserOnly{admin_class.__name__}",
                    (SuperuserOnlyAdminMixin, admin_class),
                    {},
                ),
            )
