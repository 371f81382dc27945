"""django-ratelimit guards for the sign-in pages: per client IP and per account.

Blocked requests raise `Ratelimited`; the RatelimitMiddleware answers them with
settings.RATELIMIT_VIEW (429 + Retry-After). Rates can be tuned per deployment
with settings.ACCOUNTS_PAGE_RATES = {"login_ip": "10/m", ...}.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit

DEFAULT_RATES = {
    "login_ip": "10/m",
    "login_account": "5/m",
    "signup_ip": "10/m",
    "signup_account": "5/m",
    "password_reset_ip": "5/m",
    "password_reset_account": "3/m",
}


def _rate(name):
    def rate(group, request):
        return getattr(settings, "ACCOUNTS_PAGE_RATES", {}).get(
            name, DEFAULT_RATES[name]
        )

    return rate


def _posted_email(field):
    def key(group, request):
        return request.POST.get(field, "").strip().lower()[:254]

    return key


def limit_posts(name, *, email_field):
    """Rate limit a view's POSTs per IP (`<name>_ip`) and per email
    (`<name>_account`, read from the POST field `email_field`)."""

    def decorator(view):
        view = ratelimit(
            group=f"accounts.{name}.account",
            key=_posted_email(email_field),
            rate=_rate(f"{name}_account"),
            method="POST",
        )(view)
        return ratelimit(
            group=f"accounts.{name}.ip",
            key="ip",
            rate=_rate(f"{name}_ip"),
            method="POST",
        )(view)

    return decorator
