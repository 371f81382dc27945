"""One error shape for every API 4xx/5xx:

{"error": {"code": "...", "message": "...", "fields": {...}}}
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from hotgigs.errors import Conflict, DomainError

logger = logging.getLogger("hotgigs.api")

__all__ = ["Conflict", "exception_handler", "validation_error"]


def _field_messages(detail):
    """DRF error details → ``{field: [messages]}``, the one documented shape.

    A message about part of a field (a list item, a nested serializer's field)
    starts with its dotted path: ``{"skills": ["0.skill: This field is
    required."]}``; a bare string becomes a one-message list.
    """
    fields = {}
    for name, value in detail.items():
        messages = _messages(value)
        if messages:
            fields[str(name)] = messages
    return fields


def _messages(detail, path=""):
    """Every message under ``detail``, prefixed with its path below the field."""
    if isinstance(detail, dict):
        children = [(str(key), value) for key, value in detail.items()]
    elif isinstance(detail, list):
        # A list's items are reported by position ({} or [] for the valid ones);
        # plain strings are messages about the field itself.
        children = [
            (str(index) if isinstance(value, (dict, list)) else None, value)
            for index, value in enumerate(detail)
        ]
    else:
        return [f"{path}: {detail}" if path else str(detail)]
    messages = []
    for key, value in children:
        child = path if key is None else (f"{path}.{key}" if path else key)
        messages += _messages(value, child)
    return messages


def _first_message(fields):
    for name, messages in fields.items():
        if name == "non_field_errors":
            return messages[0]
        return f"{name}: {messages[0]}"
    return "Invalid input."


def error_body(code, message, fields=None):
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A service's (Django) ValidationError → DRF's, keeping field names; a
    message about no field is a ``non_field_errors`` one."""
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def _domain_error(exc: DomainError) -> exceptions.APIException:
    """An application error (``hotgigs.errors``) → its status, code and message."""
    error = exceptions.APIException(exc.message, code=exc.code)
    error.status_code = exc.status_code
    return error


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, RecursionError):
        # json.loads on a deeply nested document: hostile input, not our error.
        exc = exceptions.ParseError("JSON parse error - nested too deeply.")
    elif isinstance(exc, DomainError):
        exc = _domain_error(exc)
    elif isinstance(exc, DjangoValidationError):
        exc = validation_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, (OperationalError, InterfaceError)):
        # The database is unreachable: a 503 the client may retry, not a bug.
        set_rollback()
        return Response(
            error_body(
                "unavailable",
                "The service is briefly unavailable. Please retry in a moment.",
            ),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "30"},
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        # An unexpected error: log it with its traceback for the operators, answer
        # the client in the one error shape (never an HTML page or a traceback,
        # even with DEBUG on) and roll back the request's transaction.
        request = context.get("request")
        logger.error(
            "unhandled API error",
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"path": getattr(request, "path", "")},
        )
        set_rollback()
        return Response(
            error_body("server_error", "Something went wrong on our side."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, list):
            detail = {"non_field_errors": detail}
        fields = _field_messages(detail)
        body = error_body("invalid", _first_message(fields), fields)
    else:
        detail = getattr(exc, "detail", str(exc))
        codes = exc.get_codes() if hasattr(exc, "get_codes") else "error"
        if isinstance(detail, dict):
            # simplejwt's token errors: {"detail": …, "code": …, "messages": […]}
            message = str(detail.get("detail", "Request failed."))
            code = str(detail.get("code", "error"))
        else:
            message = str(detail)
            code = codes if isinstance(codes, str) else "error"
        body = error_body(code, message)
    response.data = body
    return response


def api_error_response(request, status_code, code, message):
    return Response(error_body(code, message), status=status_code)
