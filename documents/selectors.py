"""Reads for documents: what pages and the API list and show."""

from django.db.models import Sum

from documents.models import Document, DocumentStatus


def documents_for_owner(user):
    """The owner's own documents (not application snapshots), newest first."""
    return (
        Document.objects.visible()
        .owned_by(user)
        .defer("extracted_text")
        .order_by("-created_at", "-pk")
    )


def document_for_owner(user, pk) -> Document | None:
    return documents_for_owner(user).filter(pk=pk).first()


def storage_used(user) -> int:
    total = Document.objects.visible().owned_by(user).aggregate(total=Sum("size"))
    return total["total"] or 0


def any_processing(documents) -> bool:
    return any(d.status == DocumentStatus.PROCESSING for d in documents)
