from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Organisations and users")

    def ready(self):
        from . import audit  # noqa: F401  (registers models with the audit trail)
