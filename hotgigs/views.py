"""Site-wide pages: home, and the error pages (HTML for pages, JSON for the API)."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader

from hotgigs.api.errors import error_body


def _wants_json(request):
    return request.path.startswith(
        "/api/"
    ) or "application/json" in request.headers.get("Accept", "")


def home(request):
    return render(request, "home.html")


def ratelimited(request, exception=None):
    """django-ratelimit's answer: a clear 429 with Retry-After."""
    message = "Too many attempts. Please wait a minute and try again."
    if _wants_json(request):
        response = JsonResponse(error_body("throttled", message), status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("bad_request", "Bad request."), status=400)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            error_body("permission_denied", "You do not have permission."), status=403
        )
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A failed CSRF check on a page form: our 403 page, saying what to do."""
    message = "Your form expired or came from another site. Reload the page and retry."
    if _wants_json(request):
        return JsonResponse(error_body("csrf_failed", message), status=403)
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("not_found", "Not found."), status=404)
    return render(request, "404.html", status=404)


def api_not_found(request, path=""):
    """Unknown `/api/…` URLs answer in the error shape even with DEBUG on."""
    return JsonResponse(error_body("not_found", "Not found."), status=404)


def server_error(request):
    if _wants_json(request):
        return JsonResponse(
            error_body("server_error", "Something went wrong on our side."), status=500
        )
    # Rendered without the request: the context processors (the user, the
    # session) may be what failed, so the error page must not depend on them.
    return HttpResponseServerError(loader.get_template("500.html").render())
