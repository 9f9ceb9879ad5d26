from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        from . import (
            audit,  # noqa: F401  (registers models with the audit trail)
            # Its receivers forget the directory's rendered choices when reference data
            # changes, in whichever process changes it (admin, API, a command).
            filters,  # noqa: F401
        )
        from .services.matching import receivers  # noqa: F401  (keeps vendor tables current)
