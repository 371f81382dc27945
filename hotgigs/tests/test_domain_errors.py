"""Application errors (hotgigs.errors): raised by services, mapped once for the
API (its exception handler) and once for pages (add_form_errors, str(exc))."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from hotgigs.api.errors import exception_handler
from hotgigs.errors import Conflict, DomainError, Invalid, NotAllowed, add_form_errors

pytestmark = pytest.mark.django_db


def answer(exc):
    response = exception_handler(exc, {"request": None, "view": None})
    return response.status_code, response.data


@pytest.mark.parametrize(
    ("exc", "status", "code", "message"),
    [
        (Conflict("Already answered."), 409, "conflict", "Already answered."),
        (NotAllowed("Only the owner."), 403, "permission_denied", "Only the owner."),
        (Invalid("Not like that."), 400, "invalid", "Not like that."),
        (
            Conflict(),
            409,
            "conflict",
            "The request conflicts with the current state.",
        ),
    ],
)
def test_the_api_answers_each_application_error_in_the_one_shape(
    exc, status, code, message
):
    assert answer(exc) == (
        status,
        {"error": {"code": code, "message": message, "fields": {}}},
    )


def test_the_api_maps_a_django_validation_error_by_field():
    exc = ValidationError({"name": ["Give it a name."], "__all__": ["Too many."]})
    assert answer(exc) == (
        400,
        {
            "error": {
                "code": "invalid",
                "message": "name: Give it a name.",
                "fields": {"name": ["Give it a name."], "__all__": ["Too many."]},
            }
        },
    )
    assert answer(ValidationError("Not now.")) == (
        400,
        {
            "error": {
                "code": "invalid",
                "message": "Not now.",
                "fields": {"non_field_errors": ["Not now."]},
            }
        },
    )


def test_an_application_error_reads_as_its_message():
    exc = Conflict("This engagement has already ended.")
    assert isinstance(exc, DomainError)
    assert str(exc) == exc.message == exc.detail == "This engagement has already ended."


class NameForm(forms.Form):
    name = forms.CharField(required=False)


def test_pages_put_each_message_next_to_its_field_or_at_the_top():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    add_form_errors(
        form, ValidationError({"name": ["Taken."], "secret": ["Not a field here."]})
    )
    assert form.errors == {"name": ["Taken."], "__all__": ["Not a field here."]}

    other = NameForm({"name": "x"})
    other.is_valid()
    add_form_errors(other, ValidationError(["First.", "Second."]))
    assert other.errors == {"__all__": ["First.", "Second."]}
