"""Django's error views (`handler404`, `handler500` in config/urls.py): JSON under /api/, where
clients parse the answer, and the site's HTML pages everywhere else."""

from django.views import defaults
from rest_framework import exceptions

from config.api import error_response, is_api_request


def page_not_found(request, exception):
    if is_api_request(request):
        # DRF's own words for its 404s, so an unknown route reads like an unknown object.
        return error_response(
            status=404, code="not_found", message=str(exceptions.NotFound.default_detail)
        )
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api_request(request):
        return error_response(
            status=500, code="error", message=str(exceptions.APIException.default_detail)
        )
    return defaults.server_error(request)
