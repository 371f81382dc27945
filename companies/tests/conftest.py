import io

import pytest
from PIL import Image


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


def image_bytes(fmt="PNG", size=(400, 200), mode="RGB", exif=None, color="red"):
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    kwargs = {}
    if exif is not None:
        kwargs["exif"] = exif
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # GPS IFD
    return exif
