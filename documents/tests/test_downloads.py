"""Every download path against every persona; headers; X-Accel-Redirect."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from documents import services
from documents.tests import corpus

PATHS = [
    lambda pk: reverse("documents:download", args=[pk]),
    lambda pk: f"/api/v1/documents/{pk}/download/",
]


@pytest.fixture
def sent(alice, acme, upload):
    """alice applied to an Acme job with a snapshot of her resume."""
    from jobs.tests.factories import JobFactory

    application_model = apps.get_model("jobs", "Application")
    document = upload(alice, corpus.pdf_resume(), "Résumé “Alice”.pdf")
    snapshot = services.document_snapshot(document=document)
    application_model.objects.create(
        job=JobFactory(company=acme), candidate=alice, resume=snapshot
    )
    return document, snapshot


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("persona", "own_status", "snapshot_status"),
    [
        ("alice", 200, 200),  # owner
        ("bob", 404, 404),  # another candidate
        ("olivia", 404, 200),  # Acme owner: only what was sent to Acme
        ("tom", 404, 200),  # Acme teammate
        ("eve", 404, 404),  # another company
        ("rita", 404, 404),  # recruiter not involved
        ("sam", 404, 404),  # staff: admin only
        (None, 404, 404),  # anonymous (401 from the API)
    ],
)
def test_download_access_per_persona(
    request, sent, path, persona, own_status, snapshot_status
):
    document, snapshot = sent
    user = request.getfixturevalue(persona) if persona else None
    if persona in ("eve",):
        request.getfixturevalue("globex")
    if persona == "rita":
        request.getfixturevalue("agency")
    client = client_for(user)
    own = client.get(path(document.pk))
    copy = client.get(path(snapshot.pk))
    if user is None and path is PATHS[1]:
        # The API answers 401 to anonymous requests, whatever the id.
        own_status = snapshot_status = 401
    assert (own.status_code, copy.status_code) == (own_status, snapshot_status)
    if snapshot_status == 200:
        assert b"".join(copy.streaming_content) == corpus.pdf_resume()


@pytest.mark.parametrize("path", PATHS)
def test_unknown_id_is_404(alice, path):
    assert client_for(alice).get(path(999999)).status_code == 404


def test_download_headers(alice, sent):
    document, _ = sent
    response = client_for(alice).get(PATHS[0](document.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(corpus.pdf_resume()))
    assert response["Content-Disposition"] == (
        'attachment; filename="Resume Alice.pdf"; '
        "filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%9CAlice%E2%80%9D.pdf"
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", PATHS)
def test_x_accel_redirect(alice, sent, settings, path):
    document, _ = sent
    settings.PRIVATE_ACCEL_REDIRECT_PREFIX = "/protected/"
    response = client_for(alice).get(path(document.pk))
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == (f"/protected/{document.blob.storage_name}")
    assert response["Content-Disposition"].startswith("attachment; ")


def test_staff_downloads_through_the_admin(sam, alice, sent):
    document, _ = sent
    url = reverse("admin:documents_document_download", args=[document.pk])
    assert client_for(alice).get(url).status_code == 302  # to the admin login
    response = client_for(sam).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == corpus.pdf_resume()


def test_content_disposition_escapes_quotes_and_separators():
    from documents.downloads import content_disposition

    assert content_disposition('a";b\\c.pdf') == (
        "attachment; filename=\"a__b_c.pdf\"; filename*=UTF-8''a%22%3Bb%5Cc.pdf"
    )
    assert content_disposition("日本.pdf") == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf"
    )
