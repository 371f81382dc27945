"""Build the resume corpus: each resume is written as a .docx source with
python-docx (paragraphs, tables, nested tables, page headers), then LibreOffice
writes it again as DOCX, PDF and Word 97 DOC; the ground truth goes to a JSON
file beside them. Tests read the committed files; only this script needs
LibreOffice:

    apt-get install -y libreoffice-writer-nogui
    .venv/bin/python documents/tests/resume_corpus/generate.py

The `train` resumes (`personas.py`) were the ones the parser was tuned on. The
`heldout` ones (`held_out.py`) are written with other habits; they were looked
at during the work (two generic bugs were fixed on seeing them), so a second
set, `heldout2`, was written after the parser was finished and measured once.

Ground truth per resume: name, email, phone (E.164), location (as written),
headline (the latest role's title), roles (title, company, start, end as
"YYYY-MM" or "YYYY", end null when ongoing), degrees (as written), schools, and
skills (spellings as written; the test links them with the product's linker).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
FORMATS = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML",
           "doc": "doc:MS Word 97"}  # fmt: skip

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
          "Nov", "Dec"]  # fmt: skip
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]  # fmt: skip


def fmt_date(value: str | None, style: str, *, ongoing: str = "Present") -> str:
    if value is None:
        return ongoing
    if len(value) == 4:
        return value
    year, month = value.split("-")
    m = int(month)
    return {
        "iso": f"{year}-{month}",
        "slash": f"{month}/{year}",
        "dot": f"{month}.{year}",
        "mon": f"{MONTHS[m - 1]} {year}",
        "month": f"{LONG_MONTHS[m - 1]} {year}",
        "split": f"{month}/{year}",
    }[style]


def fmt_range(start, end, style, ongoing="Present", sep=" – "):
    if style == "since" and end is None:
        return f"Since {fmt_date(start, 'mon')}"
    inner = "mon" if style == "since" else style
    if style == "month":
        sep = " to "
    return f"{fmt_date(start, inner)}{sep}{fmt_date(end, inner, ongoing=ongoing)}"


def heading(doc_or_cell, text, style="upper"):
    label = text.upper() if style == "upper" else text
    p = doc_or_cell.add_paragraph()
    run = p.add_run(label)
    run.bold = True
    run.font.size = Pt(12)
    return p


def para(container, text, bold=False, size=None, italic=False):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    return p


def bullet(container, text):
    return para(container, f"• {text}")


def role_lines(container, r, p):
    """One role in the persona's role style."""
    style = p.get("role_style", "pipe")
    dates = fmt_range(r["start"], r["end"], p["dates"], p.get("ongoing", "Present"))
    if style == "pipe":  # Title | Company \n dates
        para(container, f"{r['title']} | {r['company']}", bold=True)
        para(container, dates, italic=True)
    elif style == "comma_tab" and hasattr(container, "vertical_alignment"):
        # In a table column there is no room for a right tab: dates below.
        para(container, f"{r['title']}, {r['company']}", bold=True)
        para(container, dates, italic=True)
    elif style == "comma_tab":  # Title, Company <tab> dates
        q = para(container, f"{r['title']}, {r['company']}\t{dates}", bold=True)
        q.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    elif style == "at":  # Title at Company (dates)
        para(container, f"{r['title']} at {r['company']} ({dates})", bold=True)
    elif style == "company_first":  # Company, City \n Title \n dates
        para(container, f"{r['company']}, {r['city']}", bold=True)
        para(container, r["title"], italic=True)
        para(container, dates)
    elif style == "dates_first":  # dates <tab> Title, Company
        para(container, f"{dates}\t{r['title']}, {r['company']}")
    elif style == "dash":  # Title — Company — City \n dates
        para(container, f"{r['title']} — {r['company']} — {r['city']}", bold=True)
        para(container, dates)
    for b in r.get("bullets", ()):
        bullet(container, b)


def skills_block(container, p):
    style = p.get("skills_style", "comma")
    skills = p["skills"]
    if style == "comma":
        para(container, ", ".join(skills))
    elif style == "bullets":
        for s in skills:
            bullet(container, s)
    elif style == "dots":
        para(container, " · ".join(skills))
    elif style == "grouped":
        half = (len(skills) + 1) // 2
        para(container, "Technical: " + ", ".join(skills[:half]))
        para(container, "Tools: " + ", ".join(skills[half:]))
    elif style == "grid":
        cols = 2
        rows = (len(skills) + cols - 1) // cols
        table = container.add_table(rows=rows, cols=cols)
        for i, s in enumerate(skills):
            table.cell(i // cols, i % cols).text = s


def education_lines(container, p):
    style = p.get("edu_style", "comma")
    for e in p["education"]:
        if style == "comma":
            field = f" {e['field']}" if e.get("field") else ""
            para(container, f"{e['degree']}{field}, {e['school']}, {e['year']}")
        elif style == "in":
            field = f" in {e['field']}" if e.get("field") else ""
            para(container, f"{e['degree']}{field}", bold=True)
            para(container, f"{e['school']} — {e['year']}")
        elif style == "school_first":
            para(container, f"{e['school']}", bold=True)
            field = f", {e['field']}" if e.get("field") else ""
            para(container, f"{e['degree']}{field} ({e['year']})")


def contact_line(p):
    parts = [p["email"], p["phone_text"], p["location"]]
    if p.get("link"):
        parts.append(p["link"])
    return " | ".join(parts)


def extras(container, p):
    for title, lines in p.get("extras", {}).items():
        heading(container, title)
        for line in lines:
            bullet(container, line)


def body(container, p, *, with_skills=True, with_education=True):
    if p.get("summary"):
        heading(container, p.get("summary_title", "Profile"))
        para(container, p["summary"])
    heading(container, p.get("experience_title", "Experience"))
    for r in p["roles"]:
        role_lines(container, r, p)
    if with_education:
        heading(container, "Education")
        education_lines(container, p)
    if with_skills:
        heading(container, p.get("skills_title", "Skills"))
        skills_block(container, p)
    extras(container, p)


def layout_classic(doc, p):
    para(doc, p["name"], bold=True, size=20)
    if p.get("tagline"):
        para(doc, p["tagline"], size=13)
    para(doc, contact_line(p))
    body(doc, p)


def layout_labelled(doc, p):
    para(doc, p["name"], bold=True, size=18)
    para(doc, f"Email: {p['email']}")
    para(doc, f"Phone: {p['phone_text']}")
    para(doc, f"Location: {p['location']}")
    body(doc, p)


def layout_header(doc, p):
    header = doc.sections[0].header
    header.paragraphs[0].text = p["name"]
    header.paragraphs[0].runs[0].bold = True
    header.add_paragraph(contact_line(p))
    if p.get("tagline"):
        para(doc, p["tagline"], bold=True, size=14)
    body(doc, p)


def _two_columns(doc, p, nested):
    table = doc.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Cm(6), Cm(11)
    left.paragraphs[0].text = p["name"]
    left.paragraphs[0].runs[0].bold = True
    for value in (p["email"], p["phone_text"], p["location"]):
        para(left, value)
    heading(left, p.get("skills_title", "Skills"))
    if nested:
        p = dict(p, skills_style="grid")
    skills_block(left, p)
    heading(left, "Education")
    education_lines(left, p)
    if p.get("tagline"):
        right.paragraphs[0].text = p["tagline"]
    body(right, p, with_skills=False, with_education=False)


def layout_two_col(doc, p):
    _two_columns(doc, p, nested=False)


def layout_two_col_nested(doc, p):
    _two_columns(doc, p, nested=True)


def layout_role_table(doc, p):
    """Roles as a table: a narrow dates column whose range is split over three
    paragraphs ("02/2015" / "to" / "06/2016"), the way real text layers read."""
    para(doc, p["name"], bold=True, size=18)
    para(doc, contact_line(p))
    if p.get("summary"):
        heading(doc, "Summary")
        para(doc, p["summary"])
    heading(doc, p.get("experience_title", "Work History"))
    table = doc.add_table(rows=len(p["roles"]), cols=2)
    for i, r in enumerate(p["roles"]):
        dates, body_cell = table.cell(i, 0), table.cell(i, 1)
        dates.width, body_cell.width = Cm(2.6), Cm(14)
        dates.paragraphs[0].text = fmt_date(r["start"], "slash")
        dates.add_paragraph("to")
        dates.add_paragraph(fmt_date(r["end"], "slash", ongoing="Present"))
        body_cell.paragraphs[0].text = r["title"]
        body_cell.paragraphs[0].runs[0].bold = True
        para(body_cell, f"{r['company']}, {r['city']}")
        for b in r.get("bullets", ()):
            bullet(body_cell, b)
    heading(doc, "Education")
    education_lines(doc, p)
    heading(doc, p.get("skills_title", "Skills"))
    skills_block(doc, p)
    extras(doc, p)


def layout_academic(doc, p):
    para(doc, "Curriculum Vitae", size=11)
    para(doc, p["name"], bold=True, size=18)
    para(doc, p["location"])
    para(doc, f"{p['email']} · {p['phone_text']}")
    heading(doc, "Education")
    education_lines(doc, p)
    heading(doc, p.get("experience_title", "Academic Appointments"))
    for r in p["roles"]:
        role_lines(doc, r, p)
    if p.get("summary"):
        heading(doc, "Research Interests")
        para(doc, p["summary"])
    heading(doc, p.get("skills_title", "Research Skills"))
    skills_block(doc, p)
    extras(doc, p)


def layout_raw(doc, p):
    for kind, value in p["blocks"]:
        if kind == "h":
            heading(doc, value, style="as is")
        elif kind == "b":
            para(doc, value, bold=True)
        elif kind == "p":
            para(doc, value)
        elif kind == "row":
            table = doc.add_table(rows=1, cols=len(value))
            for i, text in enumerate(value):
                lines = text.split("\n")
                cell = table.cell(0, i)
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)


LAYOUTS = {
    "raw": layout_raw,
    "classic": layout_classic,
    "labelled": layout_labelled,
    "header": layout_header,
    "two_col": layout_two_col,
    "two_col_nested": layout_two_col_nested,
    "role_table": layout_role_table,
    "academic": layout_academic,
}


def build_source(p, path: Path) -> None:
    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    LAYOUTS[p["layout"]](doc, p)
    doc.save(path)


def truth(p) -> dict:
    # The person's name, without an honorific ("Dr") or letters after it.
    name = p.get("truth_name", p["name"])
    roles = [
        {"title": r["title"], "company": r["company"], "start": r["start"],
         "end": r["end"]}
        for r in p["roles"]
    ]  # fmt: skip
    latest = p["roles"][0]["title"] if p["roles"] else p.get("tagline", "")
    return {
        "id": p["id"],
        "set": p["set"],
        "layout": p["layout"],
        "country": p["country"],
        "name": name,
        "email": p["email"],
        "phone": p["phone"],
        "location": p["location"],
        "headline": p.get("headline", latest),
        "roles": roles,
        "degrees": [e["degree"] for e in p["education"]],
        "schools": [e["school"] for e in p["education"]],
        "skills": p["skills"] + p.get("inline_skills", []),
    }


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    from held_out import HELD_OUT, HELD_OUT_2
    from personas import PERSONAS

    truth_only = "--truth-only" in argv  # rewrite the JSON files, not the documents
    wanted = set(argv) - {"--truth-only"}
    people = (
        [dict(p, set="train") for p in PERSONAS]
        + [dict(p, set="heldout") for p in HELD_OUT]
        + [dict(p, set="heldout2") for p in HELD_OUT_2]
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        sources = []
        for p in people:
            if wanted and p["id"] not in wanted:
                continue
            (HERE / f"{p['id']}.json").write_text(
                json.dumps(truth(p), indent=1, ensure_ascii=False) + "\n"
            )
            if truth_only:
                continue
            source = tmpdir / "src" / f"{p['id']}.docx"
            source.parent.mkdir(exist_ok=True)
            build_source(p, source)
            sources.append(source)
        for fmt in FORMATS if sources else ():
            out = tmpdir / fmt
            out.mkdir()
            # One LibreOffice start for all files of a format.
            subprocess.run(
                ["soffice", "--headless", "--convert-to", FORMATS[fmt], "--outdir",
                 str(out), *map(str, sources)],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip
            for source in sources:
                shutil.copy(out / f"{source.stem}.{fmt}", HERE / f"{source.stem}.{fmt}")


if __name__ == "__main__":
    main(sys.argv[1:])
