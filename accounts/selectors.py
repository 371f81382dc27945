"""Account reads."""

from accounts.models import User


def email_is_taken(*, email: str, exclude_user: User | None = None) -> bool:
    """Whether another account already signs in with `email` (case-insensitive)."""
    queryset = User.objects.filter(email__iexact=User.objects.normalize_email(email))
    if exclude_user is not None:
        queryset = queryset.exclude(pk=exclude_user.pk)
    return queryset.exists()
