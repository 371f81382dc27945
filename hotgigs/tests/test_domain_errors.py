"""Application errors (hotgigs.errors): raised by services, mapped once for the
API (its exception handler) and once for pages (add_form_errors, str(exc), and
DomainErrorMiddleware for an error a view did not catch)."""

import json

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from hotgigs.api.errors import exception_handler
from hotgigs.errors import Conflict, DomainError, Invalid, NotAllowed, add_form_errors
from hotgigs.views import DomainErrorMiddleware

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


def page_answer(exc, accept="text/html"):
    """What a page answers when its view lets `exc` through."""
    request = RequestFactory().get("/somewhere/", HTTP_ACCEPT=accept)
    request.user = AnonymousUser()
    middleware = DomainErrorMiddleware(lambda request: None)
    return middleware.process_exception(request, exc)


@pytest.mark.parametrize(
    ("exc", "status", "heading"),
    [
        (Conflict("Already answered."), 409, "Cannot be done now"),
        (Invalid("Choose a later date."), 400, "Bad request"),
    ],
)
def test_a_page_answers_an_uncaught_application_error_with_its_status_and_message(
    exc, status, heading
):
    response = page_answer(exc)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f"<p>{exc.message}</p>" in html


def test_a_page_asked_for_json_answers_the_one_error_shape():
    response = page_answer(Conflict("Already answered."), accept="application/json")
    assert response.status_code == 409
    assert json.loads(response.content) == {
        "error": {"code": "conflict", "message": "Already answered.", "fields": {}}
    }


def test_not_allowed_is_left_to_djangos_403_page():
    exc = NotAllowed("Only the owner.")
    assert isinstance(exc, PermissionDenied)
    assert page_answer(exc) is None
    assert page_answer(ValueError("a bug")) is None
