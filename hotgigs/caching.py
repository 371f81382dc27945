"""Keep personal data out of shared and browser caches.

Every answer to a signed-in request (session or API token) carries data about the
person or their company (their name in the header, their applications, their
documents), so unless the view chose its own `Cache-Control`, it gets
`private, no-store`: no proxy keeps it, and the browser does not write it to disk
where the next user of the machine could read it back. Anonymous answers (public
job pages, search) are left for caches.

DRF authenticates inside the view and sets the user on the underlying request, so
by the time this middleware sees the response `request.user` is the token's user.
"""

from django.utils.cache import patch_cache_control

PRIVATE = "private, no-store"


def is_personal(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    # A request that sent credentials but was refused still must not be cached
    # under a shared key.
    return "HTTP_AUTHORIZATION" in request.META


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and is_personal(request):
            patch_cache_control(response, private=True, no_store=True)
        return response
