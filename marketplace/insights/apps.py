from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "marketplace.insights"
    label = "insights"
    verbose_name = _("Insights and open data")

    def ready(self):
        # An award, a published request or a new exchange rate refreshes the cached figures.
        from . import receivers  # noqa: F401
