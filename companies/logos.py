"""Company logo processing: only real images, re-encoded, in three sizes.

The upload is identified by its content (Pillow's decoder), never by its name or
declared content type. Limits are checked before any pixel is decoded: the byte
size first, then the dimensions from the header, so a decompression bomb (a tiny
file that expands to gigapixels) is refused without being loaded. Every stored
file is a fresh encode of the decoded pixels, which drops EXIF (GPS position,
camera serial) and any payload appended to the original file.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 5000 × 5000; a logo needs far fewer
ORIGINAL_MAX_SIDE = 1024
LARGE_SIDE = 256
SMALL_SIDE = 64

# Pillow format name → (extension, save options). Each upload keeps its format.
ALLOWED_FORMATS = {
    "PNG": ("png", {"optimize": True}),
    "JPEG": ("jpg", {"quality": 88, "optimize": True}),
    "WEBP": ("webp", {"quality": 88}),
}


@dataclass(frozen=True)
class ProcessedLogo:
    original: ContentFile
    large: ContentFile
    small: ContentFile


def _error(message, code):
    return ValidationError(message, code=code)


def _read_bounded(upload) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _error("The logo is larger than 5 MB.", "too_large")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _error("The logo is larger than 5 MB.", "too_large")
    if not data:
        raise _error("The logo file is empty.", "empty")
    return data


def _open_checked(data: bytes) -> Image.Image:
    """Open lazily (header only) and check format and dimensions before decoding."""
    try:
        image = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError):
        raise _error(
            "Upload a PNG, JPEG or WebP image; this file is not one.", "not_an_image"
        ) from None
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise _error(
            f"The image is {width}×{height} pixels; the limit is "
            f"{MAX_PIXELS // 1_000_000} megapixels.",
            "too_many_pixels",
        )
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    _ext, options = ALLOWED_FORMATS[fmt]
    if fmt == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    # No exif=/icc_profile=/pnginfo= arguments: the new file carries pixels only.
    image.save(out, format=fmt, **options)
    return out.getvalue()


def _fit(image: Image.Image, side: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def process_logo(upload) -> ProcessedLogo:
    """Validate an uploaded file and return the three re-encoded versions.

    Raises ValidationError with a message fit for the user on any bad file.
    """
    data = _read_bounded(upload)
    image = _open_checked(data)
    fmt = image.format
    try:
        image.seek(0)  # animated WebP/PNG: the first frame is the logo
        image.load()
        # Apply the EXIF orientation to the pixels before the EXIF is dropped.
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _error(
            "The image is damaged and cannot be read.", "corrupt_image"
        ) from None
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")

    ext = ALLOWED_FORMATS[fmt][0]
    stem = uuid.uuid4().hex
    return ProcessedLogo(
        original=ContentFile(
            _encode(_fit(image, ORIGINAL_MAX_SIDE), fmt), name=f"{stem}.{ext}"
        ),
        large=ContentFile(
            _encode(_fit(image, LARGE_SIDE), fmt), name=f"{stem}-{LARGE_SIDE}.{ext}"
        ),
        small=ContentFile(
            _encode(_fit(image, SMALL_SIDE), fmt), name=f"{stem}-{SMALL_SIDE}.{ext}"
        ),
    )
