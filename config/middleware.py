"""Project middleware."""

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.utils.functional import SimpleLazyObject


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, reading the actor when a change is logged.

    The stock one reads `request.user` as the request arrives, but DRF's token authentication
    only sets it inside the view, so API changes were logged without an actor
    (jazzband/django-auditlog#115). DRF copies the user it authenticates onto the Django request,
    so reading it lazily finds it.
    """

    @staticmethod
    def _get_actor(request):
        return SimpleLazyObject(lambda: BaseAuditlogMiddleware._get_actor(request))
