"""The test corpus: real files of each kind, written in memory by the tests.

- PDFs by our hand-written writer (`documents.pdf_writer`) and re-written by pypdf
  (multi-page, image-only, encrypted with pypdf's AES, truncated);
- DOCX by python-docx (paragraphs and a table);
- DOC (Word 97) by `build_doc`: a compound file (OLE2) written here, holding a
  WordDocument stream with a FIB and the text, and a 1Table stream with the
  piece table — the structures a Word 97 reader looks for. Because reader and
  writer are both ours, one real file made by another tool is kept beside them:
  `files/resume-libreoffice.doc`, converted once from `files/resume-libreoffice.fodt`
  by LibreOffice 7.4 (`soffice --headless --convert-to doc:"MS Word 97" …`; the
  machines do not install LibreOffice, so it is not made at test time);
- PNG/JPEG by Pillow; rejected samples (executables, HTML, SVG, polyglots, zip
  bomb) as raw bytes.
"""

import io
import struct
import zipfile
from pathlib import Path

from documents.pdf_writer import build_pdf

RESUME_LINES = ["Alice Candidate", "Senior Python developer", "Django, PostgreSQL"]
RESUME_TEXT = "\n".join(RESUME_LINES)


def pdf_resume() -> bytes:
    return build_pdf([RESUME_LINES])


def pdf_multipage() -> bytes:
    return build_pdf([["Page one: experience"], ["Page two: education"], ["Three"]])


def pdf_image_only() -> bytes:
    return build_pdf([None, None])


def pdf_rewritten_by_pypdf() -> bytes:
    """The same resume after a round trip through another tool (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_resume())))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_resume())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_truncated() -> bytes:
    data = pdf_resume()
    return data[: len(data) // 2]


def pdf_with_javascript() -> bytes:
    return pdf_resume().replace(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript "
        b"/JS (app.alert(1)) >> >>",
    )


DOCX_PARAGRAPHS = ["Bob Candidate", "Data engineer with Spark experience"]
DOCX_TABLE = [["Skill", "Years"], ["Python", "7"], ["SQL", "5"]]


def docx_resume() -> bytes:
    import docx

    document = docx.Document()
    for paragraph in DOCX_PARAGRAPHS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=len(DOCX_TABLE), cols=2)
    for row_index, row in enumerate(DOCX_TABLE):
        for col_index, value in enumerate(row):
            table.cell(row_index, col_index).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_TEXT = "\n".join(DOCX_PARAGRAPHS + ["\t".join(row) for row in DOCX_TABLE])


def docx_with_macros() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_resume()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


def zip_bomb(member_mb: int = 200) -> bytes:
    """A DOCX-shaped archive whose document.xml inflates to `member_mb` MB.

    Written chunk by chunk so building it needs little memory either."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        chunk = b"\x00" * (1024 * 1024)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(member_mb):
                member.write(chunk)
    return out.getvalue()


def zip_many_members(count: int = 1500) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(count):
            archive.writestr(f"word/media/{index}.bin", b"")
    return out.getvalue()


DOC_PARAGRAPHS = ["Carol Candidate", "Legacy Word resume: COBOL and Fortran"]
DOC_TEXT = "\n".join(DOC_PARAGRAPHS)
FILES = Path(__file__).resolve().parent / "files"
# What a reader should get from the LibreOffice file: the main text only (no
# header, no footnote), field results, one line per table row (an empty cell
# keeps its tab), and the paragraph after the table on its own line.
LIBREOFFICE_DOC_TEXT = "\n".join(
    [
        "Confidential header",  # the page header, read first
        "Dana Döring — Résumé",
        "Senior engineer: Python, Django & PostgreSQL",
        "Skills",
        "Skill\tYears\tLevel",
        "Rust\t\texpert",
        "Experience",
        "2019-now Lead engineer, Example GmbH (Ελληνικά, 日本語)",
        "Page 1 of the resume",
    ]
)


def doc_by_libreoffice() -> bytes:
    return (FILES / "resume-libreoffice.doc").read_bytes()


def build_doc(paragraphs=DOC_PARAGRAPHS, *, encrypted=False, compressed=True) -> bytes:
    """A Word 97 binary document: FIB + text in WordDocument, Clx in 1Table."""
    text = "\r".join(paragraphs) + "\r"
    text_offset = 0x800
    if compressed:
        encoded = text.encode("cp1252")
        fc = (text_offset * 2) | 0x40000000
    else:
        encoded = text.encode("utf-16-le")
        fc = text_offset
    word = bytearray(max(4096, text_offset + len(encoded) + 16))
    struct.pack_into("<H", word, 0x0000, 0xA5EC)  # wIdent
    struct.pack_into("<H", word, 0x0002, 0x00C1)  # nFib (Word 97)
    flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm = 1Table
    struct.pack_into("<H", word, 0x000A, flags)
    struct.pack_into("<H", word, 0x0020, 14)  # csw
    struct.pack_into("<H", word, 0x003E, 22)  # cslw
    struct.pack_into("<i", word, 0x004C, len(text))  # ccpText
    struct.pack_into("<H", word, 0x0098, 93)  # cbRgFcLcb (Word 97)
    word[text_offset : text_offset + len(encoded)] = encoded
    # Clx = Pcdt: 0x02, lcb, PlcPcd (CPs [0, n], one Pcd).
    plc = struct.pack("<ii", 0, len(text)) + struct.pack("<HIH", 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = bytearray(4096)
    table[0 : len(clx)] = clx
    struct.pack_into("<II", word, 0x01A2, 0, len(clx))  # fcClx, lcbClx
    return build_ole2({"WordDocument": bytes(word), "1Table": bytes(table)})


def build_ole2(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (v3, 512-byte sectors). Streams of 4096 bytes or
    more live in regular sectors, so no mini stream is needed."""
    sector = 512
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = list(streams)
    assert all(len(data) >= 4096 for data in streams.values())
    chains, sectors = [], []
    for name in names:
        data = streams[name]
        count = -(-len(data) // sector)
        chains.append((len(sectors), count))
        padded = data + b"\x00" * (count * sector - len(data))
        sectors += [padded[i * sector : (i + 1) * sector] for i in range(count)]
    dir_start = len(sectors)
    entries = 1 + len(names)
    dir_count = -(-entries * 128 // sector)
    total = len(sectors) + dir_count
    fat_count = 1
    while total + fat_count > fat_count * (sector // 4):
        fat_count += 1
    fat_start = total
    fat = [free] * (fat_count * (sector // 4))
    for start, count in chains:
        for i in range(count):
            fat[start + i] = start + i + 1 if i < count - 1 else end
    for i in range(dir_count):
        fat[dir_start + i] = dir_start + i + 1 if i < dir_count - 1 else end
    for i in range(fat_count):
        fat[fat_start + i] = fat_sector

    def entry(name, kind, child, right, start, size):
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, free, end, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else free
        start, _ = chains[index]
        directory += entry(name, 2, free, right, start, len(streams[name]))
    directory = directory.ljust(dir_count * sector, b"\x00")
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    difat = [fat_start + i for i in range(fat_count)] + [free] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIII", 0, fat_count, dir_start, 0)
        + struct.pack("<IIIII", 4096, end, 0, end, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == 512
    return header + b"".join(sectors) + directory + fat_bytes


def png_image() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_image() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 200, 30)).save(out, format="JPEG")
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
SHELL = b"#!/bin/sh\nrm -rf ~\n"


def pdf_html_polyglot() -> bytes:
    """Starts like a PDF, but a browser sniffing it would find a web page."""
    return b"%PDF-1.4\n<html><script>alert(1)</script></html>\n" + pdf_resume()[9:]


def pdf_zip_polyglot() -> bytes:
    """A valid PDF with a valid ZIP appended: both readers accept it."""
    return pdf_resume() + docx_resume()


def zip_pdf_polyglot() -> bytes:
    """A ZIP whose first member is stored uncompressed and holds a PDF header."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", pdf_resume())
        source = zipfile.ZipFile(io.BytesIO(docx_resume()))
        for item in source.infolist():
            archive.writestr(item.filename, source.read(item.filename))
    return out.getvalue()
