"""Who may download a document. One predicate for pages and API alike."""

from django.db.models import Q

from documents.models import Document


def can_manage(user, document: Document) -> bool:
    """Rename, replace, delete, make default: the owner, on their own copies."""
    return (
        user.is_authenticated
        and document.owner_id == user.pk
        and not document.is_snapshot
    )


def can_download(user, document: Document) -> bool:
    """The owner always; members of a company for documents attached to an
    application to one of its jobs (`Application.resume` or
    `Application.cover_letter_document`). Nobody else — staff use the admin."""
    if not user.is_authenticated:
        return False
    if document.owner_id == user.pk:
        return True
    # Through the reverse relations of jobs.Application (a higher layer, never
    # imported): a renamed field fails loudly instead of refusing everyone.
    teams = Q(applications_as_resume__job__company__memberships__user=user) | Q(
        applications_as_cover_letter__job__company__memberships__user=user
    )
    return Document.objects.filter(teams, pk=document.pk).exists()
