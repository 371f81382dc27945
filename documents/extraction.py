"""Text extraction: PDF (pypdf), DOCX (python-docx), legacy DOC (olefile + the
Word piece table, pure Python, offline). Pure functions over bytes: the service
decides what to store.

Reasons a readable-looking file fails are returned, never raised: "encrypted",
"could not read", "too many pages". An image-only PDF is ready with
`has_text_layer=False` and the notice "no text layer".
"""

import bisect
import io
import logging
import struct
import zipfile
from dataclasses import dataclass

from django.conf import settings

from documents.models import ContentType
from documents.validation import DocumentRejected, check_zip_limits

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

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            check_zip_limits(archive)
        except DocumentRejected:
            return Extraction(ok=False, reason=UNREADABLE)
    document = docx.Document(io.BytesIO(data))
    lines = _docx_header_lines(document)
    lines.extend(_docx_block_lines(document.element.body))
    text = _clip("\n".join(line for line in lines if line.strip()))
    return Extraction(ok=True, text=text, has_text_layer=bool(text))


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_TABLE_DEPTH = 8  # deeper nesting is read as plain text, never recursed into


def _paragraph_text(p) -> str:
    """A paragraph's visible text: runs, tabs and breaks, hyperlinks' runs too."""
    parts = []
    for node in p.iter():
        if node.tag == f"{W_NS}t":
            parts.append(node.text or "")
        elif node.tag == f"{W_NS}tab":
            parts.append("\t")
        elif node.tag in (f"{W_NS}br", f"{W_NS}cr"):
            parts.append("\n")
    return "".join(parts)


def _docx_block_lines(container, depth: int = 0) -> list[str]:
    """The lines of a body or table cell in reading order: paragraphs, and tables
    row by row (nested tables too). A row of one-line cells reads as one line,
    cells tab-separated; a row whose cells hold several paragraphs (a layout
    table: two columns, a dates column) reads cell after cell."""
    lines: list[str] = []
    for child in container.iterchildren():
        if child.tag == f"{W_NS}p":
            lines.extend(_paragraph_text(child).split("\n"))
        elif child.tag == f"{W_NS}sdt":  # content controls wrap ordinary blocks
            content = child.find(f"{W_NS}sdtContent")
            if content is not None:
                lines.extend(_docx_block_lines(content, depth))
        elif child.tag == f"{W_NS}tbl":
            for row in child.iterchildren(f"{W_NS}tr"):
                cells = [
                    _docx_block_lines(cell, depth + 1)
                    if depth < MAX_TABLE_DEPTH
                    else ["".join(t.text or "" for t in cell.iter(f"{W_NS}t"))]
                    for cell in row.iterchildren(f"{W_NS}tc")
                ]
                cells = [[line for line in c if line.strip()] for c in cells]
                if all(len(c) <= 1 for c in cells):
                    values = []
                    for c in cells:
                        # Merged cells repeat; keep each value once per row.
                        if c and (not values or values[-1] != c[0].strip()):
                            values.append(c[0].strip())
                    if values:
                        lines.append("\t".join(values))
                else:
                    for c in cells:
                        lines.extend(c)
    return lines


def _docx_header_lines(document) -> list[str]:
    """Page-header text (many resumes put the name and contact there), each
    distinct header once."""
    lines: list[str] = []
    seen = set()
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            if header.is_linked_to_previous and section is not document.sections[0]:
                continue
            element = header._element
            key = id(element)
            if key in seen:
                continue
            seen.add(key)
            for line in _docx_block_lines(element):
                if line.strip() and line not in lines:
                    lines.append(line)
    return lines


# --- Legacy Word (97–2003) -----------------------------------------------------
# [MS-DOC]: the FIB at the start of the WordDocument stream says which table
# stream holds the piece table (Clx) and how many characters the main text has.
FIB_IDENT = 0xA5EC
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
OFFSET_FLAGS = 0x000A
OFFSET_CCP_TEXT = 0x004C
OFFSET_CCP_FTN = 0x0050  # footnote story length, then the header story's
OFFSET_CCP_HDD = 0x0054
OFFSET_FC_PLCF_BTE_PAPX = 0x0102
OFFSET_FC_CLX = 0x01A2
# A table row ends with a 0x07 "paragraph" whose properties say so (sprmPFTtp);
# only the paragraph properties tell it from an empty cell's 0x07.
SPRM_P_F_TTP = 0x2417
FKP_SIZE = 512
# Operand sizes by the sprm's spra (its top three bits); 6 is variable.
SPRA_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
SPRM_T_DEF_TABLE = 0xD608


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
    ccp_text, ccp_ftn, ccp_hdd = (
        max(v, 0) for v in struct.unpack_from("<iii", word, OFFSET_CCP_TEXT)
    )
    fc_clx, lcb_clx = struct.unpack_from("<II", word, OFFSET_FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    row_ends = _row_end_runs(word, table)
    # The header story follows the main text and the footnotes: page headers
    # often hold the name and contact, so they are read first.
    full = _doc_text(word, clx, ccp_text + ccp_ftn + ccp_hdd, row_ends)
    if full is None:
        return Extraction(ok=False, reason=UNREADABLE)
    headers = _clean_doc_text(full[ccp_text + ccp_ftn : ccp_text + ccp_ftn + ccp_hdd])
    body = _clean_doc_text(full[:ccp_text])
    seen = set(body.splitlines())
    header_lines = [h for h in dict.fromkeys(headers.splitlines()) if h not in seen]
    text = _clip("\n".join([*header_lines, body]))
    return Extraction(ok=True, text=text, has_text_layer=bool(text))


def _doc_text(
    word: bytes, clx: bytes, ccp_text: int, row_ends: list[tuple[int, int]]
) -> str | None:
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
            raw = _mark_row_ends(word[offset : offset + length], offset, 1, row_ends)
            parts.append(raw.decode("cp1252", "replace"))
        else:
            offset = fc_value & 0x3FFFFFFF
            raw = _mark_row_ends(
                word[offset : offset + 2 * length], offset, 2, row_ends
            )
            parts.append(raw.decode("utf-16-le", "replace"))
        total += length
        if total >= ccp_text or total > MAX_TEXT_CHARS:
            break
    return "".join(parts)[:ccp_text]


def _row_end_runs(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """The (start, end) file offsets of the paragraphs that end a table row,
    sorted: the PlcBtePapx (table stream) names the FKP pages (WordDocument) that
    hold each paragraph's properties. Anything malformed yields fewer runs, never
    an error: rows then read as cells."""
    fc, lcb = struct.unpack_from("<II", word, OFFSET_FC_PLCF_BTE_PAPX)
    plc = table[fc : fc + lcb]
    if len(plc) < 4 or (len(plc) - 4) % 8:
        return []
    count = (len(plc) - 4) // 8
    pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
    runs = []
    for pn in dict.fromkeys(p & 0x3FFFFF for p in pages):
        fkp = word[pn * FKP_SIZE : (pn + 1) * FKP_SIZE]
        if len(fkp) < FKP_SIZE:
            continue
        crun = fkp[FKP_SIZE - 1]
        if 4 * (crun + 1) + 13 * crun > FKP_SIZE - 1:
            continue
        fcs = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for index in range(crun):
            b_offset = fkp[4 * (crun + 1) + 13 * index] * 2
            if b_offset and _has_ttp(fkp, b_offset):
                runs.append((fcs[index], fcs[index + 1]))
    return sorted(runs)


def _has_ttp(fkp: bytes, at: int) -> bool:
    """Whether the PapxInFkp at `at` sets sprmPFTtp."""
    if at >= len(fkp):
        return False
    cb = fkp[at]
    if cb:
        grpprl = fkp[at + 1 : at + 2 * cb]
    elif at + 1 < len(fkp):
        grpprl = fkp[at + 2 : at + 2 + 2 * fkp[at + 1]]
    else:
        return False
    pos = 2  # after the style index (istd)
    while pos + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, pos)
        pos += 2
        if sprm == SPRM_P_F_TTP:
            return pos < len(grpprl) and grpprl[pos] == 1
        size = SPRA_OPERAND_SIZE.get(sprm >> 13)
        if size is None:  # variable: a length byte (two, less one, for TDefTable)
            if sprm == SPRM_T_DEF_TABLE and pos + 2 <= len(grpprl):
                size = 2 + struct.unpack_from("<H", grpprl, pos)[0] - 1
            elif pos < len(grpprl):
                size = 1 + grpprl[pos]
            else:
                return False
        pos += size
    return False


def _mark_row_ends(
    raw: bytes, offset: int, width: int, row_ends: list[tuple[int, int]]
) -> bytes:
    """`raw` (text at file offset `offset`, `width` bytes a character) with each
    row-end mark 0x07 turned into a paragraph mark, so a row reads as one line."""
    if not row_ends or 0x07 not in raw:
        return raw
    mark = b"\x07" + b"\x00" * (width - 1)
    out = bytearray(raw)
    for index in range(0, len(raw) - width + 1, width):
        if raw[index : index + width] != mark:
            continue
        position = offset + index
        run = bisect.bisect_right(row_ends, (position, float("inf"))) - 1
        if run >= 0 and row_ends[run][0] <= position < row_ends[run][1]:
            out[index] = 0x0D
    return bytes(out)


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
        elif char == "\x07":  # cell mark (row marks became "\r" above)
            out.append("\t")
        elif char == "\x1e":  # non-breaking hyphen
            out.append("-")
        elif char >= " " or char in "\t\n":
            out.append(char)
    lines = [line.strip() for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)
