"""What a resume's text lost on the way (pure): line breaks, and the labels that
stand in for layout.

Text dumps and some PDF text layers run a whole resume together: "Skills • Python
• SQL Education Details …" on one line, sections glued to the word before them
("…monthsCompany Details"). `split_run_on` gives such a line its lines back
(headings, bullets) so the field readers see sections again. Job-site exports write
fields as "label - value" pairs ("company - Acme Ltd", "Designation: Analyst"):
`label_of` reads them, and `stated_years` reads the experience a resume states in
words ("5 years of experience", "Java - Experience - 24 months").
"""

from __future__ import annotations

import re

from matching.engine.resume_text import (
    COMPANY_LABELS,
    HEADING_LOOKUP,
    INLINE_BULLET,
    LABEL,
    PLAIN_LABELS,
    RUN_ON_CHARS,
    STATED_EXPERIENCE,
    TITLE_LABELS,
)

MAX_STATED_YEARS = 50


def _cased(phrase: str) -> str:
    """A heading as written in a title ("Education Details") or in capitals,
    never in lower case (then it is a phrase of a sentence)."""
    words = []
    for word in phrase.split():
        if word in {"and", "of"}:
            words.append(rf"(?:{word}|{word.title()}|{word.upper()}|&)")
        else:
            words.append(rf"(?:{re.escape(word.title())}|{re.escape(word.upper())})")
    return r"\s+".join(words)


_PHRASES = sorted(
    (h for h in HEADING_LOOKUP if h.isascii() and " " in h), key=len, reverse=True
)
_WORDS = sorted(h for h in HEADING_LOOKUP if h.isascii() and " " not in h)
_MULTI = "|".join(_cased(h) for h in _PHRASES)
_SINGLE = "|".join(_cased(h) for h in _WORDS)
# "…Internet ApplicationsEducation Details", "…Mumbai 400050Education Details":
# a heading glued to the word before.
GLUED_HEADING = re.compile(rf"(?<=[A-Za-z0-9.)])(?=(?:{_MULTI})\b)")
# In a run-on line: a heading of several words, or one word and a colon.
INLINE_MULTI = re.compile(rf"(?<=\S)\s+(?=(?:{_MULTI})\b)")
# ("INDUSTRIAL EXPERIENCE:": the split goes before the capitals that lead to it).
INLINE_HEADING = re.compile(
    rf"(?<=\S)\s+(?=(?:{_MULTI})\b)"
    rf"|(?<=\S)(?<![A-Z]{{2}})\s+(?=(?:[A-Z][A-Z&/-]*\s+){{0,2}}(?:{_SINGLE})\s*:)"
)
# A run-on line that starts with its heading: "SKILLS: Python …", "Skill Set • …".
LEADING_HEADING = re.compile(
    rf"^(?P<heading>(?:{_MULTI}|{_SINGLE}))\b(?P<sep>\s*(?::-|:|-|–))?\s*(?=\S)"
)
BULLETS = "•➢▪►◦✓→*"


def split_run_on(line: str) -> list[str]:
    """`line` as the lines it lost: a heading glued to the word before it is split
    off anywhere; in a long line (a dump), headings and inline bullets too."""
    out = []
    for part in GLUED_HEADING.sub("\n", line).split("\n"):
        if len(part) < RUN_ON_CHARS:
            # "Skills • Python Education Details": a heading of several words.
            out.extend(INLINE_MULTI.sub("\n", part).split("\n"))
            continue
        for piece in INLINE_HEADING.sub("\n", part).split("\n"):
            heading = LEADING_HEADING.match(piece)
            if heading and (
                " " in heading.group("heading")  # "Education Details …"
                or heading.group("sep")  # "Skills: …"
                or heading.group("heading").isupper()  # "SKILLSET Oracle …"
                or piece[heading.end()] in BULLETS  # "Skills • …"
            ):
                out.append(heading.group("heading"))
                piece = piece[heading.end() :]
            out.extend(INLINE_BULLET.sub("\n", piece).split("\n"))
    return [p for p in out if p.strip()]


def label_of(line: str) -> tuple[str, str] | None:
    """("company", "Acme Ltd") for "company - Acme Ltd"; None unless the label is
    one that names a role's company, its title, or only introduces text."""
    match = LABEL.match(line)
    if not match:
        return None
    label = re.sub(r"\s+", " ", match.group("label")).strip(" .").lower()
    if label in COMPANY_LABELS or label in TITLE_LABELS or label in PLAIN_LABELS:
        return label, match.group("value").strip()
    return None


def stated_years(text: str) -> float:
    """The most experience the text states in words, in years (0.0 if none):
    "4 years of experience", "Experience: 1 year 3 months", "SQL - Experience -
    30 months". A per-skill figure is at most the whole; the largest one is a
    floor for it."""
    best = 0.0
    for match in STATED_EXPERIENCE.finditer(text or ""):
        groups = match.groupdict()
        years = float(groups["years"] or groups["years2"] or groups["years3"] or 0)
        months = int(groups["ymonths"] or groups["months2"] or groups["months"] or 0)
        best = max(best, years + months / 12)
    return round(min(best, MAX_STATED_YEARS), 1)
