import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.tests import corpus


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Each test stores documents in its own folder."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    settings.PRIVATE_ACCEL_REDIRECT_PREFIX = ""
    return root


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """`upload(owner, data, filename, kind)` through the service, extraction run."""
    from documents.services import document_upload

    def make(owner, data=None, filename="resume.pdf", kind="resume", name=""):
        data = corpus.pdf_resume() if data is None else data
        with django_capture_on_commit_callbacks(execute=True):
            document = document_upload(
                owner=owner,
                file=SimpleUploadedFile(filename, data),
                kind=kind,
                name=name,
            )
        document.refresh_from_db()
        return document

    return make
