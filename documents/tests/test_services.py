"""Storage, dedup, snapshots, defaults, quota and the extraction task."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import privacy, services
from documents.models import Document, DocumentStatus, StoredFile
from documents.tasks import extract_document_text
from documents.tests import corpus
from documents.tests.conftest import stored_files
from documents.validation import DocumentRejected


def test_upload_stores_under_a_generated_name_and_extracts(
    alice, upload, private_storage
):
    document = upload(alice, corpus.pdf_resume(), "My CV (final).pdf")
    files = stored_files(private_storage)
    assert len(files) == 1
    assert "CV" not in files[0].name and not files[0].name.endswith(".pdf")
    assert files[0].read_bytes() == corpus.pdf_resume()
    assert (
        document.name,
        document.original_filename,
        document.content_type,
        document.size,
        document.status,
        document.failure_reason,
        document.extracted_text,
        document.page_count,
        document.has_text_layer,
        document.is_default,
    ) == (
        "My CV (final)",
        "My CV (final).pdf",
        "application/pdf",
        len(corpus.pdf_resume()),
        DocumentStatus.READY,
        "",
        corpus.RESUME_TEXT,
        1,
        True,
        True,
    )


@pytest.mark.parametrize(
    ("builder", "filename", "status", "reason", "text"),
    [
        (corpus.docx_resume, "cv.docx", "ready", "", corpus.DOCX_TEXT),
        (corpus.build_doc, "cv.doc", "ready", "", corpus.DOC_TEXT),
        (corpus.pdf_image_only, "scan.pdf", "ready", "no text layer", ""),
        (corpus.pdf_encrypted, "locked.pdf", "failed", "encrypted", ""),
        (corpus.pdf_truncated, "cut.pdf", "failed", "could not read", ""),
    ],
)
def test_extraction_results_per_type(
    alice, upload, builder, filename, status, reason, text
):
    document = upload(alice, builder(), filename)
    assert (document.status, document.failure_reason, document.extracted_text) == (
        status,
        reason,
        text,
    )


def test_same_bytes_twice_are_stored_once(alice, bob, upload, private_storage):
    first = upload(alice, corpus.pdf_resume(), "a.pdf")
    second = upload(alice, corpus.pdf_resume(), "b.pdf", kind="cover_letter")
    third = upload(bob, corpus.pdf_resume(), "c.pdf")
    assert first.blob_id == second.blob_id == third.blob_id
    assert StoredFile.objects.count() == 1
    assert len(stored_files(private_storage)) == 1


def test_rejected_upload_leaves_no_row_and_no_file(alice, private_storage):
    with pytest.raises(DocumentRejected):
        services.document_upload(
            owner=alice, file=SimpleUploadedFile("x.pdf", corpus.HTML), kind="resume"
        )
    assert Document.objects.count() == 0
    assert StoredFile.objects.count() == 0
    assert stored_files(private_storage) == []


def test_failing_save_removes_the_written_file(alice, private_storage, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document.objects, "create", boom)
    with pytest.raises(RuntimeError):
        services.document_upload(
            owner=alice,
            file=SimpleUploadedFile("cv.pdf", corpus.pdf_resume()),
            kind="resume",
        )
    assert Document.objects.count() == 0
    assert StoredFile.objects.count() == 0
    assert stored_files(private_storage) == []


def test_quota_is_enforced_per_user(alice, bob, upload, settings):
    size = len(corpus.pdf_resume())
    settings.DOCUMENT_USER_QUOTA_BYTES = size + 10
    upload(alice, corpus.pdf_resume(), "a.pdf")
    with pytest.raises(DocumentRejected) as caught:
        upload(alice, corpus.docx_resume(), "b.docx")
    assert caught.value.code == "quota_exceeded"
    assert upload(bob, corpus.pdf_resume(), "b.pdf").size == size
    assert Document.objects.filter(owner=alice).count() == 1


def test_snapshot_survives_deleting_the_original(
    alice, upload, django_capture_on_commit_callbacks, private_storage
):
    original = upload(alice, corpus.pdf_resume(), "cv.pdf")
    snapshot = services.document_snapshot(document=original)
    assert (snapshot.is_snapshot, snapshot.snapshot_of_id, snapshot.blob_id) == (
        True,
        original.pk,
        original.blob_id,
    )
    assert snapshot.extracted_text == corpus.RESUME_TEXT
    assert snapshot.is_default is False
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=original)
    snapshot.refresh_from_db()
    assert snapshot.snapshot_of_id is None
    assert len(stored_files(private_storage)) == 1
    assert list(Document.objects.visible().filter(owner=alice)) == []


def test_snapshot_keeps_old_bytes_after_replace(
    alice, upload, django_capture_on_commit_callbacks, private_storage
):
    original = upload(alice, corpus.pdf_resume(), "cv.pdf")
    snapshot = services.document_snapshot(document=original)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_replace(
            document=original, file=SimpleUploadedFile("new.docx", corpus.docx_resume())
        )
    original.refresh_from_db()
    snapshot.refresh_from_db()
    assert (original.content_type, original.extracted_text, original.name) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        corpus.DOCX_TEXT,
        "cv",
    )
    assert (snapshot.content_type, snapshot.extracted_text) == (
        "application/pdf",
        corpus.RESUME_TEXT,
    )
    assert len(stored_files(private_storage)) == 2


def test_replace_releases_an_unused_blob(
    alice, upload, django_capture_on_commit_callbacks, private_storage
):
    original = upload(alice, corpus.pdf_resume(), "cv.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_replace(
            document=original,
            file=SimpleUploadedFile("new.pdf", corpus.pdf_multipage()),
        )
    assert StoredFile.objects.count() == 1
    files = stored_files(private_storage)
    assert [f.read_bytes() for f in files] == [corpus.pdf_multipage()]


def test_deleting_the_last_reference_removes_the_file(
    alice, upload, django_capture_on_commit_callbacks, private_storage
):
    document = upload(alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document)
    assert StoredFile.objects.count() == 0
    assert stored_files(private_storage) == []


def test_snapshots_cannot_be_changed(alice, upload):
    snapshot = services.document_snapshot(document=upload(alice))
    with pytest.raises(DocumentRejected) as caught:
        services.document_update(document=snapshot, name="Edited")
    assert caught.value.code == "snapshot"


def test_one_default_resume_per_owner(alice, upload):
    first = upload(alice, corpus.pdf_resume(), "a.pdf")
    second = upload(alice, corpus.docx_resume(), "b.docx")
    assert (first.is_default, second.is_default) == (True, False)
    services.document_update(document=second, is_default=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_default, second.is_default) == (False, True)


def test_deleting_the_default_promotes_the_newest_resume(alice, upload):
    first = upload(alice, corpus.pdf_resume(), "a.pdf")
    second = upload(alice, corpus.docx_resume(), "b.docx")
    services.document_delete(document=first)
    second.refresh_from_db()
    assert second.is_default is True


def test_only_resumes_can_be_default(alice, upload):
    letter = upload(alice, kind="cover_letter")
    assert letter.is_default is False
    with pytest.raises(DocumentRejected) as caught:
        services.document_update(document=letter, is_default=True)
    assert caught.value.code == "not_a_resume"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_bad_names_are_refused(alice, upload, name):
    document = upload(alice)
    with pytest.raises(DocumentRejected):
        services.document_update(document=document, name=name)
    document.refresh_from_db()
    assert document.name == "resume"


def test_extraction_task_is_idempotent(alice, upload):
    document = upload(alice)
    assert extract_document_text.delay(document.pk).get() == "ready"
    assert extract_document_text.delay(document.pk).get() == "ready"
    document.refresh_from_db()
    assert (document.status, document.extracted_text) == ("ready", corpus.RESUME_TEXT)


def test_extraction_of_a_deleted_document_is_a_no_op(db):
    assert extract_document_text.delay(123456).get() is None


def test_rerun_extraction(alice, upload, django_capture_on_commit_callbacks):
    document = upload(alice)
    Document.objects.filter(pk=document.pk).update(
        status="failed", failure_reason="x", extracted_text=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        count = services.documents_rerun_extraction(
            documents=list(Document.objects.filter(pk=document.pk))
        )
    document.refresh_from_db()
    assert (count, document.status, document.extracted_text) == (
        1,
        "ready",
        corpus.RESUME_TEXT,
    )


def test_filenames_are_cleaned():
    assert services.clean_filename("C:\\Users\\x\\my\x00cv\n.pdf") == "mycv.pdf"
    assert services.clean_filename("../../etc/passwd") == "passwd"
    assert services.clean_filename("") == "document"
    long = "a" * 300 + ".pdf"
    assert services.clean_filename(long) == "a" * 251 + ".pdf"


def test_privacy_export_and_erase(
    alice, bob, upload, django_capture_on_commit_callbacks, private_storage
):
    document = upload(alice, corpus.pdf_resume(), "cv.pdf")
    services.document_snapshot(document=document)
    upload(bob, corpus.pdf_resume(), "same-bytes.pdf")
    upload(alice, corpus.docx_resume(), "other.docx", kind="cover_letter")
    exported = privacy.export(alice)
    assert [
        (row["original_filename"], row["sent_with_an_application"]) for row in exported
    ] == [
        ("cv.pdf", False),
        ("cv.pdf", True),
        ("other.docx", False),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.erase(alice) == 3
    assert Document.objects.filter(owner=alice).count() == 0
    # bob's identical file is still stored for bob; alice's DOCX is gone.
    assert [f.read_bytes() for f in stored_files(private_storage)] == [
        corpus.pdf_resume()
    ]
