from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        from . import audit  # noqa: F401  (registers models with the audit trail)
        from .services.matching import receivers  # noqa: F401  (keeps vendor tables current)
