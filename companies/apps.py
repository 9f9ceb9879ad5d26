from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Organisations and users")

    def ready(self):
        # Imported for their effect: models join the audit trail, receivers are connected.
        from . import audit, signals  # noqa: F401
