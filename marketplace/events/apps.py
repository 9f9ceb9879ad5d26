from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "marketplace.events"
    label = "events"
    verbose_name = _("Marketplace events")

    def ready(self):
        # Connects the receivers of the signals lower layers send (companies/team_events.py).
        from . import receivers  # noqa: F401
