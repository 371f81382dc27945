"""The client's IP address, trusting `X-Forwarded-For` only from our own proxies.

`settings.TRUSTED_PROXY_COUNT` says how many proxies (load balancer, nginx) stand
in front of the application, each appending the address it received the request
from to `X-Forwarded-For`. The client is then the address the outermost trusted
proxy appended: the N-th from the right. Anything further left was written by
the client and is ignored; with 0 proxies (the default) the header is ignored
altogether and `REMOTE_ADDR` is the client.

One function for every per-IP decision: DRF's throttles (`NUM_PROXIES` is set
to the same number and uses the same rule), django-ratelimit
(`RATELIMIT_IP_META_KEY`), the page throttle and the audit log.
"""

import ipaddress

from django.conf import settings

# The rate-limit key every client without a usable address shares (a key, never
# an address to bind to).
UNKNOWN_CLIENT = str(ipaddress.IPv4Address(0))


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address, or None when there is none to tell (no request,
    or a proxy misconfigured to send garbage)."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part for part in forwarded.split(",") if part.strip()]
        if addresses:
            return _valid(addresses[-min(proxies, len(addresses))])
    return _valid(remote)


def ratelimit_ip(request) -> str:
    """django-ratelimit's IP (it needs a string): unknown clients share one."""
    return client_ip(request) or UNKNOWN_CLIENT
