"""Writes for documents: upload, replace, rename, default, delete, snapshot,
extraction. Every service runs in one transaction and schedules its side effects
(extraction, removing unreferenced files) on commit.

Storage rules:
- bytes are stored once per sha256 (`StoredFile`), under a generated name in the
  private storage; rows refer to the blob;
- a file written during a service that then fails is removed again, so a failed
  upload leaves no row and no file;
- a blob (row and file) is removed only when no `Document` refers to it, which is
  what keeps an application's snapshot alive after the original is deleted.
"""

import hashlib
import logging
import re
import unicodedata
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models import Sum

# Tasks call these services and these services queue the tasks: the module, not
# its names, so either side may be imported first.
from documents import tasks as document_tasks
from documents.extraction import extract
from documents.models import Document, DocumentKind, DocumentStatus, StoredFile
from documents.validation import DocumentRejected, validate_upload
from hotgigs.outbox import enqueue, sweep_window

logger = logging.getLogger(__name__)

NAME_MAX = 200
FILENAME_MAX = 255


def private_storage():
    return storages["private"]


# --- names ---------------------------------------------------------------------


def clean_filename(filename: str) -> str:
    """The user's filename as metadata: base name, no control characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    name = name.strip(". ") or "document"
    if len(name) > FILENAME_MAX:
        stem, dot, ext = name.rpartition(".")
        keep = FILENAME_MAX - len(ext) - 1
        name = f"{stem[:keep]}.{ext}" if dot and keep > 0 else name[:FILENAME_MAX]
    return name


def default_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    stem = re.sub(r"[_]+", " ", stem).strip()
    return (stem or "Document")[:NAME_MAX]


def clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DocumentRejected("The name cannot be empty.", code="name_required")
    if len(name) > NAME_MAX:
        raise DocumentRejected(
            f"The name is longer than {NAME_MAX} characters.", code="name_too_long"
        )
    return name


# --- blobs ---------------------------------------------------------------------


@contextmanager
def _cleanup_on_failure():
    """Collects storage names written inside; deletes them if the block fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            try:
                private_storage().delete(name)
            # Best effort, and the upload's own error must surface: any storage
            # error (OSError locally, botocore's on S3) is only logged.
            except Exception:  # noqa: BLE001 — any backend's error  # pragma: no cover
                logger.warning("could not remove %s after a failed upload", name)
        raise


def _read_upload(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _blob_for(data: bytes, *, content_type: str, written: list[str]) -> StoredFile:
    """The blob for these bytes: the existing one (locked) or a new one."""
    sha256 = hashlib.sha256(data).hexdigest()
    storage = private_storage()
    blob = StoredFile.objects.select_for_update().filter(sha256=sha256).first()
    if blob is not None:
        if storage.exists(blob.storage_name):
            return blob
        # The file went missing (restored backup, manual cleanup): store it again.
        blob.storage_name = storage.save(_generated_name(), ContentFile(data))
        written.append(blob.storage_name)
        blob.save(update_fields=["storage_name"])
        return blob
    name = storage.save(_generated_name(), ContentFile(data))
    written.append(name)
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                sha256=sha256,
                storage_name=name,
                size=len(data),
                content_type=content_type,
            )
    except IntegrityError:
        # A concurrent upload of the same bytes won: use its blob, drop our copy.
        storage.delete(name)
        written.remove(name)
        return StoredFile.objects.select_for_update().get(sha256=sha256)


def _generated_name() -> str:
    token = uuid.uuid4().hex
    return f"documents/{token[:2]}/{token}"


def _release_blobs(blob_ids) -> None:
    """Delete each blob that no document refers to any more (file on commit)."""
    for blob in StoredFile.objects.select_for_update().filter(pk__in=set(blob_ids)):
        if Document.objects.filter(blob=blob).exists():
            continue
        name = blob.storage_name
        blob.delete()
        transaction.on_commit(lambda name=name: _delete_file(name))


def _delete_file(name: str) -> None:
    # A new blob never reuses a name, so this cannot remove a live file. It runs
    # after the commit: a storage error (S3 unreachable) is logged, never raised
    # into a request whose change is already saved.
    try:
        private_storage().delete(name)
    except Exception:  # noqa: BLE001 — any backend's error  # pragma: no cover
        logger.warning("could not delete stored file %s", name)


def open_blob(document: Document):
    return private_storage().open(document.blob.storage_name, "rb")


# --- quota ---------------------------------------------------------------------


def used_bytes(owner, *, excluding: Document | None = None) -> int:
    documents = Document.objects.visible().owned_by(owner)
    if excluding is not None:
        documents = documents.exclude(pk=excluding.pk)
    return documents.aggregate(total=Sum("size"))["total"] or 0


def _check_quota(owner, size: int, *, excluding: Document | None = None) -> None:
    # Serialise one user's uploads so two at once cannot both fit the quota.
    get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
    quota = settings.DOCUMENT_USER_QUOTA_BYTES
    if used_bytes(owner, excluding=excluding) + size > quota:
        raise DocumentRejected(
            f"Your documents would use more than {quota // (1024 * 1024)} MB; "
            "delete some first.",
            code="quota_exceeded",
        )


def _schedule_extraction(document: Document) -> None:
    """Queue the extraction on commit. The row's `processing` status is the record
    of the work: with the broker down the upload still succeeds, and
    `documents_sweep_extractions` (beat) queues it once the broker is back."""
    transaction.on_commit(
        lambda pk=document.pk: enqueue(document_tasks.extract_document_text, pk)
    )


def documents_sweep_extractions(*, now=None) -> int:
    """Queue again the extractions of documents still processing after the grace
    period (the broker was down, or the storage failed through every retry)."""
    extract_document_text = document_tasks.extract_document_text

    oldest, newest = sweep_window(now)
    ids = list(
        Document.objects.filter(
            status=DocumentStatus.PROCESSING,
            updated_at__gte=oldest,
            updated_at__lte=newest,
        )
        .order_by("updated_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    queued = 0
    for pk in ids:
        if not enqueue(extract_document_text, pk):
            break  # the broker is down: the next sweep tries again
        queued += 1
    return queued


SWEEP_BATCH = 1000


# --- services --------------------------------------------------------------------


def document_upload(*, owner, file, kind: str, name: str = "") -> Document:
    """Validate, store (deduplicated) and record a document; extraction follows.

    Raises `DocumentRejected` (with `code`) for anything refused; then nothing is
    stored.
    """
    if kind not in DocumentKind.values:
        raise DocumentRejected("Choose a valid kind.", code="invalid_kind")
    filename = clean_filename(getattr(file, "name", ""))
    name = clean_name(name) if name and name.strip() else default_name(filename)
    detected = validate_upload(file, filename=filename, kind=kind)
    data = _read_upload(file)
    with _cleanup_on_failure() as written, transaction.atomic():
        _check_quota(owner, len(data))
        blob = _blob_for(data, content_type=detected.content_type, written=written)
        is_default = (
            kind == DocumentKind.RESUME
            and not Document.objects.visible()
            .owned_by(owner)
            .filter(is_default=True)
            .exists()
        )
        document = Document.objects.create(
            owner=owner,
            kind=kind,
            name=name,
            original_filename=filename,
            content_type=detected.content_type,
            size=len(data),
            sha256=blob.sha256,
            blob=blob,
            is_default=is_default,
        )
        _schedule_extraction(document)
    return document


def document_replace(*, document: Document, file) -> Document:
    """New bytes for the same document (same id, name, kind, default flag).

    Snapshots given to applications keep the old bytes.
    """
    _ensure_not_snapshot(document)
    filename = clean_filename(getattr(file, "name", ""))
    detected = validate_upload(file, filename=filename, kind=document.kind)
    data = _read_upload(file)
    with _cleanup_on_failure() as written, transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _check_quota(document.owner, len(data), excluding=document)
        old_blob_id = document.blob_id
        blob = _blob_for(data, content_type=detected.content_type, written=written)
        document.blob = blob
        document.sha256 = blob.sha256
        document.size = len(data)
        document.content_type = detected.content_type
        document.original_filename = filename
        _reset_extraction(document)
        document.save()
        if old_blob_id != blob.pk:
            _release_blobs([old_blob_id])
        _schedule_extraction(document)
    return document


def _reset_extraction(document: Document) -> None:
    document.status = DocumentStatus.PROCESSING
    document.failure_reason = ""
    document.extracted_text = ""
    document.page_count = None
    document.has_text_layer = None


def _ensure_not_snapshot(document: Document) -> None:
    if document.is_snapshot:
        raise DocumentRejected(
            "A copy sent with an application cannot be changed.", code="snapshot"
        )


@transaction.atomic
def document_update(
    *, document: Document, name: str | None = None, is_default: bool | None = None
) -> Document:
    """Rename and/or make (or stop being) the owner's default resume."""
    _ensure_not_snapshot(document)
    document = Document.objects.select_for_update().get(pk=document.pk)
    fields = ["updated_at"]
    if name is not None:
        document.name = clean_name(name)
        fields.append("name")
    if is_default is not None and is_default != document.is_default:
        if is_default:
            if document.kind != DocumentKind.RESUME:
                raise DocumentRejected(
                    "Only a resume can be the default.", code="not_a_resume"
                )
            Document.objects.visible().owned_by(document.owner).filter(
                is_default=True
            ).update(is_default=False)
        document.is_default = is_default
        fields.append("is_default")
    document.save(update_fields=fields)
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Delete the document; the file stays while a snapshot still uses it."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    blob_id, was_default = document.blob_id, document.is_default
    owner, is_snapshot = document.owner, document.is_snapshot
    document.delete()
    if was_default and not is_snapshot:
        # The newest remaining resume becomes the default, so there always is one.
        successor = (
            Document.objects.visible()
            .owned_by(owner)
            .filter(kind=DocumentKind.RESUME)
            .order_by("-created_at", "-pk")
            .first()
        )
        if successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default", "updated_at"])
    _release_blobs([blob_id])


@transaction.atomic
def document_snapshot(*, document: Document) -> Document:
    """A frozen copy for an application: same owner and bytes, hidden from the
    owner's list, unaffected by later renames, replacements and deletion."""
    source = Document.objects.select_for_update().get(pk=document.pk)
    if source.is_snapshot:
        return source
    snapshot = Document.objects.create(
        owner=source.owner,
        kind=source.kind,
        name=source.name,
        original_filename=source.original_filename,
        content_type=source.content_type,
        size=source.size,
        sha256=source.sha256,
        blob_id=source.blob_id,
        status=source.status,
        failure_reason=source.failure_reason,
        is_default=False,
        extracted_text=source.extracted_text,
        page_count=source.page_count,
        has_text_layer=source.has_text_layer,
        is_snapshot=True,
        snapshot_of=source,
    )
    if snapshot.status == DocumentStatus.PROCESSING:
        _schedule_extraction(snapshot)
    return snapshot


def document_extract(*, document_id: int) -> Document | None:
    """Read the stored bytes and record text, pages and status. Idempotent: a
    retry recomputes the same result from the same bytes."""
    document = Document.objects.select_related("blob").filter(pk=document_id).first()
    if document is None:  # deleted before the task ran
        return None
    sha256 = document.sha256
    try:
        with private_storage().open(document.blob.storage_name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        result = None  # final; other storage errors raise and the task retries
    else:
        result = extract(data, document.content_type)
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.sha256 != sha256:
            return document  # replaced meanwhile: its own task records the result
        if result is None:
            document.status = DocumentStatus.FAILED
            document.failure_reason = "file missing"
        else:
            document.status = (
                DocumentStatus.READY if result.ok else DocumentStatus.FAILED
            )
            document.failure_reason = result.reason
            document.extracted_text = result.text
            document.page_count = result.page_count
            document.has_text_layer = result.has_text_layer
        document.save(
            update_fields=[
                "status",
                "failure_reason",
                "extracted_text",
                "page_count",
                "has_text_layer",
                "updated_at",
            ]
        )
    return document


@transaction.atomic
def documents_rerun_extraction(*, documents) -> int:
    """Mark documents processing again and queue their extraction (admin)."""
    count = 0
    for document in documents:
        _reset_extraction(document)
        document.save(
            update_fields=[
                "status",
                "failure_reason",
                "extracted_text",
                "page_count",
                "has_text_layer",
                "updated_at",
            ]
        )
        _schedule_extraction(document)
        count += 1
    return count


@transaction.atomic
def documents_erase_for_user(*, user) -> int:
    """Account deletion: every document of the user, snapshots included, and
    their files. References from other apps (applications) are set to null."""
    documents = Document.objects.filter(owner=user)
    ids = list(documents.values_list("pk", flat=True))
    if not ids:
        return 0
    for relation in Document._meta.related_objects:
        field = relation.field
        if relation.related_model is Document or not field.null:
            continue
        if not getattr(field, "many_to_one", False):
            continue
        relation.related_model._base_manager.filter(
            **{f"{field.name}__in": ids}
        ).update(**{field.name: None})
    blob_ids = list(documents.values_list("blob_id", flat=True))
    Document.objects.filter(pk__in=ids).update(snapshot_of=None)
    Document.objects.filter(pk__in=ids).delete()
    _release_blobs(blob_ids)
    return len(ids)
