"""Resume analysis on extracted text (pure): contacts, sections, skills with evidence,
experience from date ranges, education, suggestions and a score with its parts.

Date ranges understood: "Jan 2019 – Present", "January 2019 - March 2021",
"03/2015 - 06/2017", "2016-2018", "2019 to now". A year without a month counts from
January, so "2016-2018" is 2 years. Overlapping roles are counted once in the total.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import phonenumbers

from matching.engine.taxonomy import SkillHit, Taxonomy, skill_key

WORDS_PER_PAGE = 500
TOO_SHORT_WORDS, TOO_LONG_WORDS = 150, 1500

SECTION_HEADINGS = {
    "summary": ["summary", "profile", "professional summary", "about me", "objective",
                "career objective", "personal statement", "about"],
    "experience": ["experience", "work experience", "professional experience",
                   "employment", "employment history", "work history",
                   "career history"],
    "education": ["education", "education and training", "academic background",
                  "qualifications", "academic qualifications"],
    "skills": ["skills", "technical skills", "core skills", "key skills",
               "competencies", "core competencies", "skills and tools"],
    "projects": ["projects", "personal projects", "selected projects"],
    "certifications": ["certifications", "certificates", "licenses", "licences",
                       "certifications and licenses", "training"],
    "languages": ["languages", "spoken languages"],
    "awards": ["awards", "honors", "honours", "achievements"],
    "publications": ["publications"],
    "volunteering": ["volunteering", "volunteer experience"],
}  # fmt: skip
_HEADING_LOOKUP = {h: name for name, hs in SECTION_HEADINGS.items() for h in hs}
REQUIRED_SECTIONS = {"experience": "high", "education": "medium", "skills": "medium",
                     "summary": "low"}  # fmt: skip
WEAK_PHRASES = {
    "responsible for": "Say what you achieved: 'Led…', 'Built…', 'Cut…'",
    "helped": "Name your part: 'Designed…', 'Delivered…'",
    "worked on": "Say what you did and its result",
    "assisted with": "Say what you did yourself",
    "duties included": "List results rather than duties",
    "involved in": "Say what your contribution was",
    "tasked with": "Say what you achieved",
}
BULLET = re.compile(r"^\s*(?:[-•*·▪◦–]|\d+[.)])\s+")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>()]+|(?:linkedin\.com|github\.com|gitlab\.com)/[^\s<>()]+",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d|%|\b(?:one|two|three|four|five|ten|hundred|thousand)\b", re.I)
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ],
        start=1,
    )
}
_DATE = (
    r"(?:(?P<{p}mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?P<{p}y1>(?:19|20)\d\d)|(?P<{p}mm>0?[1-9]|1[0-2])[/.](?P<{p}y2>(?:19|20)\d\d)"
    r"|(?P<{p}y3>(?:19|20)\d\d))"
)
DATE_RANGE = re.compile(
    _DATE.format(p="s")
    + r"\s*(?:-|–|—|to|until|till)\s*(?:"
    + _DATE.format(p="e")
    + r"|(?P<present>present|current|now|today|date))",
    re.IGNORECASE,
)
DEGREE = re.compile(
    r"\b(?:B\.?Sc|M\.?Sc|B\.?A|M\.?A|BEng|MEng|MBA|Ph\.?D|Bachelor|Master|Doctorate|"
    r"Diploma|Associate(?:'s)? degree|Certificate|A-levels?|GCSEs?|High school|"
    r"HND|BTEC|"
    r"NVQ)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Suggestion:
    code: str
    severity: str  # high | medium | low
    message: str
    passage: str = ""


@dataclass(frozen=True)
class Role:
    title: str
    start: date
    end: date | None  # None: ongoing
    years: float
    line_no: int
    line: str


@dataclass(frozen=True)
class EducationEntry:
    line: str
    line_no: int
    degree: str
    year: int | None


@dataclass(frozen=True)
class ResumeAnalysis:
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    links: tuple[str, ...]
    sections: tuple[str, ...]
    skills: tuple[SkillHit, ...]
    roles: tuple[Role, ...]
    total_years: float
    education: tuple[EducationEntry, ...]
    word_count: int
    pages: float
    suggestions: tuple[Suggestion, ...]
    score: int
    score_parts: Mapping[str, int] = field(default_factory=dict)

    @property
    def skill_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.skill.name for h in self.skills))


def _heading(line: str) -> str | None:
    text = re.sub(r"[^a-z ]", "", line.lower()).strip()
    if not text or len(text.split()) > 4:
        return None
    return _HEADING_LOOKUP.get(text)


def _month(groups: dict, p: str) -> tuple[int, int] | None:
    if groups.get(f"{p}mon"):
        return int(groups[f"{p}y1"]), MONTHS[groups[f"{p}mon"][:3].lower()]
    if groups.get(f"{p}mm"):
        return int(groups[f"{p}y2"]), int(groups[f"{p}mm"])
    if groups.get(f"{p}y3"):
        return int(groups[f"{p}y3"]), 1
    return None


def _months_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, (b[0] - a[0]) * 12 + (b[1] - a[1]))


def _roles(lines: Sequence[str], today: date) -> list[Role]:
    roles = []
    for i, line in enumerate(lines):
        match = DATE_RANGE.search(line)
        if not match:
            continue
        groups = match.groupdict()
        start = _month(groups, "s")
        end = (today.year, today.month) if groups["present"] else _month(groups, "e")
        if start is None or end is None or end < start:
            continue
        title = (line[: match.start()] + line[match.end() :]).strip(" ,|–-—()\t")
        if not title and i > 0:
            title = lines[i - 1].strip()
        months = _months_between(start, end)
        roles.append(
            Role(
                title=title,
                start=date(start[0], start[1], 1),
                end=None if groups["present"] else date(end[0], end[1], 1),
                years=round(months / 12, 1),
                line_no=i + 1,
                line=line.strip(),
            )
        )
    return roles


def _total_years(roles: Sequence[Role], today: date) -> float:
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
            months += _months_between(*current)
        current = (start, end)
    if current:
        months += _months_between(*current)
    return round(months / 12, 1)


def _phones(text: str, region: str) -> list[str]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        found.append(
            phonenumbers.format_number(
                match.number, phonenumbers.PhoneNumberFormat.E164
            )
        )
    return list(dict.fromkeys(found))


def analyze_resume(
    text: str,
    *,
    taxonomy: Taxonomy | None = None,
    job_skills: Sequence[str] = (),
    region: str = "US",
    today: date | None = None,
) -> ResumeAnalysis:
    """Analyse a resume's extracted text; `job_skills` are the target job's skill
    names (their absence from the resume becomes a suggestion)."""
    today = today or date.today()
    text = text or ""
    lines = text.splitlines()
    words = len(re.findall(r"\w+", text))
    emails = tuple(dict.fromkeys(EMAIL.findall(text)))
    links = tuple(dict.fromkeys(m.rstrip(".,;") for m in LINK.findall(text)))
    # Dates ("03/2015 - 12/2018") look like phone numbers; links and addresses
    # mention "github", "http"… which are not skills the person claims.
    phones = tuple(_phones(DATE_RANGE.sub(" ", text), region))
    plain = LINK.sub(" ", EMAIL.sub(" ", text))

    sections: list[str] = []
    section_of_line: list[str | None] = []
    current = None
    for line in lines:
        heading = _heading(line)
        if heading:
            current = heading
            if heading not in sections:
                sections.append(heading)
        section_of_line.append(current)

    hits = tuple(taxonomy.extract(plain)) if taxonomy else ()
    roles = _roles(lines, today)
    education = []
    for i, line in enumerate(lines):
        degree = DEGREE.search(line)
        in_education = section_of_line[i] == "education"
        if degree and (in_education or "education" not in sections):
            year = re.findall(r"\b(?:19|20)\d\d\b", line)
            education.append(
                EducationEntry(
                    line.strip(), i + 1, degree.group(), int(year[-1]) if year else None
                )
            )

    suggestions: list[Suggestion] = []
    for name, severity in REQUIRED_SECTIONS.items():
        if name not in sections:
            suggestions.append(
                Suggestion(
                    "missing_section",
                    severity,
                    f"Add a '{name.title()}' section.",
                )
            )
    if not emails:
        suggestions.append(Suggestion("missing_email", "high", "Add an email address."))
    if not phones:
        suggestions.append(Suggestion("missing_phone", "medium", "Add a phone number."))
    if not links:
        suggestions.append(
            Suggestion(
                "missing_links", "low", "Add a LinkedIn, portfolio or GitHub link."
            )
        )
    bullets = [line.strip() for line in lines if BULLET.match(line)]
    experience_lines = [
        line.strip()
        for line, sec in zip(lines, section_of_line, strict=True)
        if sec == "experience" and line.strip() and not DATE_RANGE.search(line)
    ]
    claims = bullets or experience_lines
    measurable = [b for b in claims if NUMBER.search(b)]
    if claims and not measurable:
        suggestions.append(
            Suggestion(
                "no_measurable_results",
                "medium",
                "Show results with numbers: %, amounts, counts, time saved.",
                claims[0],
            )
        )
    weak = []
    for line in lines:
        low = line.lower()
        for phrase, advice in WEAK_PHRASES.items():
            if re.search(rf"\b{phrase}\b", low):
                weak.append(
                    Suggestion(
                        "weak_verb", "low", f"'{phrase}': {advice}.", line.strip()
                    )
                )
                break
    suggestions.extend(weak[:5])
    if words < TOO_SHORT_WORDS:
        suggestions.append(
            Suggestion(
                "too_short",
                "medium",
                f"{words} words is short; aim for 300–900 (one or two pages).",
            )
        )
    elif words > TOO_LONG_WORDS:
        suggestions.append(
            Suggestion(
                "too_long",
                "medium",
                f"{words} words (about {words / WORDS_PER_PAGE:.1f} pages); "
                "keep it to two pages.",
            )
        )
    found_keys = {skill_key(h.skill.name) for h in hits} | {
        skill_key(h.matched_text) for h in hits
    }
    for wanted in job_skills:
        key = skill_key(wanted)
        ref = taxonomy.normalize(wanted) if taxonomy else None
        if key in found_keys or (ref and skill_key(ref.name) in found_keys):
            continue
        suggestions.append(
            Suggestion(
                "missing_job_skill",
                "medium",
                f"The job asks for {ref.name if ref else wanted}; "
                "show it if you have it.",
            )
        )

    parts = {
        "contact": 10 * bool(emails) + 6 * bool(phones) + 4 * bool(links),
        "sections": round(
            25
            * sum(1 for s in REQUIRED_SECTIONS if s in sections)
            / len(REQUIRED_SECTIONS)
        ),
        "impact": (
            max(0, round(20 * len(measurable) / len(claims)) + 5 - len(weak[:5]))
            if claims
            else 0
        ),
        "length": 10 if TOO_SHORT_WORDS <= words <= TOO_LONG_WORDS else 4,
        "skills": min(20, 2 * len({h.skill.slug for h in hits})),
    }
    return ResumeAnalysis(
        emails=emails,
        phones=phones,
        links=links,
        sections=tuple(sections),
        skills=hits,
        roles=tuple(roles),
        total_years=_total_years(roles, today),
        education=tuple(education),
        word_count=words,
        pages=round(words / WORDS_PER_PAGE, 1),
        suggestions=tuple(suggestions),
        score=sum(parts.values()),
        score_parts=parts,
    )


def profile_suggestions(analysis: ResumeAnalysis, current: Mapping) -> dict:
    """Proposed profile changes from a resume; applied only when the candidate confirms.

    `current`: {"headline": str, "skills": [names], "years_experience": float|None,
    "experience": [titles]}. Skill level guess (1–5): mentioned once 2, twice 3, three
    or more times 4.
    """
    have = {skill_key(s) for s in current.get("skills", ())}
    mentions: dict[str, list[SkillHit]] = {}
    for hit in analysis.skills:
        mentions.setdefault(hit.skill.slug, []).append(hit)
    skills_to_add = [
        {
            "slug": slug,
            "name": hits[0].skill.name,
            "level": min(4, 1 + len(hits)),
            "evidence": hits[0].line,
        }
        for slug, hits in mentions.items()
        if skill_key(hits[0].skill.name) not in have
    ]
    known_titles = {t.casefold() for t in current.get("experience", ())}
    experience = [
        {
            "title": role.title,
            "start": role.start.isoformat(),
            "end": role.end.isoformat() if role.end else None,
        }
        for role in analysis.roles
        if role.title and role.title.casefold() not in known_titles
    ]
    headline = None
    if not current.get("headline") and analysis.roles:
        latest = max(analysis.roles, key=lambda r: (r.end is None, r.end or r.start))
        headline = re.split(r",| at | @ ", latest.title)[0].strip()
    years = None
    if analysis.total_years and analysis.total_years != current.get("years_experience"):
        years = analysis.total_years
    return {
        "headline": headline,
        "skills_to_add": skills_to_add,
        "experience_entries": experience,
        "years_experience": years,
    }
