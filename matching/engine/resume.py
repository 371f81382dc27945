"""Resume analysis on extracted text (pure): contact (name, email, phone, location),
sections, roles with title, company and dates, education, skills with evidence,
the proposed headline, suggestions and a score with its parts.

The fields themselves are read by `matching.engine.resume_fields` (patterns in
`resume_text`). Dates understood: "2019-03 – 2021-08", "03/2019", "03.2019",
"Mar 2019", "March 2019", "2019", "Since Jan 2021", "… – present / current / to
date", and a range a PDF text layer split over lines. A year without a month counts
from January, so "2016-2018" is 2 years; overlapping roles count once; when the resume
states more ("5 years of experience"), some roles had no dates and the stated
years count. Phone
numbers are read in the resume's own country (its location, else the email's
country domain), else the user's, else `default_region`.

Skills are found by `find_skills`, the one place that asks the skill vocabulary,
after the person's name, companies, schools and places are blanked out, so
"Rocket Analytics" or "Swedish Medical Center" never become skills.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import phonenumbers

from matching.engine import linker
from matching.engine.resume_fields import (
    BULLET,
    EMAIL,
    LINK,
    PLACE_CODE,
    EducationEntry,
    Role,
    clean_lines,
    date_range,
    email_country,
    find_education,
    find_headline,
    find_location,
    find_name,
    find_roles,
    heading_of,
    location_parts,
    place_country,
    sections_of,
    total_years,
)
from matching.engine.resume_layout import stated_years
from matching.engine.resume_text import DATE_RANGE
from matching.engine.taxonomy import SkillHit, Taxonomy, skill_key

__all__ = [
    "EducationEntry",
    "ResumeAnalysis",
    "Role",
    "Suggestion",
    "analyze_resume",
    "find_skills",
    "link_skill",
    "location_parts",
    "profile_suggestions",
]

WORDS_PER_PAGE = 500
TOO_SHORT_WORDS, TOO_LONG_WORDS = 150, 1500
HEADER_LINES = 12  # where name, contact and location are looked for
NUMBER = re.compile(r"\d|%|\b(?:one|two|three|four|five|ten|hundred|thousand)\b", re.I)

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


def find_skills(text: str, taxonomy: Taxonomy | None) -> list[SkillHit]:
    """Skills named in `text`, each with its line: the one call into the skill
    vocabulary (swap it here for another linker)."""
    return taxonomy.extract(text) if taxonomy else []


def link_skill(name: str, taxonomy: Taxonomy | None):
    """The canonical skill for one spelling, or None: the one skill linker
    (`matching.engine.linker`: exact, alias, normalised, conservative fuzzy)."""
    return linker.link_skill(name, taxonomy).skill if taxonomy else None


@dataclass(frozen=True)
class Suggestion:
    code: str
    severity: str  # high | medium | low
    message: str
    passage: str = ""


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
    name: str = ""
    location: str = ""
    country: str = ""  # ISO code the resume's own place says, or ""
    phone_region: str = ""  # the region phone numbers were read in
    headline: str = ""

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def skill_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.skill.name for h in self.skills))


def _phones(text: str, region: str) -> list[str]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        found.append(
            phonenumbers.format_number(
                match.number, phonenumbers.PhoneNumberFormat.E164
            )
        )
    return list(dict.fromkeys(found))


def _without_ranges(text: str) -> str:
    """`text` with its date ranges blanked ("03/2015 - 12/2018" reads like a
    phone number); a lone year stays ("029 2018 0123" is a Cardiff number)."""

    def blank(match: re.Match) -> str:
        groups = match.groupdict()
        ranged = groups.get("ey1") or groups.get("ey2") or groups.get("ey3")
        ranged = ranged or groups.get("ey4") or groups.get("present")
        return (
            " " * len(match.group()) if ranged or groups.get("since") else match.group()
        )

    return DATE_RANGE.sub(blank, text)


def _mask(line: str, names: Sequence[str]) -> str:
    for name in names:
        if name and len(name) >= 2:
            line = re.sub(
                rf"(?<!\w){re.escape(name)}(?!\w)", lambda m: " " * len(m.group()), line
            )
    return line


def analyze_resume(
    text: str,
    *,
    taxonomy: Taxonomy | None = None,
    job_skills: Sequence[str] = (),
    region: str = "",
    default_region: str = "US",
    today: date | None = None,
) -> ResumeAnalysis:
    """Analyse a resume's extracted text; `job_skills` are the target job's skill
    names (their absence from the resume becomes a suggestion). `region`: the
    user's own country (ISO), used for phone numbers when the resume names none."""
    today = today or date.today()
    text = text or ""
    lines = clean_lines(text)
    words = len(re.findall(r"\w+", text))
    emails = tuple(dict.fromkeys(EMAIL.findall(text)))
    links = tuple(dict.fromkeys(m.rstrip(".,;") for m in LINK.findall(text)))

    sections, section_of_line = sections_of(lines)
    first_heading = next(
        (i for i, s in enumerate(section_of_line) if s is not None), len(lines)
    )
    top = max(min(HEADER_LINES, len(lines)), min(first_heading + 6, 16))
    name, name_at = find_name(lines, top, section_of_line)
    location = find_location(lines, top, section_of_line)
    country = place_country(location) if location else ""
    phone_region = (
        country or email_country(emails) or (region or "").upper() or default_region
    )
    # Dates ("03/2015 - 12/2018") look like phone numbers.
    phones = tuple(_phones(_without_ranges("\n".join(lines)), phone_region))

    roles = find_roles(lines, section_of_line, today)
    education = find_education(lines, section_of_line, sections)
    headline = find_headline(roles, lines, name_at, section_of_line)

    # Names of people, employers, schools and places are not skills, nor are
    # section headings, job titles on their role lines and degrees with their
    # fields ("Data Scientist", "BA Psychology": what a person was or studied,
    # not a skill they name); links and addresses ("github", "http") neither.
    everywhere = [name, location, *(r.company for r in roles)]
    studies = [*(e.school for e in education), *(e.field for e in education),
               *(e.degree for e in education)]  # fmt: skip
    titles = [r.title for r in roles]
    masked = []
    for i, line in enumerate(lines):
        if heading_of(line):
            masked.append("")
            continue
        blank = list(everywhere)
        if section_of_line[i] == "education" or any(
            e.line_no == i + 1 for e in education
        ):
            blank.extend(studies)
        if section_of_line[i] != "skills":
            blank.extend(titles)
        line = _mask(
            LINK.sub(" ", EMAIL.sub(" ", line)),
            sorted(set(blank), key=len, reverse=True),
        )
        masked.append(PLACE_CODE.sub(" ", line))
    plain = "\n".join(masked)
    hits = tuple(find_skills(plain, taxonomy))
    suggestions: list[Suggestion] = []
    for section, severity in REQUIRED_SECTIONS.items():
        if section not in sections:
            suggestions.append(
                Suggestion(
                    "missing_section",
                    severity,
                    f"Add a '{section.title()}' section.",
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
        if sec == "experience" and line.strip() and not date_range(line, today)
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
        ref = link_skill(wanted, taxonomy)
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
        # Dated roles, unless the resume states more than they cover ("4 years
        # of experience", months per skill in a job-site export): then some
        # roles had no dates.
        total_years=max(total_years(roles, today), stated_years("\n".join(lines))),
        education=tuple(education),
        word_count=words,
        pages=round(words / WORDS_PER_PAGE, 1),
        suggestions=tuple(suggestions),
        score=sum(parts.values()),
        score_parts=parts,
        name=name,
        location=location,
        country=country,
        phone_region=phone_region,
        headline=headline,
    )


def profile_suggestions(analysis: ResumeAnalysis, current: Mapping) -> dict:
    """Proposed profile changes from a resume; applied only when the candidate confirms.

    `current`: {"headline": str, "skills": [names], "years_experience": float|None,
    "experience": [(title, company)], "education": [(degree, school)], "city": str,
    "country": str}. Skill level guess (1–5): mentioned once 2, twice 3, three or
    more times 4. The headline is the latest role's title (never its company);
    the location is proposed only when the profile has none.
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
    known_roles = {_pair_key(*pair) for pair in current.get("experience", ())}
    experience = [
        {
            "title": role.title,
            "company": role.company,
            "start": role.start.isoformat(),
            "end": role.end.isoformat() if role.end else None,
        }
        for role in analysis.roles
        if role.title and _pair_key(role.title, role.company) not in known_roles
    ]
    known_schools = {_pair_key(*pair) for pair in current.get("education", ())}
    education = [
        {
            "school": entry.school,
            "degree": entry.degree,
            "field": entry.field,
            "end_year": entry.year,
        }
        for entry in analysis.education
        if entry.school and _pair_key(entry.degree, entry.school) not in known_schools
    ]
    headline = None
    if not current.get("headline") and analysis.headline:
        headline = analysis.headline
    location = None
    if analysis.location and not (current.get("city") or current.get("country")):
        location = location_parts(analysis.location)
    years = None
    if analysis.total_years and analysis.total_years != current.get("years_experience"):
        years = analysis.total_years
    return {
        "headline": headline,
        "location": location,
        "skills_to_add": skills_to_add,
        "experience_entries": experience,
        "education_entries": education,
        "years_experience": years,
    }


def _pair_key(first: str, second: str) -> tuple[str, str]:
    return (first or "").casefold().strip(), (second or "").casefold().strip()
