"""What refreshes the insights: an award (an engagement created), an engagement completed or
cancelled, a request published or changed once published, an exchange rate recorded or
corrected. Connected in `InsightsConfig.ready()`; each refresh waits for the change's commit, so
a rolled-back award refreshes nothing and a reader never caches figures from before it.

Vendors' skills (the scarce skills' "vendors" column) refresh with INSIGHTS_CACHE_SECONDS only:
they change with every listing edit and move those figures little.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from marketplace.models import ExchangeRate, OutsourcingRequest
from marketplace.tenders.models import Engagement

from .services import insights_refresh


@receiver(post_save, sender=Engagement, dispatch_uid="insights.engagement_saved")
def engagement_saved(sender, **kwargs) -> None:
    transaction.on_commit(insights_refresh)


@receiver(post_save, sender=OutsourcingRequest, dispatch_uid="insights.request_saved")
def request_saved(sender, *, instance: OutsourcingRequest, **kwargs) -> None:
    if instance.published_at is not None:
        transaction.on_commit(insights_refresh)


@receiver(post_save, sender=ExchangeRate, dispatch_uid="insights.rate_saved")
@receiver(post_delete, sender=ExchangeRate, dispatch_uid="insights.rate_deleted")
def exchange_rate_changed(sender, **kwargs) -> None:
    transaction.on_commit(insights_refresh)
