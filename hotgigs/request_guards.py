"""Site-wide request guards, in front of every view.

- `RequestShapeMiddleware` (outermost, before sessions or the database): a
  query string longer than `QUERY_STRING_MAX_BYTES` answers 414, a NUL
  character in the path or a query parameter answers 400 (PostgreSQL cannot
  hold a NUL in a text value; no view should have to think of it). The API
  answers in the JSON error shape, pages with a plain page.
- `PageThrottleMiddleware`: HTML pages are throttled per user (signed in) or
  per client IP (anonymous), with a stricter budget for the search pages that
  cost the most (`PAGE_THROTTLE_*` settings). The API has its own throttles
  (hotgigs/api/throttling.py); static files, health checks and metrics are
  not throttled. A refused page is django-ratelimit's friendly 429.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django_ratelimit.core import is_ratelimited

from hotgigs.api.errors import error_body
from hotgigs.clientip import ratelimit_ip
from hotgigs.views import ratelimited, wants_json

UNTHROTTLED_PREFIXES = ("/api/", "/static/", "/media/", "/health/", "/metrics")


def _plain_page(status, template, message):
    body = loader.get_template(template).render({"message": message})
    return HttpResponse(body, status=status)


def _refuse(request, status, code, message, template):
    if wants_json(request):
        return JsonResponse(error_body(code, message), status=status)
    # Rendered without the request: no session or database for a refused request.
    return _plain_page(status, template, message)


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class RequestShapeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(query) > settings.QUERY_STRING_MAX_BYTES:
            return _refuse(
                request,
                414,
                "uri_too_long",
                f"The query string is longer than "
                f"{settings.QUERY_STRING_MAX_BYTES} bytes.",
                "414.html",
            )
        if _has_nul(request):
            return _refuse(
                request,
                400,
                "bad_request",
                "Null characters are not allowed in the address.",
                "400.html",
            )
        return self.get_response(request)


def _page_key(group, request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{ratelimit_ip(request)}"


class PageThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(UNTHROTTLED_PREFIXES) or request.method in (
            "HEAD",
            "OPTIONS",
        ):
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        limits = [("pages", settings.PAGE_THROTTLE_RATE)]
        if name in settings.PAGE_THROTTLE_SEARCH_VIEWS:
            limits.append(("pages.search", settings.PAGE_THROTTLE_SEARCH_RATE))
        for group, rate in limits:
            if rate and is_ratelimited(
                request, group=group, key=_page_key, rate=rate, increment=True
            ):
                return ratelimited(request)
        return None
