"""Project-wide API conventions: addresses, pagination, and how errors become HTTP answers.

Every error the API gives, whether DRF, a service or Django's own error views produce it, takes
its body from `error_body`, so the error shape is decided in one place.
"""

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError, models
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from psycopg.errors import QueryCanceled
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.pagination import PageNumberPagination
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
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
# An event kind (`bid_invitation.sent`): what `Event.kind`'s 40 characters can hold.
EVENT_KIND_PATTERN = r"[a-z_]{1,30}\.[a-z_]{1,30}"


def count_parameter(request, name: str, *, default: int, maximum: int, refusal: str) -> int:
    """A how-many query parameter (`page_size`, `limit`): a whole number of 1 or more, at most
    `maximum`; absent or empty is `default`; anything else a 400 on `name` (`invalid`,
    `min_value`) saying `refusal`."""
    value = request.query_params.get(name)
    if not value:  # `?page_size=` is not giving one, as for the filters
        return default
    try:
        count = int(value)
    except ValueError:
        raise exceptions.ValidationError({name: [refusal]}, code="invalid") from None
    if count < 1:
        raise exceptions.ValidationError({name: [refusal]}, code="min_value")
    return min(count, maximum)


class Pagination(PageNumberPagination):
    """`{count, next, previous, results}`; `?page_size=` from 1, and more than 100 reads as 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        # DRF quietly falls back to 20 for a size it cannot read ("abc", 0, -5): the caller
        # would page through results believing they asked for something else.
        return count_parameter(
            request,
            self.page_size_query_param,
            default=self.page_size,
            maximum=self.max_page_size,
            refusal=_("Give a page size of 1 or more."),
        )

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


# --- Errors ------------------------------------------------------------------------------------


class ErrorType(models.TextChoices):
    """`error.type`: the kind of error, one per family of status codes, so a client can handle
    a code it does not know yet by its type. A fixed set: a new type is a breaking change.
    (The labels describe them in the schema, in English like the rest of it.)"""

    INVALID_REQUEST = (
        "invalid_request",
        "400, and 405, 406, 413, 415 or any other 4xx not below: the request cannot be served "
        "as sent",
    )
    AUTHENTICATION_ERROR = "authentication_error", "401: credentials missing or wrong"
    PERMISSION_ERROR = "permission_error", "403: the caller may not do this"
    NOT_FOUND = "not_found", "404, 410: no such route or object for this caller, or no longer"
    CONFLICT = "conflict", "409: the action clashes with the object's current state"
    RATE_LIMITED = "rate_limited", "429: too many requests; wait as Retry-After says"
    SERVER_ERROR = "server_error", "500 and any other 5xx not below: a bug on Norte's side"
    UNAVAILABLE = "unavailable", "503: Norte cannot answer now; try again later"


ERROR_TYPES = {
    401: ErrorType.AUTHENTICATION_ERROR,
    403: ErrorType.PERMISSION_ERROR,
    404: ErrorType.NOT_FOUND,
    410: ErrorType.NOT_FOUND,
    409: ErrorType.CONFLICT,
    429: ErrorType.RATE_LIMITED,
    503: ErrorType.UNAVAILABLE,
}


def error_type(status: int) -> ErrorType:
    default = ErrorType.SERVER_ERROR if status >= 500 else ErrorType.INVALID_REQUEST
    return ERROR_TYPES.get(status, default)


def error_body(*, status: int, code: str, message: str, fields: dict | None = None) -> dict:
    """The body of every API error: `{"error": {"type", "code", "message", "fields"}}`.

    `type` follows from the status; `code` is a stable English identifier (DRF's own where DRF
    has one), listed in the README; `message` is for people, in their language. `fields`, only
    for validation errors that name fields: path → `[{"code", "message"}]`.
    """
    error = {"type": error_type(status).value, "code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def error_response(*, status: int, code: str, message: str) -> JsonResponse:
    """An API error answered outside DRF (Django's error views, middleware)."""
    return JsonResponse(error_body(status=status, code=code, message=message), status=status)


class ConflictError(exceptions.APIException):
    """A service's `Conflict`, as DRF sees it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("This clashes with the current state of the object.")
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    # Django calls it a bad request (400); it is a body too large for us to read (413).
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is larger than this API accepts.")
    default_code = "request_too_large"


class DatabaseTimeout(exceptions.APIException):
    # PostgreSQL's statement_timeout (settings: DATABASE_STATEMENT_TIMEOUT_MS) stopped it.
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = gettext_lazy(
        "This took the database too long to answer. Narrow it down and try again."
    )
    default_code = "timeout"


def as_api_exception(exc: Exception) -> Exception:
    """The DRF exception for what a service, Django or the database raised; `exc` itself for
    DRF's own, and for what is a bug (a 500 from Django's error view)."""
    if isinstance(exc, DjangoValidationError):
        # Services call `full_clean()`: the field names and codes of the model's validation
        # reach the client as the UI shows them, with no try/except in views.
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Conflict):
        return ConflictError(str(exc), code=exc.code)
    if isinstance(exc, Http404):
        # `get_object_or_404` says "No OutsourcingRequest matches the given query.": the model's
        # name is none of the client's business. Every missing object reads the same.
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(
            exc.args[0] if exc.args else None, code=getattr(exc, "code", None)
        )
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, OperationalError) and isinstance(exc.__cause__, QueryCanceled):
        return DatabaseTimeout()
    return exc


def exception_handler(exc, context):
    """DRF's handler, answering every error with `error_body`: services' validation errors
    (400), `Conflict` (409), Django's 403 and 404, a body over `DATA_UPLOAD_MAX_MEMORY_SIZE`
    (413) and a statement the database cancelled (503) included."""
    exc = as_api_exception(exc)
    # DRF's handler adds WWW-Authenticate and Retry-After, and rolls back an atomic request.
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = api_exception_body(exc, status=response.status_code)
    return response


def api_exception_body(exc: exceptions.APIException, *, status: int) -> dict:
    if isinstance(exc.detail, ErrorDetail | str):
        return error_body(
            status=status,
            code=getattr(exc.detail, "code", None) or exc.default_code,
            message=str(exc.detail),
        )
    return validation_error_body(exc.detail, status=status)


# Where DRF (`non_field_errors`) and Django (`__all__`) put errors about no one field.
NON_FIELD_KEYS = {api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS}


def validation_error_body(detail: dict | list, *, status: int) -> dict:
    """DRF's validation errors (`{"budget_max": [ErrorDetail]}`, nested as the data is) in the
    envelope.

    `fields` maps a dotted path to the field's errors: `title`, `expertise.0.level` for the
    first expertise item's level, `skills.2` for the third slug. Errors about no one field
    (`non_field_errors`, a model's `__all__`, an error raised as a bare message) are the
    envelope's `code` and `message`; otherwise the code is `invalid` and the message names the
    fields, so the top-level message always says what is wrong.
    """
    general: list[ErrorDetail] = []
    fields: dict[str, list[dict]] = {}
    for path, error in _flatten(detail, path=()):
        if path:
            message = {"code": getattr(error, "code", None) or "invalid", "message": str(error)}
            fields.setdefault(".".join(path), []).append(message)
        else:
            general.append(error)
    if general:
        code = getattr(general[0], "code", None) or exceptions.ValidationError.default_code
        message = " ".join(str(error) for error in general)
    elif not fields:  # DRF's ValidationError({}): nothing said, but not valid
        code = exceptions.ValidationError.default_code
        message = str(exceptions.ValidationError.default_detail)
    else:
        code = exceptions.ValidationError.default_code
        message = _("Check these fields: %(fields)s.") % {"fields": ", ".join(fields)}
    return error_body(status=status, code=code, message=message, fields=fields)


def _flatten(detail, *, path: tuple[str, ...]):
    """(path, error) for every error in DRF's nested detail. A list of messages belongs to
    `path`; a list of objects (a nested list serializer, `{}` for the valid items) and a
    dict of indices (a list field's items) go one level down, as do field names."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flatten(value, path=path if key in NON_FIELD_KEYS else (*path, str(key)))
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                yield from _flatten(item, path=(*path, str(index)))
            else:
                yield path, item
    else:
        yield path, detail
