"""Personal data: what the account export includes and what account deletion
erases. Called by accounts (export / delete account)."""

from documents.models import Document
from documents.services import documents_erase_for_user

EXPORTED = {"documents.Document.owner"}
ERASED = EXPORTED


def export(user) -> list[dict]:
    """Metadata of the user's documents (not the bytes; they download those)."""
    rows = Document.objects.filter(owner=user).order_by("created_at", "pk")
    return [
        {
            "id": d.pk,
            "name": d.name,
            "kind": d.kind,
            "original_filename": d.original_filename,
            "content_type": d.content_type,
            "size": d.size,
            "sha256": d.sha256,
            "status": d.status,
            "failure_reason": d.failure_reason,
            "is_default": d.is_default,
            "page_count": d.page_count,
            "sent_with_an_application": d.is_snapshot,
            "created_at": d.created_at.isoformat(),
        }
        for d in rows
    ]


def erase(user) -> int:
    """Delete every document of the user, application copies included, and
    their files (a file another user uploaded identically stays for them).
    References from applications are set to null, so they keep no personal
    data."""
    return documents_erase_for_user(user=user)
