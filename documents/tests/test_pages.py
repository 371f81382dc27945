"""/documents/ pages: list, upload (plain and XHR), rename, default, replace,
delete with confirmation; CSRF; bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from documents.models import Document
from documents.tests import corpus


@pytest.fixture
def browser(alice):
    client = Client()
    client.force_login(alice)
    return client


def test_list_page(browser, alice, upload, django_assert_max_num_queries):
    upload(alice, corpus.pdf_resume(), "cv.pdf", name="Main CV")
    upload(alice, corpus.pdf_encrypted(), "locked.pdf", kind="cover_letter")
    with django_assert_max_num_queries(8):
        response = browser.get(reverse("documents:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Main CV" in html and "Default resume" in html
    assert "Failed</span> <small>encrypted</small>" in html
    assert 'for="id_file"' in html and 'for="id_kind"' in html
    assert "js/documents.js" in html


def test_list_requires_login(client):
    response = client.get(reverse("documents:list"))
    assert response.status_code == 302


def test_plain_upload_redirects(browser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("documents:upload"),
            {
                "file": SimpleUploadedFile("cv.docx", corpus.docx_resume()),
                "kind": "resume",
            },
        )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.name, document.status, document.extracted_text) == (
        "cv",
        "ready",
        corpus.DOCX_TEXT,
    )


def test_bad_upload_shows_the_error_next_to_the_field(browser):
    response = browser.post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("cv.pdf", corpus.EXE), "kind": "resume"},
    )
    assert response.status_code == 400
    assert '<p class="field-error" role="alert">Programs cannot be uploaded.</p>' in (
        response.content.decode()
    )
    assert Document.objects.count() == 0


def test_xhr_upload_answers_json(browser):
    headers = {"X-Requested-With": "XMLHttpRequest"}
    ok = browser.post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("cv.pdf", corpus.pdf_resume()), "kind": "resume"},
        headers=headers,
    )
    assert (ok.status_code, ok.json()) == (201, {"redirect": "/documents/"})
    bad = browser.post(reverse("documents:upload"), {"kind": "resume"}, headers=headers)
    assert (bad.status_code, bad.json()) == (
        400,
        {"errors": {"file": ["This field is required."]}},
    )


def test_oversized_upload_is_413(browser, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    for padding in (2000, 80 * 1024):  # caught by the handler / by Content-Length
        response = browser.post(
            reverse("documents:upload"),
            {
                "file": SimpleUploadedFile(
                    "cv.pdf", corpus.pdf_resume() + b"0" * padding
                ),
                "kind": "resume",
            },
        )
        assert response.status_code == 413
    assert Document.objects.count() == 0


def test_upload_enforces_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("cv.pdf", corpus.pdf_resume()), "kind": "resume"},
    )
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_rename_default_replace_delete(browser, alice, upload):
    first = upload(alice, corpus.pdf_resume(), "a.pdf")
    second = upload(alice, corpus.docx_resume(), "b.docx")
    assert browser.get(reverse("documents:rename", args=[second.pk])).status_code == 200
    bad = browser.post(reverse("documents:rename", args=[second.pk]), {"name": ""})
    assert bad.status_code == 400
    browser.post(reverse("documents:rename", args=[second.pk]), {"name": "New name"})
    browser.post(reverse("documents:default", args=[second.pk]))
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.name, second.is_default, first.is_default) == (
        "New name",
        True,
        False,
    )
    response = browser.post(
        reverse("documents:replace", args=[second.pk]),
        {"file": SimpleUploadedFile("c.doc", corpus.build_doc())},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.content_type == "application/msword"
    confirm = browser.get(reverse("documents:delete", args=[first.pk]))
    assert "Delete “a”?" in confirm.content.decode()
    assert Document.objects.filter(pk=first.pk).exists()
    browser.post(reverse("documents:delete", args=[first.pk]))
    assert not Document.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("persona", ["bob", "olivia", "sam"])
def test_other_people_get_404_on_every_page(request, alice, upload, persona):
    document = upload(alice)
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    for name in ("rename", "replace", "delete"):
        assert (
            client.get(reverse(f"documents:{name}", args=[document.pk])).status_code
            == 404
        )
        assert (
            client.post(reverse(f"documents:{name}", args=[document.pk])).status_code
            == 404
        )
    assert (
        client.post(reverse("documents:default", args=[document.pk])).status_code == 404
    )
    assert Document.objects.filter(pk=document.pk, name="resume").exists()


def test_status_endpoint(browser, alice, upload):
    document = upload(alice)
    response = browser.get(reverse("documents:statuses"))
    assert response.json() == {
        "documents": [
            {
                "id": document.pk,
                "status": "ready",
                "failure_reason": "",
                "page_count": 1,
            }
        ]
    }
