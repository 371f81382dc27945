"""The fields of a resume read from its extracted text (pure): name, location,
country, phone region, roles (title, company, dates), education (degree, field,
school, year) and the proposed headline.

Text from PDF and Word files arrives with layout quirks; `clean_lines` undoes
the common ones first: a run-on line of a text dump gets its headings and bullets
back on lines of their own (`resume_layout.split_run_on`), tab-separated table
cells become lines, a word split by a line-end hyphen is joined, and a date range
a narrow column split over lines ("02/2015" / "to" / "06/2016") becomes one line
again. Job-site exports' "label - value" pairs ("company - Acme", "Designation:
Analyst") are read as the company and title they name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from matching.engine.resume_layout import label_of, split_run_on
from matching.engine.resume_text import (
    AU_STATES,
    CA_PROVINCES,
    CITIES,
    COMPANY_LABELS,
    COUNTRY_NAMES,
    DATE_RANGE,
    DEGREE,
    HEADING_KEYWORDS,
    HEADING_LOOKUP,
    IN_STATES,
    LONE_DATE,
    LONE_END,
    MONTHS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    NOT_NAMES,
    ORG_WORDS,
    PLAIN_LABELS,
    RANGE_JOINER,
    SCHOOL_WORDS,
    TITLE_LABELS,
    TITLE_WORDS,
    TLD_COUNTRY,
    US_STATES,
    YEAR,
)

# "• Docker", "•Docker", "- Docker", "1. Docker", "➢ Docker"; "Ø", "ü" are
# bullets of a symbol font read as letters.
BULLET = re.compile(r"^\s*(?:[•➢▪►]\s*|(?:[-*·◦–✓o→Øü]|\d+[.)])\s+)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>()]+|(?:linkedin\.com|github\.com|gitlab\.com)/[^\s<>()]+",
    re.IGNORECASE,
)
# Separators between the parts of a role or contact line.
PART_SPLIT = re.compile(r"\s+[|•·—–]\s+|\s+-\s+|\s*\|\s*|\t|\s{3,}")
NOT_ROLE_SECTIONS = {"education", "skills", "awards", "publications", "languages",
                     "certifications", "references", "projects",
                     "volunteering", "personal"}  # fmt: skip
# "Erie, PA", "Toronto, ON": a state or province code is a place, never a skill.
PLACE_CODE = re.compile(
    r"(?<=, )(?:" + "|".join(sorted(US_STATES | CA_PROVINCES | AU_STATES)) + r")\b"
)
PHONE_LABEL = re.compile(
    r"^(?:tel|phone|mobile|mob|cell|kontakt|contact)\.?:?\s*", re.I
)
LABELLED = re.compile(
    r"^(?:(?:current|present|permanent|residential|home)\s+)?"
    r"(?:location|address|adresse|based in|city|home|place|residence)"
    r"\s*(?::-|:|-)?\s*(?P<value>.*)$",
    re.I,
)
CITY_WORDS = r"\b(?:" + "|".join(sorted(CITIES, key=len, reverse=True)) + r")\b"
# Words of section headings ("Personal Skills", "Education Details" are no names).
HEADING_WORDS = {w for h in HEADING_LOOKUP for w in h.split()} - {"and", "about", "me"}


@dataclass(frozen=True)
class Role:
    title: str
    start: date
    end: date | None  # None: ongoing
    years: float
    line_no: int
    line: str
    company: str = ""
    start_label: str = ""  # "2019-03" or "2019": as precise as written
    end_label: str | None = None


@dataclass(frozen=True)
class EducationEntry:
    line: str
    line_no: int
    degree: str
    year: int | None
    school: str = ""
    field: str = ""


# --- lines and sections -------------------------------------------------------


def clean_lines(text: str) -> list[str]:
    raw: list[str] = []
    wrapped: list[bool] = []  # the text layer ended this line with a space
    for line in (text or "").splitlines():
        if not line.strip() and wrapped:
            wrapped[-1] = False  # a blank line ends a paragraph, not a wrap
        for cell in line.split("\t"):
            pieces = split_run_on(cell)
            for n, piece in enumerate(pieces):
                clean = re.sub(r"[ \u00a0]+", " ", piece).strip()
                if clean:
                    raw.append(clean)
                    last = n == len(pieces) - 1
                    wrapped.append(
                        last and cell.endswith(" ") and not heading_of(clean)
                    )
    out: list[str] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        # "scikit-" / "learn": a word the layout broke at its hyphen.
        while (
            i + 1 < len(raw)
            and re.search(r"[a-z]-$", line)
            and re.match(r"[a-z]", raw[i + 1])
        ):
            i += 1
            line += raw[i]
        # "Financial " / "modeling", "Customer" / "service": a phrase a narrow
        # column wrapped (a PDF text layer keeps the space, or the rest is short
        # and starts in lower case).
        while (
            i + 1 < len(raw)
            and not re.search(r"[@/\d]", raw[i + 1] + line)
            and not re.search(r"[.;:!?]$", line)
            and not BULLET.match(raw[i + 1])
            and not heading_of(raw[i + 1])
            and not heading_of(line)
            and (
                wrapped[i]
                or re.match(r"[a-z]", raw[i + 1])
                and not line.endswith(",")
                and len(line.split()) <= 3
                and len(raw[i + 1].split()) <= 3
            )
        ):
            i += 1
            line = f"{line} {raw[i]}"
        # "02/2015" / "to" / "06/2016", "Jan 2019 –" / "Present".
        if i + 1 < len(raw):
            nxt = raw[i + 1]
            if (
                LONE_DATE.match(line)
                and RANGE_JOINER.match(nxt)
                and i + 2 < len(raw)
                and LONE_END.match(raw[i + 2])
            ):
                line = f"{line} {nxt} {raw[i + 2]}"
                i += 2
            elif re.search(r"(?:-|–|—|\bto)$", line) and LONE_END.match(nxt):
                line = f"{line} {nxt}"
                i += 1
        # "…, Anna University," / "2015": a year the line width pushed down.
        if out and re.fullmatch(r"\(?(?:19|20)\d\d\)?", line) and out[-1].endswith(","):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        i += 1
    return out


def heading_of(line: str) -> str | None:
    text = line.strip().rstrip(":")
    if not text or len(text) > 40 or any(ch.isdigit() for ch in text) or "@" in text:
        return None
    key = re.sub(r"[^a-zäöüé ]", "", text.lower().replace("&", " and ")).strip()
    key = re.sub(r"\s+", " ", key)
    if not key or len(key.split()) > 4:
        return None
    if key in HEADING_LOOKUP:
        return HEADING_LOOKUP[key]
    # A short all-capitals line, or one ending with ":", named by a key word.
    letters = [c for c in text if c.isalpha()]
    shouty = letters and all(c.isupper() for c in letters)
    if shouty or line.strip().endswith(":"):
        for name, words in HEADING_KEYWORDS:
            if any(w in key for w in words):
                return name
    return None


def sections_of(lines: Sequence[str]) -> tuple[list[str], list[str | None]]:
    sections: list[str] = []
    section_of_line: list[str | None] = []
    current = None
    for line in lines:
        heading = heading_of(line)
        labelled = label_of(line)
        if heading:
            current = heading
            if heading not in sections:
                sections.append(heading)
        elif current in {"projects", "skills"} and labelled and (
            labelled[0] in COMPANY_LABELS
        ):  # fmt: skip
            # "Projects:" or "Technical Skills" inside a job, then the next job.
            current = "experience"
        section_of_line.append(current)
    return sections, section_of_line


# --- dates ----------------------------------------------------------------------


def _point(groups: dict, p: str) -> tuple[int, int, bool] | None:
    """(year, month, month_known) of the start ("s") or end ("e") date."""
    if groups.get(f"{p}mon"):
        return int(groups[f"{p}y1"]), MONTHS[groups[f"{p}mon"][:3].lower()], True
    if groups.get(f"{p}mm2"):
        return int(groups[f"{p}y4"]), int(groups[f"{p}mm2"]), True
    if groups.get(f"{p}mm"):
        return int(groups[f"{p}y2"]), int(groups[f"{p}mm"]), True
    if groups.get(f"{p}y3"):
        return int(groups[f"{p}y3"]), 1, False
    return None


def _label(point: tuple[int, int, bool]) -> str:
    return f"{point[0]}-{point[1]:02d}" if point[2] else str(point[0])


def date_range(line: str, today: date):
    """The first start–end range in `line`: (match, start, end or None, labels),
    or None. A lone date is not a range unless it says "Since…"."""
    for match in DATE_RANGE.finditer(line):
        groups = match.groupdict()
        start = _point(groups, "s")
        end = _point(groups, "e")
        ongoing = bool(groups.get("present")) or (bool(groups.get("since")) and not end)
        if start is None or (end is None and not ongoing):
            continue
        if end is not None and (end[0], end[1]) < (start[0], start[1]):
            continue
        if (start[0], start[1]) > (today.year, today.month):
            continue
        return match, start, end, _label(start), (_label(end) if end else None)
    return None


# --- contact: name, location, country -----------------------------------------


def _is_name(line: str) -> str | None:
    text = re.sub(r"\s+", " ", line).strip().strip(",")
    if not text or len(text) > 60 or text.lower() in NOT_NAMES:
        return None
    if any(ch.isdigit() for ch in text) or "@" in text or heading_of(text):
        return None
    words = text.replace(",", " ").split()
    if HEADING_WORDS.intersection(w.lower() for w in words):
        return None
    while words and words[0].lower() in NAME_PREFIXES:
        words = words[1:]
    # Trailing credentials: "Fiona MacLeod RGN", "Jane Doe, PhD".
    while len(words) > 2 and (
        (words[-1].isupper() and len(words[-1]) <= 5) or DEGREE.fullmatch(words[-1])
    ):
        words = words[:-1]
    if not 2 <= len(words) <= 4:
        return None
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        if (
            not re.fullmatch(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*", word)
            or word.lower().rstrip(".") in TITLE_WORDS | ORG_WORDS
        ):
            return None
    if all(w.isupper() for w in words if len(w) > 1):
        words = [w.capitalize() if w.lower() not in NAME_PARTICLES else w.lower()
                 for w in words]  # fmt: skip
    return " ".join(words)


def find_name(
    lines: Sequence[str], top: int, section_of_line: Sequence[str | None] = ()
) -> tuple[str, int]:
    for i, line in enumerate(lines[:top]):
        if section_of_line and section_of_line[i] in {"education", "experience",
                                                      "skills"}:  # fmt: skip
            continue  # "Maharashtra State Board", a school's line
        name = _is_name(line)
        if name:
            return name, i
    return "", -1


def place_country(text: str) -> str:
    """The ISO country a place names ("Leeds, UK" → "GB"; "Austin, TX" → "US"),
    or ""."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return ""
    last = parts[-1]
    if last.lower() in COUNTRY_NAMES:
        return COUNTRY_NAMES[last.lower()]
    if len(parts) >= 2:
        if last.lower() in IN_STATES:
            return "IN"
        if last in US_STATES:
            return "US"
        if last in CA_PROVINCES:
            return "CA"
        if last in AU_STATES:
            return "AU"
    return CITIES.get(parts[0].lower(), "")


def location_parts(text: str) -> dict:
    """{"city", "region", "country"} of a written place: "Austin, TX" → Austin,
    TX, US; "Leeds, UK" → Leeds, "", GB; "Edinburgh, Scotland" → Edinburgh,
    Scotland, GB; "London" → London, "", GB."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    country = place_country(text)
    city = parts[0] if parts else ""
    region = ""
    if len(parts) >= 2:
        last = parts[-1]
        named_country = last.lower() in COUNTRY_NAMES
        if not named_country or last.lower() in {"scotland", "wales", "england",
                                                 "northern ireland"}:  # fmt: skip
            region = last
        elif len(parts) >= 3:
            region = parts[1]
    return {"city": city[:100], "region": region[:100], "country": country}


def _is_place(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text) or "@" in text:
        return False
    parts = [p.strip() for p in text.split(",")]
    if not all(re.fullmatch(r"[A-ZÀ-Þ][\w'’. -]*", p) for p in parts if p):
        return False
    if len(parts) >= 2:
        return bool(place_country(text)) or len(parts) == 2 and len(parts[1]) == 2
    return text.lower() in CITIES


def find_location(
    lines: Sequence[str], top: int, section_of_line: Sequence[str | None] = ()
) -> str:
    """A place in the header: a labelled one ("Location: Leeds, UK") first, then
    a "City, Region/Country" part of a contact line, then a well-known city; else
    a labelled place anywhere ("Place: Pune" under a declaration, the city of an
    address). Places of schools and employers are not the person's."""
    candidates = []
    for i, line in enumerate(lines[:top]):
        if section_of_line and section_of_line[i] in {"education", "experience"}:
            continue
        labelled = LABELLED.match(line)
        if labelled and labelled.group("value") and _is_place(labelled.group("value")):
            return _in_plain_case(labelled.group("value").strip())
        for part in PART_SPLIT.split(line):
            # "St. Louis, MO 63110": the place without its postal code.
            part = re.sub(r"\s+\d{5}(?:-\d{4})?$", "", part.strip(" ,;"))
            if part and _is_place(part):
                candidates.append(part)
    if candidates:
        return candidates[0]
    for line in lines:
        labelled = LABELLED.match(line)
        place = _place_in(labelled.group("value")) if labelled else ""
        if place:
            return place
    return ""


def _in_plain_case(place: str) -> str:
    """A place written in capitals, in plain case: "PUNE" → "Pune", "NEW YORK,
    NY" → "New York, NY" (codes stay in capitals)."""
    if not place.isupper():
        return place
    codes = US_STATES | CA_PROVINCES | AU_STATES | {"UK", "USA", "US", "UAE"}
    return re.sub(
        r"\w+", lambda m: m.group() if m.group() in codes else m.group().title(), place
    )


def _place_in(address: str) -> str:
    """The place of a written address: "Bandra West, Mumbai 400050" → Mumbai;
    "Kothrud, Pune, Maharashtra" → Pune, Maharashtra; "MUMBAI" → Mumbai."""
    address = re.sub(r"\b\d{3}\s?\d{3}\b|\b\d{5}(?:-\d{4})?\b", " ", address)
    address = address.strip(" -:,.;")
    if SCHOOL_WORDS.search(address):
        return ""  # "Place: Anna University, Chennai": where a project was done
    address = _in_plain_case(address)
    parts = [p.strip(" -.") for p in re.split(r"[,()]|-", address) if p.strip(" -.")]
    for k in range(len(parts) - 2, -1, -1):
        pair = f"{parts[k]}, {parts[k + 1]}"
        if _is_place(pair) and place_country(pair):
            return pair
    # "… Hindu Colony Road No 2 Mumbai Maharashtra": the last well-known city.
    cities = re.findall(CITY_WORDS, address.lower())
    return cities[-1].title() if cities else ""


def email_country(emails: Sequence[str]) -> str:
    for email in emails:
        tld = email.rsplit(".", 1)[-1].lower()
        if tld in TLD_COUNTRY:
            return TLD_COUNTRY[tld]
    return ""


# --- roles ------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.&'’]+", text.lower())


def titleness(text: str) -> int:
    """How many job-title words `text` has ("Asst.Professor" has one)."""
    return sum(
        1
        for w in _words(text)
        if w.strip(".") in TITLE_WORDS or TITLE_WORDS.intersection(w.split("."))
    )


# Title words that also name a field or a kind of work ("Mechanical engineering").
FIELD_WORDS = {"engineering", "internship", "sales", "pharmacy"}


def names_a_job(text: str) -> bool:
    """Does `text` name a job ("Design Engineer"), not only a field of work?"""
    jobs = TITLE_WORDS - FIELD_WORDS
    return any(
        w.strip(".") in jobs or jobs.intersection(w.split(".")) for w in _words(text)
    )


def orgness(text: str) -> int:
    return sum(1 for w in _words(text) if w in ORG_WORDS or w.strip(".") in ORG_WORDS)


def _is_place_part(text: str) -> bool:
    return _is_place(text) or bool(
        re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?,? (?:[A-Z]{2})", text.strip())
    )


def _role_parts(text: str) -> list[str]:
    text = re.sub(r"^[\s:,;|(–—-]+|[\s:,;|()–—-]+$", "", text)
    parts = []
    for part in PART_SPLIT.split(text):
        part = part.strip(" ,;:()")
        if not part:
            continue
        at = re.split(r"\s+(?:at|@)\s+", part, maxsplit=1)
        parts.extend(p.strip(" ,") for p in at if p.strip(" ,"))
    return parts


def _split_comma(part: str) -> tuple[str, str, str]:
    """(title-ish, company-ish, place) from "Title, Company, City"-like text."""
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    place = ""
    while len(pieces) > 1 and (
        _is_place_part(", ".join(pieces[-2:]))
        and len(pieces) > 2
        or _is_place_part(pieces[-1])
        and not orgness(pieces[-1])
        or re.fullmatch(r"[A-Z][a-z]+", pieces[-1])
        and orgness(pieces[0])
    ):
        place = pieces.pop()
    if len(pieces) == 1:
        return (
            (pieces[0], "", place) if titleness(pieces[0]) else ("", pieces[0], place)
        )
    head, tail = pieces[0], ", ".join(pieces[1:])
    if titleness(head) and not titleness(tail):
        return head, tail, place
    if titleness(tail) and not titleness(head) or orgness(head) > orgness(tail):
        return tail, head, place
    return head, tail, place


def _labelled_value(value: str) -> str:
    parts = _role_parts(value)
    return parts[0] if parts else ""


def title_and_company(pieces: Sequence[str]) -> tuple[str, str]:
    """Decide which of a role's text pieces is the title and which the company.

    Each piece is one line (or the rest of the date line). Pieces split on
    "|", " — ", " at ", tabs; a comma splits only when the other pieces name
    no company ("Vice President, Credit Risk" stays whole under its bank). A
    labelled piece says what it is ("company - Acme", "Designation: Analyst")."""
    title = company = ""
    unlabelled = []
    for piece in pieces:
        labelled = label_of(piece)
        if labelled and labelled[0] in COMPANY_LABELS:
            company = company or _labelled_value(labelled[1])
        elif labelled and labelled[0] in TITLE_LABELS:
            title = title or _labelled_value(labelled[1])
        else:
            unlabelled.append(labelled[1] if labelled else piece)
    found_title, found_company = _title_and_company(unlabelled)
    if company and found_company and not title and not found_title:
        found_title = found_company if titleness(found_company) else ""
    title = title or found_title
    if title.count("(") > title.count(")"):
        title += ")"  # "Administrator (Oracle)" lost its last bracket
    return title, company or found_company


def _title_and_company(pieces: Sequence[str]) -> tuple[str, str]:
    parts: list[str] = []
    for piece in pieces:
        parts.extend(_role_parts(piece))
    parts = [p for p in parts if not _is_place_part(p)]
    if not parts:
        return "", ""
    titles = [p for p in parts if titleness(p) and titleness(p) >= orgness(p)]
    orgs = [p for p in parts if p not in titles]
    if len(parts) == 1 or not orgs:
        part = titles[0] if titles else parts[0]
        title, company, _ = _split_comma(part)
        if not title:
            return "", company or part
        if len(titles) > 1 and not company:
            company = ", ".join(titles[1:])
        return title, company
    title = titles[0] if titles else ""
    if not title:
        # Neither says it is a title: the usual order is "Title | Company".
        title, orgs = orgs[0], orgs[1:]
    company = orgs[0]
    pieces = [p.strip() for p in company.split(",")]
    if len(pieces) > 1 and (
        _is_place_part(pieces[-1])
        or re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", pieces[-1])
        and not orgness(pieces[-1])
    ):
        company = ", ".join(pieces[:-1])  # "Pennine Distribution, Bolton"
    return title, company


def _role_text_line(line: str) -> bool:
    """Could this line carry a title or company (not a bullet, sentence or date)?"""
    if BULLET.match(line) or len(line.split()) > 12:
        return False
    last = line.split()[-1] if line.split() else ""
    if line.endswith(".") and len(last) > 5 and last.lower() not in ORG_WORDS:
        return False  # a sentence, not "Stripeway Inc."
    return not (EMAIL.search(line) or LINK.search(line) or heading_of(line))


def find_roles(
    lines: Sequence[str], section_of_line: Sequence[str | None], today: date
) -> list[Role]:
    used: set[int] = set()
    found = []
    dated = {}
    for i, line in enumerate(lines):
        if (
            section_of_line[i] in NOT_ROLE_SECTIONS
            or DEGREE.search(line)
            or NOT_TITLE.search(line)  # "Runner-up, Design Competition 2017-2018"
        ):
            continue
        result = date_range(line, today)
        if result:
            dated[i] = result
    for i, (match, start, end, start_label, end_label) in dated.items():
        line = lines[i]
        rest = (line[: match.start()] + " | " + line[match.end() :]).strip()
        labelled = label_of(rest)
        if labelled and labelled[0] in PLAIN_LABELS:
            rest = labelled[1]  # "description - Jan 2019 till Date"
        pieces = [rest] if re.search(r"[A-Za-z]{2}", rest) else []
        title, company = title_and_company(pieces) if pieces else ("", "")
        entry_title, entry_company = _labelled_entry(lines, i, dated)
        if entry_title or entry_company:
            title, company = entry_title or title, entry_company or company
        elif not (title and company):
            # Look up (title/company lines above the date) …
            above = []
            j = i - 1
            while j >= 0 and len(above) < 2 and j not in used and j not in dated:
                if (
                    not _role_text_line(lines[j])
                    or section_of_line[j] != (section_of_line[i])
                ):
                    break
                above.insert(0, j)
                j -= 1
            # … or down, when the date opens the entry (a dates column).
            below = []
            j = i + 1
            while j < len(lines) and len(below) < 2 and j not in dated:
                if not _role_text_line(lines[j]) or heading_of(lines[j]):
                    break
                below.append(j)
                j += 1
            if pieces:
                # The date line has part of the role: the nearest line above or
                # below gives the rest ("Acme Robotics — Pittsburgh, PA" /
                # "Engineer, Jun 2019 – Present"; "10/2018 – now Controller" /
                # "Bavaria Components GmbH").
                for option in (above[-1:], below[:1]):
                    if not option:
                        continue
                    t2, c2 = title_and_company([lines[option[0]], *pieces])
                    if t2 and c2:
                        title, company = t2, c2
                        used.update(option)
                        break
            else:
                if above and (not below or titleness(
                    " ".join(lines[k] for k in above)
                )):  # fmt: skip
                    chosen = above
                else:
                    chosen = below or above
                title, company = title_and_company([lines[k] for k in chosen])
                used.update(chosen)
        if title and not plausible_title(title):
            title = ""  # "Team Size: 12", a school, a sentence
        if not title and not company:
            continue
        months = max(0, (
            (end[0] if end else today.year) - start[0]) * 12
            + (end[1] if end else today.month) - start[1]
        )  # fmt: skip
        found.append(
            Role(
                title=title,
                company=company,
                start=date(start[0], start[1], 1),
                end=date(end[0], end[1], 1) if end else None,
                years=round(months / 12, 1),
                line_no=i + 1,
                line=line.strip(),
                start_label=start_label,
                end_label=end_label,
            )
        )
    found = [
        replace(role, title=_title_beside(role.company, lines, dated))
        if role.company and not role.title
        else role
        for role in found
    ]
    unique = {(r.title, r.company, r.start, r.end): r for r in reversed(found)}
    return sorted(unique.values(), key=lambda r: r.line_no)


ENTRY_LINES = 8  # how far a labelled entry's company or title may be from its date


def _labelled_entry(
    lines: Sequence[str], i: int, dated: Mapping[int, object]
) -> tuple[str, str]:
    """(title, company) from the labelled lines of the entry whose date is on line
    `i`: "company - Acme Ltd" above it, "Designation: Analyst" above or below it
    (a job-site export: company, description with the dates, then the role)."""
    title = company = ""
    for j in range(i - 1, max(-1, i - ENTRY_LINES - 1), -1):
        if j in dated or heading_of(lines[j]):
            break
        labelled = label_of(lines[j])
        if labelled and labelled[0] in TITLE_LABELS:
            title = title or _labelled_title(labelled[1])
        elif labelled and labelled[0] in COMPANY_LABELS:
            company = _labelled_value(labelled[1])
            break
    for j in range(i + 1, min(len(lines), i + ENTRY_LINES + 1)):
        labelled = label_of(lines[j])
        if j in dated or heading_of(lines[j]) or labelled and (
            labelled[0] in COMPANY_LABELS
        ):  # fmt: skip
            break
        if labelled and labelled[0] in TITLE_LABELS:
            title = title or _labelled_title(labelled[1])
    return title, company


def _labelled_title(value: str) -> str:
    title = _labelled_value(value)
    return title if names_a_job(title) and plausible_title(title) else ""


def _title_beside(company: str, lines: Sequence[str], dated: Mapping) -> str:
    """The title an undated line gives beside `company` ("Operations Manager -
    Landmark Insurance Brokers"), as exports repeat the current role on its own."""
    key = company.casefold()
    for i, line in enumerate(lines):
        if i in dated or key not in line.casefold() or label_of(line):
            continue
        title, other = title_and_company([line])
        if other.casefold() == key and names_a_job(title) and plausible_title(title):
            return title
    return ""


NOT_TITLE = re.compile(
    r"\b(?:awards?|prize|scholarship|honou?r|certificat\w*|winner|medal|"
    r"competition|hackathon|olympiad|rank(?:ed)?)\b",
    re.I,
)


def plausible_title(text: str) -> bool:
    """Could `text` be a job title: a few words, not a sentence, label, section
    heading, school, degree, place or award?"""
    text = text.strip()
    words = text.split()
    if not words or len(words) > 10 or len(text) > 80:
        return False
    if not re.match(r"[A-Za-z(]", text) or re.search(r"[:@]|\.$", text):
        return False
    return not (
        heading_of(text)
        or label_of(text)
        or SCHOOL_WORDS.search(text)
        or _degree_in(text)
        or NOT_TITLE.search(text)
        or _is_place_part(text)
    )


def total_years(roles: Sequence[Role], today: date) -> float:
    spans = sorted(
        (
            (r.start.year, r.start.month),
            (r.end.year, r.end.month) if r.end else (today.year, today.month),
        )
        for r in roles
    )
    months, current = 0, None
    for start, end in spans:
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current:
            months += (
                (current[1][0] - current[0][0]) * 12 + current[1][1] - current[0][1]
            )
        current = (start, end)
    if current:
        months += (current[1][0] - current[0][0]) * 12 + current[1][1] - current[0][1]
    return round(months / 12, 1)


# --- education ----------------------------------------------------------------


def _degree_in(line: str) -> re.Match | None:
    match = DEGREE.search(line)
    if match and re.match(r"\s+(?:Excel|Office|Word|Project|Teams|Access)\b",
                          line[match.end():]):  # fmt: skip
        return None
    return match


def _school_part(parts: Sequence[str]) -> str:
    keyed = [p for p in parts if SCHOOL_WORDS.search(p)]
    if keyed:
        # "TU Berlin 2018", "Leeds University 2010 – 2014": the school alone.
        school = DATE_RANGE.sub("", keyed[0]) if YEAR.search(keyed[0]) else keyed[0]
        return school.strip(" ,–—-")
    plain = [
        p for p in parts if p and not YEAR.search(p) and not re.search(r"\bGPA\b", p)
    ]
    return plain[0] if plain else ""


def find_education(
    lines: Sequence[str], section_of_line: Sequence[str | None], sections: Sequence[str]
) -> list[EducationEntry]:
    entries = []
    has_section = "education" in sections
    for i, line in enumerate(lines):
        in_education = section_of_line[i] == "education"
        if has_section and not in_education:
            continue
        degree = _degree_in(line)
        if not degree:
            continue
        if not in_education and not (YEAR.search(line) or SCHOOL_WORDS.search(line)):
            continue
        after = re.sub(r"^\s*\(?hons?\)?", "", line[degree.end() :], flags=re.I)
        field_text = re.split(r",|\s[—–|-]\s|\(|\|", after, maxsplit=1)[0]
        field_text = re.sub(r"^\s*(?:in|of)\s+", "", field_text).strip()
        if YEAR.search(field_text) or SCHOOL_WORDS.search(field_text):
            field_text = ""
        pieces = [
            p.strip(" ()")
            for p in re.split(r",|\s[—–|-]\s|\(|\)|\|", line)
            if p.strip(" ()")
        ]
        parts = [
            p
            for p in pieces
            if degree.group() not in p
            and p != field_text
            and not re.fullmatch(r"hons?", p, re.I)
        ]
        school = _school_part(parts)
        year_line = line
        if not school:
            below = lines[i + 1] if i + 1 < len(lines) else ""
            above = lines[i - 1] if i > 0 else ""
            if (
                below
                and not _degree_in(below)
                and not heading_of(below)
                and YEAR.search(below)
            ):
                school = _school_part(
                    [p.strip() for p in re.split(r"\s[—–|-]\s|,", below)]
                )
                year_line = below
            elif (
                above
                and not _degree_in(above)
                and not heading_of(above)
                and (section_of_line[i - 1] == section_of_line[i])
            ):
                school = above.strip()
        years = YEAR.findall(line) or YEAR.findall(year_line)
        entries.append(
            EducationEntry(
                line=line.strip(),
                line_no=i + 1,
                degree=degree.group().strip(),
                year=int(years[-1]) if years else None,
                school=school,
                field=field_text if len(field_text) <= 80 else "",
            )
        )
    return entries


# --- headline -----------------------------------------------------------------


def latest_role(roles: Sequence[Role]) -> Role | None:
    if not roles:
        return None
    return max(roles, key=lambda r: (r.end is None, r.end or r.start, r.start))


def find_headline(
    roles: Sequence[Role],
    lines: Sequence[str],
    name_at: int,
    section_of_line: Sequence[str | None] = (),
) -> str:
    """The latest role's title; else a title-like line right under the name, else
    a title the resume states without dates (`stated_title`), else the latest
    title of an older role. Never a section heading, school, award or activity."""
    latest = latest_role(roles)
    if latest and latest.title:
        return latest.title
    if name_at >= 0:
        for line in lines[name_at + 1 : name_at + 3]:
            if heading_of(line) or EMAIL.search(line) or any(c.isdigit() for c in line):
                continue
            if titleness(line) and len(line.split()) <= 8 and plausible_title(line):
                return line.strip()
    titled = latest_role([r for r in roles if r.title])
    stated = stated_title(lines, section_of_line or [None] * len(lines))
    return stated or (titled.title if titled else "")


NOT_HEADLINE_SECTIONS = NOT_ROLE_SECTIONS - {"education"}


def stated_title(lines: Sequence[str], section_of_line: Sequence[str | None]) -> str:
    """A title the resume states without dates: a labelled one ("Designation:
    Analyst"), else one beside its company ("Java Developer - Acme Ltd"), else a
    short line that is only a title ("Data Science Consultant"). Lines of skills,
    awards, projects and the like, bullets, and lines naming a degree, a school
    or a year are never read."""
    labelled_title = beside = alone = ""
    for i, line in enumerate(lines):
        if (
            section_of_line[i] in NOT_HEADLINE_SECTIONS
            or BULLET.match(line)
            or heading_of(line)
            or YEAR.search(line)
            or _degree_in(line)
            or SCHOOL_WORDS.search(line)
            or len(line.split()) > 12
        ):
            continue
        labelled = label_of(line)
        if labelled:
            if labelled[0] in TITLE_LABELS and not labelled_title:
                labelled_title = _labelled_title(labelled[1])
            continue
        title, company = title_and_company([line])
        if not (names_a_job(title) and plausible_title(title)):
            continue
        if company and not beside:
            beside = title
        elif not company and not alone and title == line.strip():
            alone = title
    return labelled_title or beside or alone
