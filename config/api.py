"""Project-wide API conventions: addresses, pagination, and how errors become HTTP answers.

Every error the API gives, whether DRF, a service or Django's own error views produce it, takes
its body from `error_body`, so the error shape is decided in one place.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from psycopg.errors import QueryCanceled
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import Conflict

API_PREFIX = "/api/"

# What an object's address may hold (the router's `lookup_value_regex`). Anything else is an
# unknown route (404) before a view or the database sees it: "abc" is no id, and 18 digits stay
# below PostgreSQL's bigint maximum (9,223,372,036,854,775,807, 19 digits).
MAX_ID_DIGITS = 18
ID_PATTERN = rf"[0-9]{{1,{MAX_ID_DIGITS}}}"
# Reference data's slugs: what Django's SlugField accepts, as long as the column allows.
SLUG_PATTERN = r"[-a-zA-Z0-9_]{1,60}"


class Pagination(PageNumberPagination):
    """`{count, next, previous, results}`; `?page_size=` from 1, and more than 100 reads as 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        # DRF quietly falls back to 20 for a size it cannot read ("abc", 0, -5): the caller
        # would page through results believing they asked for something else.
        value = request.query_params.get(self.page_size_query_param)
        if not value:  # `?page_size=` is not giving one, as for the filters
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Give a page size of 1 or more.")]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    f"Results per page, {self.page_size} unless given; "
                    f"more than {self.max_page_size} reads as {self.max_page_size}."
                )
        return parameters


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_body(*, code: str, message: str) -> dict:
    """The body of every API error that is not a validation error's field → messages.

    `code` is a stable English word (DRF's own codes where DRF has one); `message` is for
    people, in their language.
    """
    return {"detail": message}


def error_response(*, status: int, code: str, message: str) -> JsonResponse:
    """An API error answered outside DRF (Django's error views, middleware)."""
    return JsonResponse(error_body(code=code, message=message), status=status)


def exception_handler(exc, context):
    """DRF's handler, plus: model validation errors → 400 field messages, `Conflict` → 409,
    a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` → 413, a statement the database cancelled → 503.

    Services call `full_clean()` and raise Django's ValidationError; turning it into DRF's
    shape here keeps views free of try/except and the message identical to the UI's.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Conflict):
        return Response(
            error_body(code="conflict", message=str(exc)), status=status.HTTP_409_CONFLICT
        )
    elif isinstance(exc, RequestDataTooBig):
        # Django calls it a bad request (400); it is a body too large for us to read (413).
        message = _("The request body is larger than this API accepts.")
        return Response(
            error_body(code="request_too_large", message=message),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    elif isinstance(exc, OperationalError) and isinstance(exc.__cause__, QueryCanceled):
        # PostgreSQL's statement_timeout (settings: DATABASE_STATEMENT_TIMEOUT_MS) stopped it.
        message = _("This took the database too long to answer. Narrow it down and try again.")
        return Response(
            error_body(code="timeout", message=message),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and not isinstance(exc, exceptions.ValidationError):
        # DRF's other errors (401, 403, 404, 405, 415, 429…) are `{"detail": message}`.
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        if isinstance(detail, ErrorDetail):
            response.data = error_body(code=detail.code, message=str(detail))
    return response
