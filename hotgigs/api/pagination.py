"""Pagination for the API.

`PageNumberPagination` is for lists where a total helps a client; the total is
capped (`count` stops at `COUNT_CAP` and `count_capped` says so), so a big table
is never counted exactly per request. `CursorPagination` is for feeds and deep
lists: keyset pagination whose cost does not grow with the page number.
"""

from collections import OrderedDict

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

MAX_PAGE_SIZE = 100
# Past this page the OFFSET would overflow the database's integer; deep lists use
# cursor pagination anyway.
MAX_PAGE_NUMBER = 100_000
COUNT_CAP = 10_000
# A cursor's position is one field value (a timestamp, an id, a short text).
MAX_CURSOR_POSITION = 200


def capped_count(queryset, cap=COUNT_CAP):
    """Count at most `cap` + 1 rows: cheap on a table of any size."""
    if isinstance(queryset, QuerySet):
        return queryset[: cap + 1].count()
    return len(queryset)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        try:
            number = int(request.query_params.get(self.page_query_param, 1))
        except (TypeError, ValueError):
            raise NotFound("Invalid page.") from None
        if not 1 <= number <= MAX_PAGE_NUMBER:
            raise NotFound("Invalid page.")
        offset = (number - 1) * page_size
        rows = list(queryset[offset : offset + page_size + 1])
        self.has_next = len(rows) > page_size
        self.number = number
        self.page_size_used = page_size
        self.count = capped_count(queryset)
        if not rows and number > 1:
            raise NotFound("Invalid page.")
        return rows[:page_size]

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", min(self.count, COUNT_CAP)),
                    ("count_capped", self.count > COUNT_CAP),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return pagination.replace_query_param(
            url, self.page_query_param, self.number + 1
        )

    def get_previous_link(self):
        if self.number <= 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return pagination.remove_query_param(url, self.page_query_param)
        return pagination.replace_query_param(
            url, self.page_query_param, self.number - 1
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "count_capped": {"type": "boolean"},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    # InvalidPage is raised by Django's paginator, which this class does not use.
    invalid_page_exceptions = (InvalidPage,)


class CursorPagination(pagination.CursorPagination):
    """Keyset pagination whose cursor is checked before it reaches the database.

    A cursor is client input (base64 of ``o=…&r=…&p=…``): a position that is
    not a value of the ordering field (``p=2026`` for a date, a NUL) answers
    404 "Invalid cursor." like any other unusable cursor, never a 500.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("-created_at", "-id")

    def paginate_queryset(self, queryset, request, view=None):
        self._model = getattr(queryset, "model", None)
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        position = cursor.position
        if "\x00" in position or len(position) > MAX_CURSOR_POSITION:
            raise NotFound(self.invalid_cursor_message)
        field = self._ordering_field()
        if field is not None:
            try:
                # run_validators: an integer past the column's range too.
                field.run_validators(field.to_python(position))
            except (DjangoValidationError, ValueError, TypeError):
                raise NotFound(self.invalid_cursor_message) from None
        return cursor

    def _ordering_field(self):
        """The model field the cursor's position is compared with, when it is
        one (an annotation is not: then the position goes unchecked here)."""
        model = getattr(self, "_model", None)
        if model is None:
            return None
        name = self.ordering[0].lstrip("-") if self.ordering else ""
        field = None
        for part in name.split("__"):
            try:
                field = model._meta.get_field("id" if part == "pk" else part)
            except FieldDoesNotExist:
                return None
            model = field.related_model or model
        if field is not None and field.is_relation:
            field = field.target_field
        return field
