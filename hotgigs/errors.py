"""Application errors: what a service raises when a change cannot be made.

Services raise these (never an HTTP or DRF exception); the two front ends map
them once each: the API's exception handler (``hotgigs.api.errors``) answers
``{"error": {"code", "message"}}`` with the error's status, and pages show the
message (``str(exc)``) or, for Django's ``ValidationError``, put each message
next to its field (``add_form_errors``).

- ``Conflict``: the object's current state forbids the change (409);
- ``NotAllowed``: this user may not make the change (403);
- ``Invalid``: the request is well formed but cannot be done as asked (400).
  Field-level input errors stay Django's ``ValidationError``.

A page that does not catch one gets the mapping of ``DomainErrorMiddleware``
(below): the error page of its status with its message.
"""

from django.core.exceptions import PermissionDenied, ValidationError


class DomainError(Exception):
    status_code = 400
    code = "error"
    default_message = "The request cannot be done."

    def __init__(self, message: str | None = None):
        self.message = str(message or self.default_message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @property
    def detail(self) -> str:
        """The message under the name DRF's exceptions give it (code written
        against them, and the API handler's fallbacks, read ``detail``)."""
        return self.message


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
    default_message = "The request conflicts with the current state."


class NotAllowed(DomainError, PermissionDenied):
    """Also a Django ``PermissionDenied``: a page that does not catch it answers
    Django's 403 page (``handler403``), as for any other refusal."""

    status_code = 403
    code = "permission_denied"
    default_message = "You do not have permission to perform this action."


class Invalid(DomainError):
    status_code = 400
    code = "invalid"
    default_message = "Invalid input."


def add_form_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError → errors next to the form's matching fields
    (a message about a field the form does not show goes to the top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
