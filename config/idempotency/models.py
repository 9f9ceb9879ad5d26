from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One user's `Idempotency-Key` and, once its request succeeded, the answer to replay.

    A row without `completed_at` has no answer yet: either a request holds its lock and is being
    processed, or the requests that took it failed, were refused or died, their work rolled
    back with them (services.idempotency_key_use), and the next request with the key may act.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=255)
    method = models.CharField(_("method"), max_length=10, blank=True)
    path = models.TextField(_("path"), blank=True)
    # sha256 of the method, the path and the body as parsed (services.request_fingerprint).
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    # The JSON as the first caller received it (text, so that a replay keeps its key order).
    response_body = models.TextField(_("response body"), blank=True)
    response_headers = models.JSONField(_("response headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")
        ]

    def __str__(self):
        return self.key

    def is_replayable(self, *, now) -> bool:
        """Whether a request with this key gets the stored answer rather than acting."""
        return self.completed_at is not None and self.expires_at > now
