"""Project-level views: Django's error views (`handler400` … `handler500` in config/urls.py),
the API's error envelope under /api/, where clients parse the answer, and the site's HTML pages
everywhere else; and the API's schema view."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions

from config.api import error_response, is_api_request
from config.throttling import too_many_requests as too_many_requests_page


def bad_request(request, exception):
    """What Django refuses before any view runs, such as a host not in ALLOWED_HOSTS."""
    if is_api_request(request):
        return error_response(
            status=400, code="bad_request", message=str(exceptions.ParseError.default_detail)
        )
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    """A PermissionDenied raised outside DRF (which answers its own): none is today under
    /api/, but one raised there later must not answer an HTML page to a client."""
    if is_api_request(request):
        return error_response(
            status=403,
            code=exceptions.PermissionDenied.default_code,
            message=str(exceptions.PermissionDenied.default_detail),
        )
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api_request(request):
        # DRF's own words for its 404s, so an unknown route reads like an unknown object.
        return error_response(
            status=404,
            code=exceptions.NotFound.default_code,
            message=str(exceptions.NotFound.default_detail),
        )
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api_request(request):
        return error_response(
            status=500, code="server_error", message=str(exceptions.APIException.default_detail)
        )
    return defaults.server_error(request)


def too_many_requests(request, exception=None):
    """allauth's own rate limits (sign-ups, password changes, reset links: counted per minute,
    see ACCOUNT_RATE_LIMITS), answered with the site's 429 page like config/throttling.py's."""
    message = _("Too many requests from you in a short time.")
    return too_many_requests_page(request, retry_after=60, message=message)


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, the same whatever language the caller reads: descriptions, field
    help and choice labels in English, so a client generated from it has the same names for
    everyone. (Error messages in answers still follow Accept-Language.)"""

    def _get_schema_response(self, request):
        with translation.override("en"):
            return super()._get_schema_response(request)
