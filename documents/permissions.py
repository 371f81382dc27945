"""Who may download a document. One predicate for pages and API alike."""

from django.apps import apps
from django.core.exceptions import FieldError
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
    try:
        application_model = apps.get_model("jobs", "Application")
    except LookupError:
        return False
    try:
        return application_model.objects.filter(
            Q(resume=document) | Q(cover_letter_document=document),
            job__company__memberships__user=user,
        ).exists()
    except FieldError:
        return False
