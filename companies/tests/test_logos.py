import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from companies import logos
from companies.tests.images import exif_with_gps, image_bytes


def upload(data, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("fmt", "ext"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_real_images_give_three_sizes_in_their_format(fmt, ext):
    result = logos.process_logo(upload(image_bytes(fmt, size=(400, 200))))

    sizes = {}
    for key in ("original", "large", "small"):
        file = getattr(result, key)
        assert file.name.endswith(f".{ext}")
        with Image.open(io.BytesIO(file.read())) as image:
            assert image.format == fmt
            sizes[key] = image.size
    assert sizes == {"original": (400, 200), "large": (256, 128), "small": (64, 32)}


def test_format_is_decided_by_content_not_name():
    result = logos.process_logo(upload(image_bytes("JPEG"), name="logo.png"))

    assert result.original.name.endswith(".jpg")


def test_big_original_is_bounded_to_1024_pixels():
    result = logos.process_logo(upload(image_bytes("PNG", size=(3000, 1500))))

    with Image.open(io.BytesIO(result.original.read())) as image:
        assert image.size == (1024, 512)


def test_exif_is_stripped():
    data = image_bytes("JPEG", exif=exif_with_gps())
    with Image.open(io.BytesIO(data)) as source:
        assert source.getexif()[0x010F] == "SpyCam Inc."  # the input really has it

    result = logos.process_logo(upload(data, "photo.jpg", "image/jpeg"))

    for key in ("original", "large", "small"):
        content = getattr(result, key).read()
        with Image.open(io.BytesIO(content)) as image:
            assert dict(image.getexif()) == {}
            assert "exif" not in image.info
        assert b"SpyCam" not in content


def test_png_transparency_is_kept():
    data = image_bytes("PNG", size=(100, 100), mode="RGBA", color=(0, 0, 0, 0))

    result = logos.process_logo(upload(data))

    with Image.open(io.BytesIO(result.small.read())) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0)) == (0, 0, 0, 0)


def _rejected(data, name="logo.png"):
    with pytest.raises(ValidationError) as info:
        logos.process_logo(upload(data, name))
    return info.value


def test_text_file_named_png_is_rejected():
    error = _rejected(b"hello, I am not an image\n" * 10, "logo.png")

    assert error.code == "not_an_image"
    assert error.messages == ["Upload a PNG, JPEG or WebP image; this file is not one."]


def test_svg_is_rejected():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script></svg>"
    )

    assert _rejected(svg, "logo.svg").code == "not_an_image"


def test_gif_is_rejected_even_though_pillow_reads_it():
    assert _rejected(image_bytes("GIF"), "logo.gif").code == "not_an_image"


def test_empty_file_is_rejected():
    error = _rejected(b"")

    assert error.code == "empty"


def test_oversized_bytes_are_rejected_before_decoding():
    data = image_bytes("PNG", size=(10, 10)) + b"\0" * (5 * 1024 * 1024)

    error = _rejected(data)

    assert error.code == "too_large"
    assert error.messages == ["The logo is larger than 5 MB."]


def test_decompression_bomb_is_rejected_without_decoding(monkeypatch):
    # 6000 × 6000 of one colour compresses to a few KB but is 36 megapixels.
    data = image_bytes("PNG", size=(6000, 6000), mode="L", color=0)
    assert len(data) < 200_000
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(1))

    error = _rejected(data)

    assert error.code == "too_many_pixels"
    assert error.messages == [
        "The image is 6000×6000 pixels; the limit is 25 megapixels."
    ]
    assert decoded == []


def test_truncated_image_is_rejected():
    data = image_bytes("JPEG", size=(300, 300), color="blue")

    error = _rejected(data[: len(data) // 3], "logo.jpg")

    assert error.code == "corrupt_image"
    assert error.messages == ["The image is damaged and cannot be read."]
