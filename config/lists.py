"""How every list of the API is filtered, ordered and paginated, so that a client syncing with
Norte can rely on one set of rules (README: "Lists").

- Filters come from the view's FilterSet; every timestamped list has `created_after`,
  `created_before`, `updated_after` and `updated_before` (`TimestampFilterSet`).
- `ordering` is one of the values the view lists, or a 400; the primary key breaks ties, so a
  row never appears on two pages.
- Pages are numbered by default; `?pagination=cursor` walks the list with signed cursors
  instead, in an order rows only move forward in, so rows added or edited during the walk are
  not skipped.
- A query parameter the list does not know is a 400 naming it: a misspelt filter would
  otherwise answer the whole list as if it had been applied.
- Filters shape lists only: an object's address names it whatever the query says, and a
  nested list (a vendor's invitations) is filtered by its own FilterSet, never by the parent
  list's (config/viewsets.py).
"""

import re
from datetime import UTC, datetime

import django_filters
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, filters, pagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param

from config.api import Pagination as PageNumberPagination
from config.api import count_parameter

# RFC 3339, the profile of ISO 8601 that OpenAPI's `date-time` means: a date, a time and an
# offset (`Z` for UTC). Without an offset a time would be read in some server's zone.
RFC_3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
    flags=re.IGNORECASE,
)


class DateTimeField(forms.Field):
    """An RFC 3339 date-time (`2026-04-01T00:00:00Z`), as an aware datetime in UTC."""

    default_error_messages = {
        "invalid": gettext_lazy(
            "Give a date and time with its offset, such as 2026-04-01T00:00:00Z."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not RFC_3339.fullmatch(value):
            raise DjangoValidationError(self.error_messages["invalid"], code="invalid")
        try:
            # Beyond the year 1–9999 range once in UTC, the database could not compare it.
            return datetime.fromisoformat(value.upper()).astimezone(UTC)
        except (ValueError, OverflowError):
            raise DjangoValidationError(self.error_messages["invalid"], code="invalid") from None


class StrictBooleanField(forms.Field):
    """`true` or `false` (also `1`/`0`, `True`/`False`); anything else is refused, where
    django-filter's own boolean ignores it and lists everything."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in ("true", "True", "1"):
            return True
        if value in ("false", "False", "0"):
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter that answers a value it cannot read with a 400, as the schema's
    `boolean` promises integrators."""

    field_class = StrictBooleanField


@extend_schema_field(OpenApiTypes.DATETIME)
class DateTimeFilter(django_filters.Filter):
    field_class = DateTimeField


class TimestampFilterSet(django_filters.FilterSet):
    """`created_after`/`updated_after` include the instant given and `…_before` exclude it, so
    consecutive windows neither overlap nor leave a gap. Syncing: ask for
    `updated_after=<the latest updated_at seen>`; the rows updated at that instant come again."""

    created_after = DateTimeFilter(
        field_name="created_at",
        lookup_expr="gte",
        help_text="Rows created at or after this time (RFC 3339, e.g. 2026-04-01T00:00:00Z).",
    )
    created_before = DateTimeFilter(
        field_name="created_at",
        lookup_expr="lt",
        help_text="Rows created before this time (RFC 3339).",
    )
    updated_after = DateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Rows changed at or after this time (RFC 3339): what changed since a sync.",
    )
    updated_before = DateTimeFilter(
        field_name="updated_at",
        lookup_expr="lt",
        help_text="Rows last changed before this time (RFC 3339).",
    )


# --- Ordering ---------------------------------------------------------------------------------


class OrderingFilter(filters.OrderingFilter):
    """DRF's `?ordering=`, held to the view's `ordering_fields`: one of them, or `-` and one of
    them for the reverse (a FilterSet may declare its own `ordering` instead). DRF drops what it does not know and orders by the default; here it is
    a 400, as a sync client relying on an order must not get another one.

    The primary key follows the chosen field, so rows that tie keep one order from page to page.
    """

    def allowed(self, view) -> list[str]:
        fields = getattr(view, "ordering_fields", None) or []
        return [value for field in fields for value in (field, f"-{field}")]

    def get_ordering(self, request, queryset, view):
        allowed = self.allowed(view)
        if not allowed:
            # A list without `ordering_fields` is ordered by its FilterSet's own `ordering`
            # (vendors), or takes no `ordering` at all (refused as an unknown parameter).
            return []
        value = request.query_params.get(self.ordering_param)
        if value:
            if value not in allowed:
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            _("Order by one of: %(allowed)s.") % {"allowed": ", ".join(allowed)}
                        ]
                    },
                    code="invalid_choice",
                )
            ordering = [value]
        else:
            ordering = list(self.get_default_ordering(view) or [])
        if ordering and ordering[-1].lstrip("-") not in ("pk", "id"):
            ordering.append("-pk" if ordering[0].startswith("-") else "pk")
        return ordering

    def get_schema_operation_parameters(self, view):
        allowed = self.allowed(view)
        if not allowed:
            return []
        default = ", ".join(f"`{field}`" for field in self.get_default_ordering(view) or [])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"The field to order by; `-` before it reverses the order. "
                f"Default: {default}. Ties are broken by id.",
                "schema": {"type": "string", "enum": allowed},
            }
        ]


# --- Pagination -------------------------------------------------------------------------------


class CursorPagination(pagination.CursorPagination):
    """DRF's cursors, signed and bound to their list and order.

    DRF trusts the cursor's position and feeds it to the database: a cursor edited by hand, or
    carried over to another ordering, compared a date with a name (a 500). A cursor here is
    signed with the site's key and names the path and the ordering it was made for; any other
    is a 400.
    """

    page_size_query_param = "page_size"
    # Orderings in which a row only ever moves forward: one created or edited during a walk
    # lands after the cursor, where the walk still finds it. (A name can change to one the
    # walk has passed; `-updated_at` moves an edited row behind the cursor.)
    default_fields = ("created_at", "updated_at")
    salt = "config.lists.cursor"

    def get_page_size(self, request):
        return PageNumberPagination().get_page_size(request)

    def cursor_fields(self, view) -> list[str]:
        fields = getattr(view, "cursor_ordering_fields", None)
        if fields is None:
            fields = [f for f in self.default_fields if f in getattr(view, "ordering_fields", [])]
        return list(fields)

    def get_ordering(self, request, queryset, view):
        # The filter backends (an `OrderingFilter`, or a FilterSet with its own `ordering`, as
        # the vendors') have refused any order the list does not offer before the page is cut.
        fields = self.cursor_fields(view)
        value = request.query_params.get(api_settings.ORDERING_PARAM)
        if not value:
            return (fields[0], "pk")
        if value not in fields:
            raise exceptions.ValidationError(
                {
                    api_settings.ORDERING_PARAM: [
                        _("With pagination=cursor, order by one of: %(allowed)s.")
                        % {"allowed": ", ".join(fields)}
                    ]
                },
                code="invalid_choice",
            )
        return (value, "pk")

    def encode_cursor(self, cursor):
        token = signing.dumps(
            {
                "path": self.request.path,
                "ordering": list(self.ordering),
                "offset": cursor.offset,
                "reverse": cursor.reverse,
                "position": cursor.position,
            },
            salt=self.salt,
            compress=True,
        )
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def decode_cursor(self, request):
        token = request.query_params.get(self.cursor_query_param)
        if not token:
            return None
        try:
            data = signing.loads(token, salt=self.salt)
        except signing.BadSignature:
            data = None
        if (
            not isinstance(data, dict)
            or data.get("path") != request.path
            or data.get("ordering") != list(self.ordering)
        ):
            raise exceptions.ValidationError(
                {
                    self.cursor_query_param: [
                        _(
                            "This cursor was not given by this list in this order; start again "
                            "without one."
                        )
                    ]
                },
                code="invalid",
            )
        offset = min(data["offset"], self.offset_cutoff)
        return pagination.Cursor(offset=offset, reverse=data["reverse"], position=data["position"])


class ListPagination(pagination.BasePagination):
    """Page numbers (`{count, next, previous, results}`) unless `?pagination=cursor` asks for a
    cursor walk (`{next, previous, results}`: counting a large list is what a walk avoids).

    Both answers are one schema, `count` being absent from the second, so a client generated
    from the schema reads either.
    """

    mode_query_param = "pagination"
    modes = ("page", "cursor")

    def __init__(self):
        self.pages = PageNumberPagination()
        self.cursors = CursorPagination()
        self.active = self.pages

    def query_parameters(self) -> set[str]:
        return {
            self.mode_query_param,
            self.pages.page_query_param,
            self.pages.page_size_query_param,
            self.cursors.cursor_query_param,
        }

    def paginate_queryset(self, queryset, request, view=None):
        self.active = self.cursors if self._mode(request) == "cursor" else self.pages
        return self.active.paginate_queryset(queryset, request, view)

    def _mode(self, request) -> str:
        params = request.query_params
        cursor, page = self.cursors.cursor_query_param, self.pages.page_query_param
        mode = params.get(self.mode_query_param) or ("cursor" if params.get(cursor) else "page")
        if mode not in self.modes:
            message = _("Give pagination=page or pagination=cursor.")
        elif mode == "page" and params.get(cursor):
            message = _("A cursor is followed with pagination=cursor.")
        elif mode == "cursor" and params.get(page):
            message = _("With pagination=cursor, follow the next link instead of a page number.")
        else:
            return mode
        raise exceptions.ValidationError({self.mode_query_param: [message]}, code="invalid")

    def get_paginated_response(self, data):
        return self.active.get_paginated_response(data)

    @property
    def display_page_controls(self):
        return getattr(self.active, "display_page_controls", False)

    def to_html(self):
        return self.active.to_html()

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "example": 123,
                    "description": "How many rows the list holds; absent with `pagination=cursor`.",
                },
                "next": {**link, "description": "The next page, null on the last."},
                "previous": {**link, "description": "The previous page, null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        fields = ", ".join(f"`{field}`" for field in self.cursors.cursor_fields(view))
        return [
            *self.pages.get_schema_operation_parameters(view),
            {
                "name": self.mode_query_param,
                "required": False,
                "in": "query",
                "description": "`page` (the default) numbers the pages and counts the rows; "
                "`cursor` walks the list through the `next` links without counting, and "
                "finds the rows added or changed during the walk: order it by "
                f"{fields} (the first unless `ordering` says otherwise).",
                "schema": {"type": "string", "enum": list(self.modes)},
            },
            {
                "name": self.cursors.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where a cursor walk goes on: take it from `next` or `previous`.",
                "schema": {"type": "string"},
            },
        ]


class AfterIdPagination(pagination.BasePagination):
    """A feed read in id order: `?after=<the last id received>&limit=<n>` answers
    `{next, results}`, `next` being the same list after the page's last row, or null once
    nothing more is there yet (ask again later with `after=` the last id). The view filters
    `after` (a FilterSet) and orders by id; this only cuts the page and links the next one.

    Nothing is skipped or repeated while rows only ever get higher ids, which is what a log
    whose rows are never edited gives; no count is made, as for a cursor walk.
    """

    limit_query_param = "limit"
    after_query_param = "after"
    default_limit = 20
    max_limit = 100

    def query_parameters(self) -> set[str]:
        return {self.limit_query_param}

    def get_limit(self, request) -> int:
        return count_parameter(
            request,
            self.limit_query_param,
            default=self.default_limit,
            maximum=self.max_limit,
            refusal=_("Give a limit of 1 or more."),
        )

    def paginate_queryset(self, queryset, request, view=None):
        limit = self.get_limit(request)
        rows = list(queryset[: limit + 1])
        self.request, self.has_more = request, len(rows) > limit
        self.page = rows[:limit]
        return self.page

    def get_next_link(self) -> str | None:
        if not self.has_more:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.after_query_param, self.page[-1].pk)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The rest of the feed after this page; null when nothing "
                    "more is there yet (ask again later with `after` the last id received).",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": f"Events per page, {self.default_limit} unless given; more "
                f"than {self.max_limit} reads as {self.max_limit}.",
                "schema": {"type": "integer", "minimum": 1},
            }
        ]


# --- Checking what a list is asked -------------------------------------------------------------


class FilterBackend(DjangoFilterBackend):
    """django-filter's, left out when the query gives none of the FilterSet's parameters.

    Every filter then passes the list through unchanged (an empty value filters nothing, and no
    FilterSet here adds a condition of its own), yet building the FilterSet, its form class and
    form and validating the empty form cost about 4 ms a request — more than the rest of a page
    of twenty vendors' Python work — on every unfiltered page of every list."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(request.query_params) & set(
            filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


class KnownParametersFilter(filters.BaseFilterBackend):
    """Refuses (400) a query parameter the list does not take, naming it. First of the filter
    backends, so a misspelt filter never answers as if the list had no filter."""

    def filter_queryset(self, request, queryset, view):
        known = self.known(request, queryset, view)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = _("This list takes no such parameter; it takes: %(known)s.") % {
                "known": ", ".join(sorted(known))
            }
            raise exceptions.ValidationError(
                {name: [message] for name in unknown}, code="unknown_parameter"
            )
        return queryset

    def known(self, request, queryset, view) -> set[str]:
        known = set()
        if api_settings.URL_FORMAT_OVERRIDE:
            known.add(api_settings.URL_FORMAT_OVERRIDE)
        for backend in view.filter_backends:
            if issubclass(backend, DjangoFilterBackend):
                filterset = backend().get_filterset_class(view, queryset)
                if filterset is not None:
                    known.update(filterset.base_filters)
            elif issubclass(backend, OrderingFilter) and backend().allowed(view):
                known.add(backend.ordering_param)
        # A paginator says which parameters it reads (ListPagination, AfterIdPagination, the
        # OCDS release package's cursors).
        paginator = getattr(view, "paginator", None)
        if hasattr(paginator, "query_parameters"):
            known.update(paginator.query_parameters())
        return known
