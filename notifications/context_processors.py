from django.utils.functional import SimpleLazyObject

from notifications import selectors


def header_counts(request):
    """Unread notifications and conversations for the header: one query, run only
    when a template shows them (signed-in pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = SimpleLazyObject(lambda: selectors.header_counts(user))
    return {
        "unread_notifications": SimpleLazyObject(lambda: counts["unread"]),
        "unread_conversations": SimpleLazyObject(
            lambda: counts["unread_conversations"]
        ),
    }
