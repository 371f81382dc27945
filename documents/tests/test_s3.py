"""Documents in a private S3 bucket (moto, in process): upload, dedup, extraction,
signed-URL downloads per persona, deletion, account erasure, and the settings."""

import json
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from moto import mock_aws

from documents import privacy, services
from documents.downloads import content_disposition
from documents.models import DocumentStatus, StoredFile
from documents.storage import PrivateS3Storage
from documents.tests import corpus
from documents.tests.conftest import stored_files
from hotgigs.tests.test_settings import clean_env, run_python

BUCKET = "hotgigs-documents-test"
REGION = "eu-west-1"
KEYS = {"access_key": "testing", "secret_key": "testing"}
GENERATED_KEY = re.compile(r"documents/[0-9a-f]{2}/[0-9a-f]{32}")

PATHS = [
    lambda pk: reverse("documents:download", args=[pk]),
    lambda pk: f"/api/v1/documents/{pk}/download/",
]


@pytest.fixture
def bucket(settings, private_storage):
    """The private storage is an S3 bucket; the test gets the storage's own boto3
    client on it (one client per test: creating them is what costs)."""
    with mock_aws():
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "documents.storage.PrivateS3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": REGION,
                    "object_parameters": {"ServerSideEncryption": "AES256"},
                    **KEYS,
                },
            },
        }
        settings.DOCUMENT_SIGNED_URL_SECONDS = 60
        client = storages["private"].connection.meta.client
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield client


def keys(client) -> list[str]:
    return sorted(
        o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    )


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def sent(alice, acme, upload, bucket):
    """alice applied to an Acme job with a snapshot of her resume."""
    from jobs.tests.factories import JobFactory

    document = upload(alice, corpus.pdf_resume(), "Résumé “Alice”.pdf")
    snapshot = services.document_snapshot(document=document)
    apps.get_model("jobs", "Application").objects.create(
        job=JobFactory(company=acme), candidate=alice, resume=snapshot
    )
    return document, snapshot


# --- upload, dedup, extraction ---------------------------------------------------


def test_upload_stores_the_bytes_in_the_bucket_under_a_generated_key(
    alice, upload, bucket, private_storage
):
    document = upload(alice, corpus.pdf_resume(), "My CV (final).pdf")

    assert keys(bucket) == [document.blob.storage_name]
    assert GENERATED_KEY.fullmatch(document.blob.storage_name)
    stored = bucket.get_object(Bucket=BUCKET, Key=document.blob.storage_name)
    assert stored["Body"].read() == corpus.pdf_resume()
    assert stored["ServerSideEncryption"] == "AES256"
    # No grant but the owner's: nothing public, nothing for other accounts.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=document.blob.storage_name)
    assert [g["Permission"] for g in grants["Grants"]] == ["FULL_CONTROL"]
    assert grants["Grants"][0]["Grantee"]["Type"] == "CanonicalUser"
    # The extraction task read the object back from the bucket.
    assert (document.status, document.extracted_text, document.page_count) == (
        DocumentStatus.READY,
        corpus.RESUME_TEXT,
        1,
    )
    assert stored_files(private_storage) == []  # nothing on the local disk


def test_same_bytes_are_stored_once_in_the_bucket(alice, bob, upload, bucket):
    first = upload(alice, corpus.pdf_resume(), "a.pdf")
    second = upload(bob, corpus.pdf_resume(), "b.pdf")

    assert first.blob_id == second.blob_id
    assert keys(bucket) == [first.blob.storage_name]


@pytest.mark.parametrize(
    ("builder", "filename", "text"),
    [
        (corpus.docx_resume, "cv.docx", corpus.DOCX_TEXT),
        (corpus.build_doc, "cv.doc", corpus.DOC_TEXT),
    ],
)
def test_extraction_reads_each_type_from_the_bucket(
    alice, upload, bucket, builder, filename, text
):
    document = upload(alice, builder(), filename)

    assert (document.status, document.extracted_text) == (DocumentStatus.READY, text)


def test_a_missing_object_fails_extraction_as_file_missing(alice, upload, bucket):
    document = upload(alice, corpus.pdf_resume(), "cv.pdf")
    bucket.delete_object(Bucket=BUCKET, Key=document.blob.storage_name)

    document = services.document_extract(document_id=document.pk)

    assert (document.status, document.failure_reason) == (
        DocumentStatus.FAILED,
        "file missing",
    )


# --- downloads ---------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_download_redirects_to_a_short_lived_signed_url(alice, sent, settings, path):
    document, _ = sent
    settings.DOCUMENT_SIGNED_URL_SECONDS = 45
    before = timezone.now().replace(microsecond=0)

    response = client_for(alice).get(path(document.pk))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    url = urlsplit(response["Location"])
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert (url.scheme, url.hostname.split(".")[0], url.path) == (
        "https",
        BUCKET,
        f"/{document.blob.storage_name}",
    )
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-Credential"].startswith("testing/")
    assert query["X-Amz-Credential"].endswith(f"/{REGION}/s3/aws4_request")
    assert query["X-Amz-Expires"] == "45"
    signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    assert before <= signed_at.replace(tzinfo=UTC) <= timezone.now()
    assert len(query["X-Amz-Signature"]) == 64
    assert query["response-content-disposition"] == (
        'attachment; filename="Resume Alice.pdf"; '
        "filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%9CAlice%E2%80%9D.pdf"
    )
    assert query["response-content-type"] == "application/pdf"
    assert query["response-cache-control"] == "private, no-store"

    # Following it (as the browser does) gets the exact bytes with our headers.
    fetched = requests.get(response["Location"], timeout=5)
    assert fetched.status_code == 200
    assert fetched.content == corpus.pdf_resume()
    assert fetched.headers["Content-Type"] == "application/pdf"
    assert fetched.headers["Content-Disposition"] == content_disposition(
        "Résumé “Alice”.pdf"
    )
    assert fetched.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("persona", "own_status", "snapshot_status"),
    [
        ("alice", 302, 302),  # owner
        ("bob", 404, 404),  # another candidate
        ("olivia", 404, 302),  # Acme owner: only what was sent to Acme
        ("tom", 404, 302),  # Acme teammate
        ("eve", 404, 404),  # another company
        ("rita", 404, 404),  # recruiter not involved
        ("sam", 404, 404),  # staff: admin only
        (None, 404, 404),  # anonymous (401 from the API)
    ],
)
def test_signed_url_access_per_persona(
    request, sent, persona, own_status, snapshot_status
):
    document, snapshot = sent
    user = request.getfixturevalue(persona) if persona else None
    if persona == "eve":
        request.getfixturevalue("globex")
    if persona == "rita":
        request.getfixturevalue("agency")
    client = client_for(user)

    for path in PATHS:  # both paths in one test: the S3 world is costly to set up
        expected = (own_status, snapshot_status)
        if user is None and path is PATHS[1]:
            expected = (401, 401)  # the API answers 401 to anonymous requests
        own = client.get(path(document.pk))
        copy = client.get(path(snapshot.pk))

        assert (own.status_code, copy.status_code) == expected, path(document.pk)
        for response in (own, copy):
            if response.status_code == 302:
                fetched = requests.get(response["Location"], timeout=5)
                assert fetched.content == corpus.pdf_resume()
            else:  # refused: no URL anywhere in the answer
                assert not response.has_header("Location")
                assert BUCKET.encode() not in response.content
                assert b"X-Amz-Signature" not in response.content


def test_staff_admin_download_redirects_too(sam, sent):
    document, _ = sent
    url = reverse("admin:documents_document_download", args=[document.pk])

    response = client_for(sam).get(url)

    assert response.status_code == 302
    assert requests.get(response["Location"], timeout=5).content == (
        corpus.pdf_resume()
    )


# --- deletion and erasure ----------------------------------------------------------


def test_delete_removes_the_object_once_no_copy_uses_it(
    alice, upload, bucket, django_capture_on_commit_callbacks
):
    kept = upload(alice, corpus.pdf_resume(), "cv.pdf")
    snapshot = services.document_snapshot(document=kept)
    alone = upload(alice, corpus.docx_resume(), "letter.docx", kind="cover_letter")

    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=kept)
        services.document_delete(document=alone)
    # The application's copy still needs the resume's bytes.
    assert keys(bucket) == [snapshot.blob.storage_name]

    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=snapshot)
    assert keys(bucket) == []
    assert StoredFile.objects.count() == 0


def test_account_erasure_removes_only_that_users_objects(
    alice, bob, upload, bucket, django_capture_on_commit_callbacks
):
    shared = upload(alice, corpus.pdf_resume(), "cv.pdf")
    services.document_snapshot(document=shared)
    upload(alice, corpus.docx_resume(), "cv.docx", kind="cover_letter")
    bobs = upload(bob, corpus.pdf_resume(), "same-bytes.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.erase(alice) == 3

    # bob uploaded identical bytes: the object stays for him.
    assert keys(bucket) == [bobs.blob.storage_name]


# --- the storage and its settings --------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"default_acl": "public-read"},
        {"default_acl": "authenticated-read"},
        {"querystring_auth": False},
        {"custom_domain": "cdn.example.com"},
    ],
)
def test_the_storage_refuses_anything_public(options):
    with pytest.raises(ImproperlyConfigured):
        PrivateS3Storage(bucket_name=BUCKET, **KEYS, **options)


@pytest.mark.parametrize("expire", [0, -1, 7 * 24 * 3600 + 1])
def test_a_signed_url_lives_one_second_to_seven_days(expire):
    storage = PrivateS3Storage(bucket_name=BUCKET, region_name=REGION, **KEYS)
    with pytest.raises(ImproperlyConfigured):
        storage.signed_download_url(
            "documents/ab/x",
            content_disposition="attachment",
            content_type="application/pdf",
            expire=expire,
        )


SETTINGS_PROBE = """
import json
from hotgigs import settings as s
print(json.dumps({
    "private": s.STORAGES["private"],
    "expire": s.DOCUMENT_SIGNED_URL_SECONDS,
}))
"""


def test_the_bucket_variables_switch_documents_to_s3(tmp_path):
    result = run_python(
        SETTINGS_PROBE,
        clean_env(
            tmp_path,
            DOCUMENT_S3_BUCKET="hg-docs",
            DOCUMENT_S3_PREFIX="private",
            DOCUMENT_S3_ENDPOINT_URL="http://minio.internal:9000",
            DOCUMENT_S3_REGION="us-east-1",
            DOCUMENT_S3_SSE="aws:kms",
            DOCUMENT_S3_KMS_KEY_ID="alias/hotgigs-documents",
            DOCUMENT_SIGNED_URL_SECONDS="30",
        ),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert values == {
        "private": {
            "BACKEND": "documents.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": "hg-docs",
                "location": "private",
                "region_name": "us-east-1",
                "endpoint_url": "http://minio.internal:9000",
                "addressing_style": "path",
                "default_acl": None,
                "object_parameters": {
                    "ServerSideEncryption": "aws:kms",
                    "SSEKMSKeyId": "alias/hotgigs-documents",
                },
                "querystring_expire": 30,
            },
        },
        "expire": 30,
    }
    # The options build a storage whose URLs point at the custom endpoint.
    storage = PrivateS3Storage(**values["private"]["OPTIONS"], **KEYS)
    url = storage.signed_download_url(
        "documents/ab/x",
        content_disposition="attachment",
        content_type="application/pdf",
        expire=30,
    )
    assert url.startswith("http://minio.internal:9000/hg-docs/private/documents/ab/x?")
    assert "X-Amz-Expires=30&" in url


def test_an_unknown_encryption_is_refused_at_start(tmp_path):
    result = run_python(
        SETTINGS_PROBE,
        clean_env(tmp_path, DOCUMENT_S3_BUCKET="hg-docs", DOCUMENT_S3_SSE="rot13"),
    )
    assert result.returncode == 1
    assert "DOCUMENT_S3_SSE is '', 'AES256' or 'aws:kms'." in result.stderr
