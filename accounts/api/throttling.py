import hashlib

from rest_framework.throttling import SimpleRateThrottle

from accounts.models import User
from hotgigs.api.throttling import LimitsCacheMixin


class AccountThrottle(LimitsCacheMixin, SimpleRateThrottle):
    """Sign-in attempts per account (the posted email), whatever the IP: a
    distributed brute force on one account is slowed down too. Counted in the
    "limits" cache, so it holds while Redis is down."""

    scope = "auth_account"

    def get_cache_key(self, request, view):
        data = request.data
        email = data.get("email") if isinstance(data, dict) else None
        if not isinstance(email, str) or not email.strip():
            return None  # nothing to count: the serializer answers 400
        email = User.objects.normalize_email(email)
        ident = hashlib.sha256(email.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
