"""How the OpenAPI schema describes what every operation can answer besides success.

drf-spectacular documents the success response each view declares. The errors below come from
DRF itself (authentication, permissions, validation, lookups, pagination, throttling), so they
are derived here, once, from what the view is configured with rather than written per view;
tests/test_api_fuzz.py (schemathesis) holds the schema to what the server really answers.

A 409 is the one error only a view knows it can give (a state clash found by a service): those
views declare `409: CONFLICT` next to the docstring that says when. POSTs that honour
`Idempotency-Key` (config/idempotency) declare the header, its 409 and 422, and the
`Idempotent-Replayed` header of a replayed success.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from config.api import ID_PATTERN, MAX_ID_DIGITS, ErrorType
from config.idempotency.api import HEADER as IDEMPOTENCY_KEY
from config.idempotency.api import KEY_PATTERN, MAX_KEY_LENGTH, honours_idempotency_key
from config.idempotency.services import REPLAYED_HEADER

ID_REGEX = f"^{ID_PATTERN}$"
MAX_ID = 10**MAX_ID_DIGITS - 1


class FieldErrorSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Stable English identifier of the problem with this field: DRF's and "
        "Django's (`required`, `invalid`, `min_value`, `max_length`, `invalid_choice`, "
        "`does_not_exist`, `unique`…) or Norte's (`rfc_checksum`, `no_exchange_rate`…)."
    )
    message = serializers.CharField(help_text="What is wrong, in the caller's language.")


class ErrorDetailSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=ErrorType.choices,
        help_text="The kind of error, one per family of status codes: handle a `code` you do "
        "not know by its type.",
    )
    code = serializers.CharField(
        help_text="Stable English identifier a program can act on, e.g. `not_found`, "
        "`request_already_published`, `invalid` (see `fields`); the README lists them all. "
        "New codes may be added within a version: treat an unknown one by its `type`."
    )
    message = serializers.CharField(
        help_text="What went wrong, for people, in the caller's language (Accept-Language)."
    )
    fields = serializers.DictField(
        child=serializers.ListField(child=FieldErrorSerializer()),
        required=False,
        help_text="Only for a request whose fields (or query parameters) are not valid: each "
        "one's errors by its path, dotted inside nested data (`expertise.0.level`, "
        "`skills.2`). Errors about no one field are `code` and `message`.",
    )


class ErrorSerializer(serializers.Serializer):
    """Every error answer: `{"error": {"type", "code", "message", "fields"}}`."""

    error = ErrorDetailSerializer()


CONFLICT = OpenApiResponse(
    ErrorSerializer, description="The action clashes with the current state of the object."
)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the operation's common errors and, where anyone may call
    it, an empty security requirement (`{}`) beside the token and the session."""

    def get_auth(self):
        auths = super().get_auth()
        if {} not in auths and self._allows_anonymous():
            auths.append({})
        return auths

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path" and parameter["schema"].get("pattern") == ID_REGEX:
                # drf-spectacular reads the router's `lookup_value_regex` as a string pattern;
                # an id is a whole number, and clients should be generated with one.
                parameter["schema"] = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
            if parameter["in"] == "query":
                # Filters and pages read `?sector=` as not given (the directory's form sends
                # its empty choices so), and so does the pagination.
                parameter["allowEmptyValue"] = True
        if self._honours_idempotency_key():
            self._document_idempotency_key(operation)
        for code, (serializer, description) in self._common_errors(operation).items():
            operation["responses"].setdefault(
                str(code),
                {
                    "description": description,
                    "content": {
                        "application/json": {
                            "schema": self.resolve_serializer(serializer, "response").ref
                        }
                    },
                },
            )
        return operation

    def _common_errors(self, operation: dict) -> dict[int, tuple[type, str]]:
        parameters = operation.get("parameters", [])
        in_query = {p["name"] for p in parameters if p["in"] == "query"}
        in_path = any(p["in"] == "path" for p in parameters)
        is_public = {} in operation.get("security", [{}])
        errors = {
            # A token that is not one is refused before anything else, on every route.
            401: (ErrorSerializer, "The credentials are wrong, or missing where they are needed."),
        }
        # A body or a query to validate, or an action a service may refuse as incomplete.
        if "requestBody" in operation or in_query or self.method == "POST":
            errors[400] = (ErrorSerializer, "The request is not valid.")
        if not (is_public and self.method in SAFE_METHODS):
            errors[403] = (ErrorSerializer, "The caller may not do this.")
        if "requestBody" in operation:
            errors[413] = (ErrorSerializer, "The body is larger than the API accepts.")
            errors[415] = (ErrorSerializer, "The body is not in a media type listed here.")
        if in_path or "page" in in_query:
            errors[404] = (ErrorSerializer, "No such object for this caller, or no such page.")
        if self.view.get_throttles():
            errors[429] = (ErrorSerializer, "Too many requests; wait as `Retry-After` says.")
        if self._honours_idempotency_key():
            errors[409] = (
                ErrorSerializer,
                "A request with the same `Idempotency-Key` is still being processed.",
            )
            errors[422] = (
                ErrorSerializer,
                "The `Idempotency-Key` was already used for a different request.",
            )
        return errors

    def _honours_idempotency_key(self) -> bool:
        return honours_idempotency_key(view=self.view, method=self.method)

    def _document_idempotency_key(self, operation: dict) -> None:
        operation.setdefault("parameters", []).append(
            {
                "name": IDEMPOTENCY_KEY,
                "in": "header",
                "required": False,
                "description": (
                    "Any unique string (a UUID) naming this request. Sent again with the same "
                    f"request within {settings.IDEMPOTENCY_KEY_TTL_HOURS} hours of its success, "
                    "it answers that success again instead of acting twice. Each user's own."
                ),
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_KEY_LENGTH,
                    "pattern": f"^{KEY_PATTERN.pattern}$",
                },
            }
        )
        conflict = operation["responses"].get("409")
        if conflict is not None:  # the view's own clash, described beside it
            conflict["description"] += (
                " It is also the answer while a request with the same `Idempotency-Key` is "
                "still being processed."
            )
        for code, response in operation["responses"].items():
            if code.startswith("2"):
                response.setdefault("headers", {})[REPLAYED_HEADER] = {
                    "description": "`true` when this is the stored answer to an earlier "
                    "request with the same `Idempotency-Key`.",
                    "schema": {"type": "string", "enum": ["true"]},
                }

    def _allows_anonymous(self) -> bool:
        """Whether the view's permissions let someone who is not signed in call this method —
        asked of the permissions themselves, as DRF will at request time (objects aside)."""
        http_request = HttpRequest()
        http_request.method = self.method
        request = Request(http_request)
        request.user = AnonymousUser()
        return all(
            permission.has_permission(request, self.view)
            for permission in self.view.get_permissions()
        )


def location_header(description: str, *, status: int, required: bool = True) -> OpenApiParameter:
    """The `Location` header of a `status` answer, for an operation's `parameters`."""
    return OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        location=OpenApiParameter.HEADER,
        response=[status],
        required=required,
        description=description,
    )


CREATED_LOCATION = location_header("The new object's address.", status=201)
