"""Norte's project-wide app (its system checks) and Django's admin with Norte's admin site."""

from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class NorteConfig(AppConfig):
    name = "config"
    verbose_name = "Norte"

    def ready(self):
        from config import checks  # noqa: F401 (registers them)


class NorteAdminConfig(AdminConfig):
    default_site = "config.admin.NorteAdminSite"

    def ready(self):
        super().ready()  # imports every app's admin module
        admin.site.restrict_superuser_only_apps()
