"""Project middleware."""

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import defaults

from config.api import error_response, is_api_request


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


class RefuseNulMiddleware:
    """400 for a NUL character in the path, the query string or a cookie, before any view.

    Percent-decoding (`%00`) and cookie unquoting (`"\\000"`) turn them into text that
    PostgreSQL refuses outright, so a lookup by slug, a filter or the session cookie made a 500.
    No address or cookie of this site has a use for one. (Headers cannot carry one: gunicorn
    refuses them; JSON bodies are checked by config.parsers, form fields by Django's forms.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if (
            "\x00" in request.path_info
            or "%00" in query
            or "\x00" in query
            or any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items())
        ):
            if is_api_request(request):
                message = _("The address or a cookie contains a NUL character.")
                return error_response(status=400, code="nul_character", message=message)
            return defaults.bad_request(request, exception=None)
        return self.get_response(request)
