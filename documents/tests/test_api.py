"""/api/v1/documents/: list, upload, update, replace, delete; bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, StoredFile
from documents.tests import corpus
from documents.tests.conftest import stored_files

URL = "/api/v1/documents/"


def post_file(client, data, filename, kind="resume", **extra):
    payload = {"file": SimpleUploadedFile(filename, data), "kind": kind, **extra}
    return client.post(URL, payload, format="multipart")


def test_upload_returns_the_document(alice, api_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(api_as(alice), corpus.pdf_resume(), "cv.pdf", name="CV")
    assert response.status_code == 201
    body = response.json()
    document = Document.objects.get()
    assert body == {
        "id": document.pk,
        "name": "CV",
        "kind": "resume",
        "status": "processing",
        "failure_reason": "",
        "size": len(corpus.pdf_resume()),
        "content_type": "application/pdf",
        "original_filename": "cv.pdf",
        "is_default": True,
        "page_count": None,
        "has_text_layer": None,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    detail = api_as(alice).get(f"{URL}{document.pk}/").json()
    assert (detail["status"], detail["page_count"]) == ("ready", 1)


@pytest.mark.parametrize(
    ("data", "filename", "kind", "message"),
    [
        (corpus.EXE, "cv.pdf", "resume", "Programs cannot be uploaded."),
        (
            corpus.SVG,
            "cv.pdf",
            "resume",
            "Web pages, SVG and XML files cannot be uploaded.",
        ),
        (b"", "cv.pdf", "resume", "The file is empty."),
        (corpus.pdf_resume(), "cv.pdf", "invoice", None),
    ],
)
def test_bad_uploads_are_400_and_store_nothing(
    alice, api_as, private_storage, data, filename, kind, message
):
    response = post_file(api_as(alice), data, filename, kind=kind)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    if message:
        assert error["fields"] == {"file": [message]}
    else:
        assert list(error["fields"]) == ["kind"]
    assert Document.objects.count() == StoredFile.objects.count() == 0
    assert stored_files(private_storage) == []


def test_missing_file_is_400(alice, api_as):
    response = api_as(alice).post(URL, {"kind": "resume"}, format="multipart")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["file"]


def test_oversized_upload_is_413_from_content_length(alice, api_as, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    big = corpus.pdf_resume() + b"0" * (70 * 1024)
    response = post_file(api_as(alice), big, "cv.pdf")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert Document.objects.count() == 0


def test_oversized_upload_is_413_from_the_upload_handler(alice, api_as, settings):
    # Content-Length within the slack: the handler stops reading the file.
    settings.DOCUMENT_MAX_BYTES = 1000
    response = post_file(api_as(alice), corpus.pdf_resume() + b"0" * 2000, "cv.pdf")
    assert response.status_code == 413
    assert Document.objects.count() == 0


def test_quota_exceeded_is_400(alice, api_as, settings):
    settings.DOCUMENT_USER_QUOTA_BYTES = 100
    response = post_file(api_as(alice), corpus.pdf_resume(), "cv.pdf")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("file: Your documents")


def test_list_shows_only_own_visible_documents(
    alice, bob, api_as, upload, django_assert_max_num_queries
):
    from documents.services import document_snapshot

    mine = [upload(alice, corpus.pdf_resume(), f"{i}.pdf") for i in range(3)]
    document_snapshot(document=mine[0])
    upload(bob, corpus.docx_resume(), "bob.docx")
    client = api_as(alice)
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    body = response.json()
    assert body["count"] == 3
    assert [row["id"] for row in body["results"]] == [d.pk for d in reversed(mine)]


def test_patch_renames_and_sets_default(alice, api_as, upload):
    first = upload(alice, corpus.pdf_resume(), "a.pdf")
    second = upload(alice, corpus.docx_resume(), "b.docx")
    response = api_as(alice).patch(
        f"{URL}{second.pk}/", {"name": "Main CV", "is_default": True}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["is_default"]) == ("Main CV", True)
    first.refresh_from_db()
    assert first.is_default is False


def test_patch_bad_input(alice, api_as, upload):
    letter = upload(alice, kind="cover_letter")
    client = api_as(alice)
    response = client.patch(f"{URL}{letter.pk}/", {"is_default": True}, format="json")
    assert response.json()["error"]["fields"] == {
        "is_default": ["Only a resume can be the default."]
    }
    response = client.patch(f"{URL}{letter.pk}/", {"name": "   "}, format="json")
    assert response.status_code == 400
    letter.refresh_from_db()
    assert (letter.name, letter.is_default) == ("resume", False)


@pytest.mark.parametrize("persona", ["bob", "olivia", "sam"])
def test_others_cannot_see_or_change_a_document(
    request, alice, api_as, upload, persona
):
    document = upload(alice)
    client = api_as(request.getfixturevalue(persona))
    assert client.get(f"{URL}{document.pk}/").status_code == 404
    assert client.patch(f"{URL}{document.pk}/", {"name": "x"}).status_code == 404
    assert client.delete(f"{URL}{document.pk}/").status_code == 404
    response = client.post(
        f"{URL}{document.pk}/replace/",
        {"file": SimpleUploadedFile("x.pdf", corpus.pdf_multipage())},
        format="multipart",
    )
    assert response.status_code == 404
    document.refresh_from_db()
    assert (document.name, document.sha256) == ("resume", document.blob.sha256)


def test_anonymous_gets_401(api, alice, upload):
    document = upload(alice)
    assert api.get(URL).status_code == 401
    assert api.get(f"{URL}{document.pk}/").status_code == 401


def test_replace_and_delete(
    alice, api_as, upload, django_capture_on_commit_callbacks, private_storage
):
    document = upload(alice)
    client = api_as(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{URL}{document.pk}/replace/",
            {"file": SimpleUploadedFile("v2.doc", corpus.build_doc())},
            format="multipart",
        )
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["content_type"]) == (
        document.pk,
        "application/msword",
    )
    bad = client.post(
        f"{URL}{document.pk}/replace/",
        {"file": SimpleUploadedFile("v3.pdf", corpus.HTML)},
        format="multipart",
    )
    assert bad.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"{URL}{document.pk}/").status_code == 204
    assert Document.objects.count() == 0
    assert stored_files(private_storage) == []


def test_schema_documents_the_endpoints(sam):
    from django.test import Client

    client = Client()
    client.force_login(sam)
    response = client.get("/api/schema/?format=json")
    paths = response.json()["paths"]
    assert {
        "/api/v1/documents/",
        "/api/v1/documents/{id}/",
        "/api/v1/documents/{id}/replace/",
        "/api/v1/documents/{id}/download/",
    } <= set(paths)
