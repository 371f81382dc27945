"""Real images made with Pillow for the logo tests."""

import io

from PIL import Image


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
