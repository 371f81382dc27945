"""Site-wide pages: home, and the error pages (HTML for pages, JSON for the API).

hotgigs is the bottom layer: the home page's numbers come from higher apps'
models, reached by label through `apps.get_model` (never imported), and only
through their public querysets (`published()`, `searchable()`).
"""

import sys

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static

from hotgigs.api.errors import error_body
from hotgigs.api.pagination import COUNT_CAP, capped_count
from hotgigs.errors import DomainError

HOME_NUMBERS_KEY = "home:numbers:v1"
# The numbers are a shop window, not a report: five minutes old is fine.
HOME_NUMBERS_TTL = 300


def home_numbers() -> dict:
    """Open jobs, companies hiring and candidates, each counted at most to
    COUNT_CAP (+1, shown as "10,000+") and cached: cheap on tables of any size."""
    numbers = cache.get(HOME_NUMBERS_KEY)
    if numbers is not None:
        return numbers
    job = apps.get_model("jobs", "Job")
    profile = apps.get_model("candidates", "CandidateProfile")
    open_jobs = job.objects.published()
    numbers = {
        "open_jobs": capped_count(open_jobs),
        "companies_hiring": capped_count(
            open_jobs.order_by().values("company_id").distinct()
        ),
        "candidates": capped_count(profile.objects.searchable()),
        "cap": COUNT_CAP,
    }
    cache.set(HOME_NUMBERS_KEY, numbers, HOME_NUMBERS_TTL)
    return numbers


def wants_json(request):
    return request.path.startswith(
        "/api/"
    ) or "application/json" in request.headers.get("Accept", "")


def home(request):
    return render(request, "home.html", {"numbers": home_numbers()})


def favicon(request):
    """Pages name static/favicon.svg; browsers still ask /favicon.ico where a
    page names none (Django admin, a PDF or JSON opened in a tab). Not a
    permanent redirect: the icon's hashed name changes with the icon."""
    return HttpResponseRedirect(static("favicon.svg"))


def ratelimited(request, exception=None):
    """django-ratelimit's answer: a clear 429 with Retry-After."""
    message = "Too many attempts. Please wait a minute and try again."
    if wants_json(request):
        response = JsonResponse(error_body("throttled", message), status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response


ERROR_TEMPLATES = {400: "400.html", 409: "409.html"}


class DomainErrorMiddleware:
    """The pages' one mapping of application errors (``hotgigs.errors``) that a
    view did not catch: the error page of the error's status with its message
    (JSON for a client that asks for it). ``NotAllowed`` is also Django's
    ``PermissionDenied`` and gets Django's 403 handling (``permission_denied``).
    The API maps them in its exception handler (``hotgigs.api.errors``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or isinstance(
            exception, PermissionDenied
        ):
            return None
        status = exception.status_code
        if wants_json(request):
            return JsonResponse(
                error_body(exception.code, exception.message), status=status
            )
        template = ERROR_TEMPLATES.get(status, "400.html")
        return render(request, template, {"message": exception.message}, status=status)


def bad_request(request, exception=None):
    if wants_json(request):
        return JsonResponse(error_body("bad_request", "Bad request."), status=400)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    if wants_json(request):
        return JsonResponse(
            error_body("permission_denied", "You do not have permission."), status=403
        )
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A failed CSRF check on a page form: our 403 page, saying what to do."""
    message = "Your form expired or came from another site. Reload the page and retry."
    if wants_json(request):
        return JsonResponse(error_body("csrf_failed", message), status=403)
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    if wants_json(request):
        return JsonResponse(error_body("not_found", "Not found."), status=404)
    return render(request, "404.html", status=404)


def api_not_found(request, path=""):
    """Unknown `/api/…` URLs answer in the error shape even with DEBUG on."""
    return JsonResponse(error_body("not_found", "Not found."), status=404)


DATABASE_RETRY_AFTER = "30"


def database_unavailable(request):
    """503 + Retry-After: the database cannot be reached (not a bug of ours)."""
    message = "The service is briefly unavailable. Please retry in a moment."
    if wants_json(request):
        response = JsonResponse(error_body("unavailable", message), status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = DATABASE_RETRY_AFTER
    return response


def is_database_outage(exc) -> bool:
    """The database is unreachable or the connection dropped: not a bug, a 503.
    (An IntegrityError or a bad query is a DatabaseError too, but not these.)"""
    return isinstance(exc, (OperationalError, InterfaceError))


def server_error(request):
    # Django calls this inside its `except` block: the exception is at hand.
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    if wants_json(request):
        return JsonResponse(
            error_body("server_error", "Something went wrong on our side."), status=500
        )
    # Rendered without the request: the context processors (the user, the
    # session) may be what failed, so the error page must not depend on them.
    return HttpResponseServerError(loader.get_template("500.html").render())
