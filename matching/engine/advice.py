"""Job-posting advice on plain data (pure).

* Skills that usually go with the title: co-occurrence counts passed in
  ({title key: {skill name: jobs with it}, "_jobs": …}); see `title_key`.
* Salary band: 25th/50th/75th percentiles of comparable yearly salaries, linear
  interpolation between closest ranks (numpy's default "linear" method:
  rank = (n − 1) × p / 100), with the sample size; none below MIN_SAMPLE.
* Wording that may discourage applicants: DISCOURAGING_TERMS, each with why and a
  replacement (gender-coded, age-coded and "bro culture" terms).
* Missing, too short (a description under MIN_DESCRIPTION_WORDS words is "too
  short", not "missing") or vague fields, readability (Flesch reading ease with a
  vowel-group syllable heuristic), and how many candidates score MATCH_THRESHOLD
  or more.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_SAMPLE = 3
MATCH_THRESHOLD = 60
MIN_DESCRIPTION_WORDS = 80
LEVEL_WORDS = {"junior", "jr", "senior", "sr", "lead", "principal", "staff", "head",
               "chief", "intern", "graduate", "trainee", "mid", "entry", "level",
               "i", "ii", "iii", "iv"}  # fmt: skip

DISCOURAGING_TERMS = {
    "rockstar": ("jargon that reads as male-coded", "skilled"),
    "rock star": ("jargon that reads as male-coded", "skilled"),
    "ninja": ("jargon that reads as male-coded", "expert"),
    "guru": ("jargon that reads as male-coded", "specialist"),
    "wizard": ("jargon", "expert"),
    "hacker": ("can read as male-coded", "engineer"),
    "aggressive": ("male-coded", "ambitious"),
    "dominant": ("male-coded", "leading"),
    "dominate": ("male-coded", "lead"),
    "competitive": ("male-coded when describing people", "motivated"),
    "fearless": ("male-coded", "confident"),
    "crush it": ("male-coded slang", "excel"),
    "killer": ("violent jargon", "excellent"),
    "manpower": ("gendered", "workforce"),
    "chairman": ("gendered", "chair"),
    "salesman": ("gendered", "salesperson"),
    "he will": ("assumes a gender", "you will"),
    "his ": ("assumes a gender", "their"),
    "young": ("age-coded, may be age discrimination", "motivated"),
    "young and dynamic": ("age-coded, may be age discrimination", "motivated"),
    "digital native": ("age-coded", "comfortable with digital tools"),
    "recent graduate": (
        "age-coded unless the role is a graduate scheme",
        "early-career",
    ),
    "energetic": ("can read as age-coded", "enthusiastic"),
    "native english speaker": ("may exclude fluent speakers", "fluent in English"),
    "work hard play hard": ("signals long hours", "we value balance"),
    "beer": ("signals drinking culture", "team events"),
    "bro": ("excludes", "teammate"),
    "culture fit": ("can hide bias", "shares our values"),
    "must be able to lift": ("may exclude needlessly; say what is needed", "…"),
}
# Uses of a term that are not about people ("competitive salary").
NOT_ABOUT_PEOPLE = {
    "competitive": r"(?!\s+(?:salary|pay|compensation|package|benefits|rates?))",
    "aggressive": r"(?!\s+(?:timelines?|deadlines?|growth))",
}
VAGUE_WORDS = ("competitive salary", "various tasks", "other duties", "etc",
               "fast-paced environment", "attractive package")  # fmt: skip


@dataclass(frozen=True)
class SalaryBand:
    p25: float
    p50: float
    p75: float
    sample_size: int


@dataclass(frozen=True)
class WordingIssue:
    term: str
    why: str
    replacement: str
    passage: str


@dataclass(frozen=True)
class SkillSuggestion:
    name: str
    jobs: int
    share: float  # of jobs with this title


@dataclass(frozen=True)
class JobAdvice:
    suggested_skills: tuple[SkillSuggestion, ...]
    salary_band: SalaryBand | None
    wording: tuple[WordingIssue, ...]
    missing_fields: tuple[str, ...]
    vague: tuple[str, ...]
    reading_ease: float
    reading_level: str
    candidates_at_threshold: int | None
    # present but under the length readers need ("description": < 80 words)
    too_short: tuple[str, ...] = ()
    description_words: int = 0


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile with linear interpolation (numpy's default method)."""
    if not values:
        raise ValueError("percentile of an empty sequence")
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0–100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def salary_band(salaries: Iterable[float], *, min_sample: int = MIN_SAMPLE):
    values = [float(s) for s in salaries if s is not None]
    if len(values) < min_sample:
        return None
    return SalaryBand(
        p25=percentile(values, 25),
        p50=percentile(values, 50),
        p75=percentile(values, 75),
        sample_size=len(values),
    )


def title_key(title: str) -> str:
    """'Senior Python Developer (m/f/d)' → 'python developer'."""
    words = re.findall(r"[a-z0-9+#]+", re.sub(r"\(.*?\)", " ", (title or "").lower()))
    return " ".join(w for w in words if w not in LEVEL_WORDS)


def suggested_skills(
    title: str,
    cooccurrence: Mapping[str, Mapping[str, int]],
    job_counts: Mapping[str, int],
    *,
    current: Iterable[str] = (),
    limit: int = 8,
) -> list[SkillSuggestion]:
    """Skills most often listed by jobs with the same title key, not yet listed."""
    key = title_key(title)
    counts = cooccurrence.get(key, {})
    total = job_counts.get(key, 0)
    have = {c.casefold() for c in current}
    ranked = sorted(
        ((name, n) for name, n in counts.items() if name.casefold() not in have),
        key=lambda item: (-item[1], item[0]),
    )
    return [
        SkillSuggestion(name=name, jobs=n, share=round(n / total, 2) if total else 0.0)
        for name, n in ranked[:limit]
    ]


def wording_issues(text: str) -> list[WordingIssue]:
    issues = []
    lines = (text or "").splitlines()
    for term, (why, replacement) in DISCOURAGING_TERMS.items():
        term = term.strip()
        pattern = re.compile(
            rf"\b{re.escape(term)}\b{NOT_ABOUT_PEOPLE.get(term, '')}", re.IGNORECASE
        )
        for line in lines:
            if pattern.search(line):
                issues.append(
                    WordingIssue(term.strip(), why, replacement, line.strip())
                )
                break
    # Prefer the longest term when one contains another ("young and dynamic").
    terms = {i.term for i in issues}
    return [i for i in issues if not any(t != i.term and i.term in t for t in terms)]


def count_syllables(word: str) -> int:
    """Vowel groups, minus a silent final 'e', at least one."""
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def flesch_reading_ease(text: str) -> float:
    """206.835 − 1.015 × words/sentences − 84.6 × syllables/words."""
    words = re.findall(r"[A-Za-z]+", text or "")
    if not words:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    syllables = sum(count_syllables(w) for w in words)
    return round(
        206.835 - 1.015 * len(words) / sentences - 84.6 * syllables / len(words), 1
    )


def reading_level(ease: float) -> str:
    for floor, label in [(80, "easy"), (60, "plain"), (40, "fairly difficult")]:
        if ease >= floor:
            return label
    return "difficult"


def job_advice(
    job: Mapping,
    *,
    cooccurrence: Mapping[str, Mapping[str, int]] | None = None,
    job_counts: Mapping[str, int] | None = None,
    comparable_salaries: Sequence[float] = (),
    candidate_scores: Sequence[float] | None = None,
) -> JobAdvice:
    """Advice for a draft job. `job` keys: title, description, skills (names),
    salary_min, salary_max, city, country, remote_policy, level."""
    description = job.get("description") or ""
    missing = []
    if not job.get("salary_min") and not job.get("salary_max"):
        missing.append("salary")
    if job.get("remote_policy") != "remote" and not (
        job.get("city") or job.get("country")
    ):
        missing.append("location")
    if not job.get("skills"):
        missing.append("skills")
    if not job.get("level"):
        missing.append("level")
    n_words = len(re.findall(r"\w+", description))
    too_short = []
    if n_words == 0:
        missing.append("description")
    elif n_words < MIN_DESCRIPTION_WORDS:
        too_short.append("description")
    vague = [
        w for w in VAGUE_WORDS if re.search(rf"\b{re.escape(w)}\b", description, re.I)
    ]
    if len(title_key(job.get("title", "")).split()) < 1:
        vague.append("title")
    ease = flesch_reading_ease(description)
    return JobAdvice(
        suggested_skills=tuple(
            suggested_skills(
                job.get("title", ""),
                cooccurrence or {},
                job_counts or {},
                current=job.get("skills") or (),
            )
        ),
        salary_band=salary_band(comparable_salaries),
        wording=tuple(wording_issues(f"{job.get('title', '')}\n{description}")),
        missing_fields=tuple(missing),
        too_short=tuple(too_short),
        description_words=n_words,
        vague=tuple(vague),
        reading_ease=ease,
        reading_level=reading_level(ease),
        candidates_at_threshold=(
            None
            if candidate_scores is None
            else sum(1 for s in candidate_scores if s >= MATCH_THRESHOLD)
        ),
    )
