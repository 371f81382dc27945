"""Site-wide pages: home, the role-aware dashboard entry, and error pages."""

from django.http import JsonResponse
from django.shortcuts import render

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


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("not_found", "Not found."), status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if _wants_json(request):
        return JsonResponse(
            error_body("server_error", "Something went wrong on our side."), status=500
        )
    return render(request, "500.html", status=500)
