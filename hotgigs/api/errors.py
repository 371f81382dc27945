"""One error shape for every API 4xx/5xx:

{"error": {"code": "...", "message": "...", "fields": {...}}}
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("hotgigs.api")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


def _flatten(detail):
    """DRF error details → plain strings (lists of strings per field)."""
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def _first_message(fields):
    for name, value in fields.items():
        while isinstance(value, (list, dict)) and value:
            value = value[0] if isinstance(value, list) else next(iter(value.values()))
        if name == "non_field_errors":
            return str(value)
        return f"{name}: {value}"
    return "Invalid input."


def error_body(code, message, fields=None):
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


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
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
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
        fields = _flatten(detail)
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
