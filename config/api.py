"""Project-wide API conventions: pagination and how service errors become HTTP answers."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import Conflict


class Pagination(PageNumberPagination):
    """`{count, next, previous, results}`; `?page_size=` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc, context):
    """DRF's handler, plus: model validation errors → 400 field messages, `Conflict` → 409.

    Services call `full_clean()` and raise Django's ValidationError; turning it into DRF's
    shape here keeps views free of try/except and the message identical to the UI's.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Conflict):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
