"""Decide what an uploaded file is from its content, and reject what we never store.

The type comes from magic bytes and structure, never from the name or the client's
content type; the extension must agree with it. Rejected before anything is stored:

- empty files and files over `DOCUMENT_MAX_BYTES` (`too_large`, answered with 413);
- executables (MZ, ELF, Mach-O, `#!` scripts);
- markup a browser could render: HTML, SVG, anything whose first KiB holds
  `<html`, `<script`, `<svg`, `<!doctype` …, whatever the extension (other XML
  and text is simply not a supported type);
- polyglots: a PDF that is also a valid ZIP, a ZIP with a PDF header inside its
  first KiB, a PDF with `/JavaScript` or `/Launch` actions;
- DOCX with macros (`vbaProject.bin`), with more than `DOCX_MAX_MEMBERS` members,
  more than `DOCX_MAX_UNCOMPRESSED` bytes uncompressed in total or a member whose
  compression ratio exceeds `DOCX_MAX_RATIO` (zip bombs) — all checked from the
  central directory, before any member is inflated;
- images that Pillow cannot verify, or larger than `IMAGE_MAX_PIXELS`.

Files that pass are stored; whether they can be *read* (encrypted or truncated
PDFs) is decided by the extraction, which marks them failed with a reason.
"""

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings

from documents.models import ContentType, DocumentKind

HEAD_BYTES = 1024
DOCX_MAX_MEMBERS = 1000
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 100
# Small members compress at any ratio (a run of spaces), so the ratio is checked
# only past this size.
DOCX_RATIO_MIN_SIZE = 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXTENSIONS = {
    ContentType.PDF: {"pdf"},
    ContentType.DOCX: {"docx"},
    ContentType.DOC: {"doc"},
    ContentType.PNG: {"png"},
    ContentType.JPEG: {"jpg", "jpeg"},
}
ALLOWED_TYPES = {
    DocumentKind.RESUME: {ContentType.PDF, ContentType.DOCX, ContentType.DOC},
    DocumentKind.COVER_LETTER: {ContentType.PDF, ContentType.DOCX, ContentType.DOC},
    DocumentKind.PORTFOLIO: {
        ContentType.PDF,
        ContentType.DOCX,
        ContentType.DOC,
        ContentType.PNG,
        ContentType.JPEG,
    },
}
MARKUP = re.compile(
    rb"<\s*(html|script|svg|!doctype|body|iframe|head|object|embed)\b",
    re.IGNORECASE,
)
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


class DocumentRejected(Exception):
    """The file is refused; `code` names why (`too_large` answers 413)."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class DetectedFile:
    content_type: str
    extension: str


def max_bytes():
    return settings.DOCUMENT_MAX_BYTES


def extension_of(filename: str) -> str:
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _read_all(fileobj) -> bytes:
    fileobj.seek(0)
    data = fileobj.read(max_bytes() + 1)
    fileobj.seek(0)
    return data


def validate_upload(fileobj, *, filename: str, kind: str) -> DetectedFile:
    """Return the detected type of `fileobj` or raise `DocumentRejected`."""
    size = getattr(fileobj, "size", None)
    if size is not None and size > max_bytes():
        raise DocumentRejected(_too_large_message(), code="too_large")
    data = _read_all(fileobj)
    if len(data) > max_bytes():
        raise DocumentRejected(_too_large_message(), code="too_large")
    if not data:
        raise DocumentRejected("The file is empty.", code="empty")
    content_type = detect_type(data, fileobj)
    if content_type not in ALLOWED_TYPES.get(kind, set()):
        raise DocumentRejected(
            f"A {ContentType(content_type).label} file cannot be uploaded as a "
            f"{DocumentKind(kind).label.lower()}.",
            code="type_not_allowed",
        )
    extension = extension_of(filename)
    if extension not in EXTENSIONS[content_type]:
        expected = " or ".join(f".{e}" for e in sorted(EXTENSIONS[content_type]))
        raise DocumentRejected(
            f"The file is a {ContentType(content_type).label} but is named "
            f"“{extension and '.' + extension or 'without an extension'}”; "
            f"name it {expected}.",
            code="extension_mismatch",
        )
    return DetectedFile(content_type=content_type, extension=extension)


def _too_large_message():
    return f"The file is larger than {max_bytes() // (1024 * 1024)} MB."


def detect_type(data: bytes, fileobj=None) -> str:
    head = data[:HEAD_BYTES]
    if head.startswith((b"MZ", b"\x7fELF", b"#!")) or head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        raise DocumentRejected("Programs cannot be uploaded.", code="executable")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode()
    if MARKUP.search(head):
        raise DocumentRejected(
            "Web pages, SVG and XML files cannot be uploaded.", code="markup"
        )
    if head.startswith(b"%PDF-"):
        return _check_pdf(data)
    if head.startswith(b"PK\x03\x04"):
        return _check_docx(data, fileobj)
    if head.startswith(OLE2_MAGIC):
        return _check_doc(data)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _check_image(data, "PNG", ContentType.PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return _check_image(data, "JPEG", ContentType.JPEG)
    raise DocumentRejected(
        "Unsupported file type: upload a PDF, DOCX or DOC (PNG or JPEG for "
        "portfolios).",
        code="unsupported",
    )


def _check_pdf(data: bytes) -> str:
    if _is_zip(data):
        raise DocumentRejected(
            "The file is both a PDF and a ZIP archive.", code="polyglot"
        )
    if PDF_ACTIVE_CONTENT.search(data):
        raise DocumentRejected(
            "PDFs with scripts, launch actions or embedded files cannot be uploaded.",
            code="active_content",
        )
    return ContentType.PDF


def _is_zip(data: bytes) -> bool:
    import io

    try:
        return zipfile.is_zipfile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — a broken central directory is "not a zip"
        return False


def _check_docx(data: bytes, fileobj=None) -> str:
    import io

    if b"%PDF-" in data[:HEAD_BYTES]:
        raise DocumentRejected(
            "The file is both a ZIP archive and a PDF.", code="polyglot"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentRejected(
            "The file is a damaged ZIP archive.", code="malformed"
        ) from None
    with archive:
        check_zip_limits(archive)
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise DocumentRejected(
                "The ZIP archive is not a Word document.", code="unsupported"
            )
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise DocumentRejected(
                "Documents with macros cannot be uploaded.", code="macros"
            )
        types = read_member(archive, "[Content_Types].xml", limit=1024 * 1024)
    if b"macroEnabled" in types:
        raise DocumentRejected(
            "Documents with macros cannot be uploaded.", code="macros"
        )
    return ContentType.DOCX


def check_zip_limits(archive: zipfile.ZipFile) -> None:
    """Zip-bomb guard from the central directory alone: nothing is inflated."""
    infos = archive.infolist()
    if len(infos) > DOCX_MAX_MEMBERS:
        raise DocumentRejected("The document has too many parts.", code="zip_bomb")
    total = 0
    for info in infos:
        total += info.file_size
        if total > DOCX_MAX_UNCOMPRESSED:
            raise DocumentRejected(
                "The document is too large once uncompressed.", code="zip_bomb"
            )
        if (
            info.file_size > DOCX_RATIO_MIN_SIZE
            and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1)
        ):
            raise DocumentRejected(
                "The document is compressed suspiciously well.", code="zip_bomb"
            )


def read_member(archive: zipfile.ZipFile, name: str, *, limit: int) -> bytes:
    """Read a member in chunks, never holding more than `limit` bytes."""
    chunks, total = [], 0
    with archive.open(name) as member:
        while chunk := member.read(64 * 1024):
            total += len(chunk)
            if total > limit:
                raise DocumentRejected(
                    "The document is too large once uncompressed.", code="zip_bomb"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _check_doc(data: bytes) -> str:
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise DocumentRejected(
                    "The Office file is not a Word document.", code="unsupported"
                )
            if ole.exists("Macros") or ole.exists("_VBA_PROJECT_CUR"):
                raise DocumentRejected(
                    "Documents with macros cannot be uploaded.", code="macros"
                )
    except DocumentRejected:
        raise
    except Exception:  # noqa: BLE001 — olefile raises many kinds on bad input
        raise DocumentRejected(
            "The file is a damaged Word document.", code="malformed"
        ) from None
    return ContentType.DOC


def _check_image(data: bytes, pillow_format: str, content_type: str) -> str:
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != pillow_format:
                    raise DocumentRejected("The image is damaged.", code="malformed")
                width, height = image.size
                if width * height > IMAGE_MAX_PIXELS:
                    raise DocumentRejected(
                        "The image has too many pixels.", code="too_many_pixels"
                    )
                image.verify()
    except DocumentRejected:
        raise
    except Exception:  # noqa: BLE001 — Pillow raises many kinds on bad input
        raise DocumentRejected("The image is damaged.", code="malformed") from None
    return content_type
