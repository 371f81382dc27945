"""Text extraction: PDF (pypdf), DOCX (python-docx), legacy DOC (olefile + the
Word piece table, pure Python, offline). Pure functions over bytes: the service
decides what to store.

Reasons a readable-looking file fails are returned, never raised: "encrypted",
"could not read", "too many pages". An image-only PDF is ready with
`has_text_layer=False` and the notice "no text layer".
"""

import io
import logging
import struct
import zipfile
from dataclasses import dataclass

from django.conf import settings

from documents.models import ContentType

logger = logging.getLogger(__name__)

NO_TEXT_LAYER = "no text layer"
ENCRYPTED = "encrypted"
UNREADABLE = "could not read"
TOO_MANY_PAGES = "too many pages"
MAX_TEXT_CHARS = 500_000


@dataclass(frozen=True)
class Extraction:
    ok: bool
    reason: str = ""
    text: str = ""
    page_count: int | None = None
    has_text_layer: bool | None = None


def extract(data: bytes, content_type: str) -> Extraction:
    extractor = {
        ContentType.PDF: extract_pdf,
        ContentType.DOCX: extract_docx,
        ContentType.DOC: extract_doc,
    }.get(content_type)
    if extractor is None:  # images: nothing to read, nothing wrong
        return Extraction(ok=True)
    try:
        return extractor(data)
    except Exception:  # a hostile file must never crash the task
        logger.info("document extraction failed", exc_info=True)
        return Extraction(ok=False, reason=UNREADABLE)


def _clip(text: str) -> str:
    return text.strip()[:MAX_TEXT_CHARS]


def extract_pdf(data: bytes) -> Extraction:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in data[-2048:]:
        # pypdf repairs a lot; a file cut short is still a broken upload.
        return Extraction(ok=False, reason=UNREADABLE)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return Extraction(ok=False, reason=ENCRYPTED)
        page_count = len(reader.pages)
        if page_count > settings.DOCUMENT_MAX_PAGES:
            return Extraction(ok=False, reason=TOO_MANY_PAGES, page_count=page_count)
        texts = []
        for page in reader.pages:
            texts.append(page.extract_text() or "")
    except PdfReadError:
        return Extraction(ok=False, reason=UNREADABLE)
    if page_count == 0:
        return Extraction(ok=False, reason=UNREADABLE)
    text = _clip("\n".join(t.strip() for t in texts if t.strip()))
    return Extraction(
        ok=True,
        reason="" if text else NO_TEXT_LAYER,
        text=text,
        page_count=page_count,
        has_text_layer=bool(text),
    )


def extract_docx(data: bytes) -> Extraction:
    import docx

    from documents.validation import DocumentRejected, check_zip_limits

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            check_zip_limits(archive)
        except DocumentRejected:
            return Extraction(ok=False, reason=UNREADABLE)
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                value = cell.text.strip()
                # Merged cells repeat; keep each value once per row.
                if value and (not cells or cells[-1] != value):
                    cells.append(value)
            if cells:
                lines.append("\t".join(cells))
    text = _clip("\n".join(lines))
    return Extraction(ok=True, text=text, has_text_layer=bool(text))


# --- Legacy Word (97–2003) -----------------------------------------------------
# [MS-DOC]: the FIB at the start of the WordDocument stream says which table
# stream holds the piece table (Clx) and how many characters the main text has.
FIB_IDENT = 0xA5EC
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
OFFSET_FLAGS = 0x000A
OFFSET_CCP_TEXT = 0x004C
OFFSET_FC_CLX = 0x01A2


def extract_doc(data: bytes) -> Extraction:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        word = ole.openstream("WordDocument").read()
        if len(word) < OFFSET_FC_CLX + 8:
            return Extraction(ok=False, reason=UNREADABLE)
        (ident,) = struct.unpack_from("<H", word, 0)
        if ident != FIB_IDENT:
            return Extraction(ok=False, reason=UNREADABLE)
        (flags,) = struct.unpack_from("<H", word, OFFSET_FLAGS)
        if flags & F_ENCRYPTED:
            return Extraction(ok=False, reason=ENCRYPTED)
        table_name = "1Table" if flags & F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            return Extraction(ok=False, reason=UNREADABLE)
        table = ole.openstream(table_name).read()
    (ccp_text,) = struct.unpack_from("<i", word, OFFSET_CCP_TEXT)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, OFFSET_FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    text = _doc_text(word, clx, max(ccp_text, 0))
    if text is None:
        return Extraction(ok=False, reason=UNREADABLE)
    text = _clip(_clean_doc_text(text))
    return Extraction(ok=True, text=text, has_text_layer=bool(text))


def _doc_text(word: bytes, clx: bytes, ccp_text: int) -> str | None:
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        (cb,) = struct.unpack_from("<H", clx, pos + 1)
        pos += 3 + cb
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        return None
    (lcb,) = struct.unpack_from("<I", clx, pos + 1)
    plc = clx[pos + 5 : pos + 5 + lcb]
    # PlcPcd: n + 1 character positions (4 bytes) then n piece descriptors (8).
    if len(plc) < 4 or (len(plc) - 4) % 12:
        return None
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    parts, total = [], 0
    for index in range(count):
        start, end = cps[index], cps[index + 1]
        if end <= start:
            continue
        (fc_value,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)
        length = end - start
        if fc_value & 0x40000000:  # compressed: 8-bit cp1252 at fc / 2
            offset = (fc_value & 0x3FFFFFFF) // 2
            parts.append(word[offset : offset + length].decode("cp1252", "replace"))
        else:
            offset = fc_value & 0x3FFFFFFF
            raw = word[offset : offset + 2 * length]
            parts.append(raw.decode("utf-16-le", "replace"))
        total += length
        if total >= ccp_text or total > MAX_TEXT_CHARS:
            break
    return "".join(parts)[:ccp_text]


def _clean_doc_text(text: str) -> str:
    out, field_depth, in_code = [], 0, []
    for char in text:
        if char == "\x13":  # field begin: skip the code up to the separator
            field_depth += 1
            in_code.append(True)
            continue
        if char == "\x14":  # field separator: the result follows
            if in_code:
                in_code[-1] = False
            continue
        if char == "\x15":  # field end
            if in_code:
                in_code.pop()
            field_depth = max(field_depth - 1, 0)
            continue
        if in_code and in_code[-1]:
            continue
        if char in "\r\x0b\x0c":
            out.append("\n")
        elif char == "\x07":  # cell / row mark
            out.append("\t")
        elif char >= " " or char in "\t\n":
            out.append(char)
    lines = [line.strip() for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)
