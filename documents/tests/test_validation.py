"""The corpus through validation and extraction: accepted types, refused ones."""

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.extraction import extract
from documents.models import ContentType
from documents.tests import corpus
from documents.validation import DocumentRejected, validate_upload


def validate(data, filename, kind="resume"):
    return validate_upload(
        SimpleUploadedFile(filename, data), filename=filename, kind=kind
    )


@pytest.mark.parametrize(
    ("builder", "filename", "kind", "content_type"),
    [
        (corpus.pdf_resume, "cv.pdf", "resume", ContentType.PDF),
        (corpus.pdf_rewritten_by_pypdf, "cv.PDF", "cover_letter", ContentType.PDF),
        (corpus.docx_resume, "cv.docx", "resume", ContentType.DOCX),
        (corpus.build_doc, "cv.doc", "resume", ContentType.DOC),
        (corpus.doc_by_libreoffice, "cv.doc", "cover_letter", ContentType.DOC),
        (corpus.png_image, "shot.png", "portfolio", ContentType.PNG),
        (corpus.jpeg_image, "shot.jpg", "portfolio", ContentType.JPEG),
        (corpus.jpeg_image, "shot.jpeg", "portfolio", ContentType.JPEG),
        (corpus.pdf_encrypted, "locked.pdf", "resume", ContentType.PDF),
        (corpus.pdf_truncated, "cut.pdf", "resume", ContentType.PDF),
    ],
)
def test_accepted_types_are_detected_from_content(
    builder, filename, kind, content_type
):
    assert validate(builder(), filename, kind).content_type == content_type


@pytest.mark.parametrize(
    ("data", "filename", "kind", "code"),
    [
        (corpus.EXE, "resume.pdf", "resume", "executable"),
        (corpus.ELF, "resume.docx", "resume", "executable"),
        (corpus.SHELL, "resume.doc", "resume", "executable"),
        (corpus.HTML, "resume.pdf", "resume", "markup"),
        (corpus.SVG, "resume.pdf", "resume", "markup"),
        (corpus.SVG, "shot.png", "portfolio", "markup"),
        (corpus.pdf_html_polyglot(), "resume.pdf", "resume", "markup"),
        (corpus.pdf_zip_polyglot(), "resume.pdf", "resume", "polyglot"),
        (corpus.zip_pdf_polyglot(), "resume.docx", "resume", "polyglot"),
        (corpus.pdf_with_javascript(), "resume.pdf", "resume", "active_content"),
        (corpus.docx_with_macros(), "resume.docx", "resume", "macros"),
        (corpus.zip_many_members(), "resume.docx", "resume", "zip_bomb"),
        (b"", "resume.pdf", "resume", "empty"),
        (b"just some text\n", "resume.pdf", "resume", "unsupported"),
        (corpus.png_image(), "shot.png", "resume", "type_not_allowed"),
        (corpus.pdf_resume(), "resume.docx", "resume", "extension_mismatch"),
        (corpus.pdf_resume(), "resume", "resume", "extension_mismatch"),
        (corpus.docx_resume(), "resume.pdf", "resume", "extension_mismatch"),
        (corpus.jpeg_image(), "shot.png", "portfolio", "extension_mismatch"),
        (corpus.png_image()[:40], "shot.png", "portfolio", "malformed"),
    ],
)
def test_refused_files(data, filename, kind, code):
    with pytest.raises(DocumentRejected) as caught:
        validate(data, filename, kind)
    assert caught.value.code == code


def test_oversized_file_is_refused_as_too_large(settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    with pytest.raises(DocumentRejected) as caught:
        validate(corpus.pdf_resume() + b" " * 1000, "cv.pdf")
    assert caught.value.code == "too_large"


def test_zip_bomb_is_refused_quickly_with_bounded_memory():
    bomb = corpus.zip_bomb(member_mb=200)  # 200 MB inflated, ~200 KB on disk
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(DocumentRejected) as caught:
        validate(bomb, "resume.docx")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caught.value.code == "zip_bomb"
    assert elapsed < 2
    assert peak < 5 * 1024 * 1024


def test_pdf_text_is_extracted_exactly():
    result = extract(corpus.pdf_resume(), ContentType.PDF)
    assert (result.ok, result.text, result.page_count, result.has_text_layer) == (
        True,
        corpus.RESUME_TEXT,
        1,
        True,
    )


def test_pdf_from_another_tool_gives_the_same_text():
    result = extract(corpus.pdf_rewritten_by_pypdf(), ContentType.PDF)
    assert result.text == corpus.RESUME_TEXT


def test_multipage_pdf_counts_pages():
    result = extract(corpus.pdf_multipage(), ContentType.PDF)
    assert result.page_count == 3
    assert result.text == "Page one: experience\nPage two: education\nThree"


def test_image_only_pdf_is_ready_without_text_layer():
    result = extract(corpus.pdf_image_only(), ContentType.PDF)
    assert (result.ok, result.reason, result.text, result.page_count) == (
        True,
        "no text layer",
        "",
        2,
    )
    assert result.has_text_layer is False


def test_encrypted_pdf_fails_with_reason():
    result = extract(corpus.pdf_encrypted(), ContentType.PDF)
    assert (result.ok, result.reason) == (False, "encrypted")


def test_truncated_pdf_fails_with_reason():
    result = extract(corpus.pdf_truncated(), ContentType.PDF)
    assert (result.ok, result.reason) == (False, "could not read")


def test_garbage_after_pdf_header_fails_with_reason():
    result = extract(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"%%EOF", ContentType.PDF)
    assert (result.ok, result.reason) == (False, "could not read")


def test_too_many_pages_fails(settings):
    settings.DOCUMENT_MAX_PAGES = 2
    result = extract(corpus.pdf_multipage(), ContentType.PDF)
    assert (result.ok, result.reason, result.page_count) == (
        False,
        "too many pages",
        3,
    )


def test_docx_paragraphs_and_tables_are_extracted():
    result = extract(corpus.docx_resume(), ContentType.DOCX)
    assert (result.ok, result.text) == (True, corpus.DOCX_TEXT)


@pytest.mark.parametrize("compressed", [True, False])
def test_doc_text_is_extracted(compressed):
    result = extract(corpus.build_doc(compressed=compressed), ContentType.DOC)
    assert (result.ok, result.text) == (True, corpus.DOC_TEXT)


def test_doc_made_by_libreoffice_reads_each_table_row_as_a_line():
    result = extract(corpus.doc_by_libreoffice(), ContentType.DOC)
    assert (result.ok, result.text) == (True, corpus.LIBREOFFICE_DOC_TEXT)


def test_encrypted_doc_fails_with_reason():
    result = extract(corpus.build_doc(encrypted=True), ContentType.DOC)
    assert (result.ok, result.reason) == (False, "encrypted")


def test_images_have_nothing_to_extract():
    result = extract(corpus.png_image(), ContentType.PNG)
    assert (result.ok, result.text, result.page_count) == (True, "", None)
