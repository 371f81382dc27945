import pytest


@pytest.fixture
def media(settings, tmp_path):
    """Public storage in a temporary folder, so logo files never leak between tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/media/"},
        },
    }
    return tmp_path
