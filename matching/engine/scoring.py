"""The local match score: deterministic, explainable, pure.

Total = weighted mean of the components below (weights in WEIGHTS; a component with
nothing to compare — e.g. text when either side has none — is left out and the others
are re-weighted), then capped when required skills are missing.

Weights: skills 45, experience 20, location 15, salary 10, text 15 (before
re-weighting).

Components (each 0–100):

* skills — every job skill counts 2 if required, 1 if nice to have. Credit per skill:
  1.0 when the candidate has it (times a years factor: candidate years ÷ the job's
  minimum, floored at 0.5; 0.8 when the job asks for years and the candidate gave
  none); otherwise the best related-skill weight (0–1, from the taxonomy) as partial
  credit; otherwise, when the candidate has another skill of the same taxonomy
  category (context.categories), SAME_CATEGORY_CREDIT — the skill is still reported
  missing; otherwise 0. Each job skill's weight is also × its rarity across the
  taxonomy's occupations (context.rarity: 1 for most skills, down to 0.05 for a
  generic tool such as Excel, see `taxonomy.skill_rarity`), so a shared generic
  tool is weak evidence. How much the listed skills say (`evidence`: their summed
  rarity, full at EVIDENCE_FULL) decides how much of this component they give:
  the rest is the text component's score. A job without linked skills therefore
  scores its skills component from the text alone (no neutral 50 that lifted
  unrelated jobs).
* experience — mean of the parts that are known: level (same level 100, one below 60,
  two or more below 20, one above 85, two or more above 60) and years (100 at or above
  the job's minimum, proportional below). Nothing known → 50.
* location — remote jobs: 100 (80 if the candidate prefers onsite). Onsite and hybrid
  jobs: same city 100; same country 60 (85 if willing to relocate); another country 10
  (70 if willing to relocate); then × 0.5 for an onsite job when the candidate prefers
  remote, × 0.75 for a hybrid job when they prefer remote, × 0.9 for a hybrid job when
  they prefer onsite. Unknown places → 50.
* salary — same currency: 100 when the candidate's minimum is within or below the job's
  maximum; above it, 100 − 400 × the relative gap (a 25 % gap scores 0). Unknown or a
  different currency → 50.
* text — TF-IDF cosine of candidate text and job text (idf from the corpus passed in),
  saturating: 100 × min(1, cosine ÷ TEXT_SATURATION).

Cap (MISSING_REQUIRED_CAP): when at least one required skill that is not a generic
tool (rarity ≥ CAP_MIN_RARITY) is missing outright, the cap is 30 + 70 × coverage
(credit earned on those skills ÷ their count): 4 of 5 → 86, 2 of 4 → 65, none →
30. A missing generic tool never caps. The total is scaled by
cap ÷ 100, so it never exceeds the cap and capped jobs keep their relative order (a
hard clamp would tie every job that misses all required skills at 30).

Speed: `score` prepares both sides (`_JobFeatures`, `_CandidateFeatures`: skills by
slug, related-skill maps, categories, text vectors) and scores the prepared pair;
`rank` and `rank_candidates` prepare the shared side once and share one idf table per
call, through the same code, so a ranking gives exactly the scores `score` gives.
The experience, location and salary components read a few candidate fields each;
the job side keeps the ones it built (`_JobFeatures.memo`), so ranking thousands of
candidates for one job builds a few dozen of them, not thousands.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat

from matching.engine.text import IdfTable, TextVector
from matching.engine.types import (
    LEVELS,
    CandidateData,
    Component,
    JobData,
    MatchResult,
    RemotePolicy,
    RemotePreference,
    ScoringContext,
)

WEIGHTS = {"skills": 45.0, "experience": 20.0, "location": 15.0, "salary": 10.0}
TEXT_WEIGHT = 15.0
SAME_CATEGORY_CREDIT = 0.15
REQUIRED_WEIGHT, NICE_WEIGHT = 2.0, 1.0
YEARS_FLOOR, YEARS_UNKNOWN = 0.5, 0.8
MISSING_REQUIRED_CAP = (30.0, 70.0)  # floor, + share × coverage
EVIDENCE_FULL = 1.0  # summed rarity of a job's skills that is full evidence
CAP_MIN_RARITY = 0.5  # a missing required skill rarer than this caps
TEXT_SATURATION = 0.5
NEUTRAL = 50.0
SALARY_GAP_PENALTY = 400.0
LEVEL_SCORES = {0: 100.0, -1: 60.0, 1: 85.0}
LEVEL_FAR_BELOW, LEVEL_FAR_ABOVE = 20.0, 60.0


class OptedOut(Exception):
    """The candidate opted out of automated scoring for employers."""


_LEVEL_INDEX = {level: i for i, level in enumerate(LEVELS)}
_NO_LINKS: dict[str, float] = {}
_ZEROS = repeat(0.0)
# related map → its symmetric form; holds the map itself, so an id is never reused
# while its entry lives. Derived data only: losing it costs a rebuild (~3 ms).
_SYMMETRIC: dict[int, tuple[Mapping, dict[str, dict[str, float]]]] = {}
_SYMMETRIC_KEPT = 8


def _symmetric_links(related: Mapping[str, Mapping[str, float]]):
    """{a: {b: best link between a and b either way}} for every linked pair.

    `links[job_skill].get(candidate_skill, 0.0)` is then exactly the partial credit
    of one pair: max(related[c][j], related[j][c]), each 0.0 when absent.
    """
    cached = _SYMMETRIC.get(id(related))
    if cached is not None and cached[0] is related:
        return cached[1]
    pairs = {(a, b) for a, rel in related.items() for b in rel}
    links: dict[str, dict[str, float]] = {}
    for a, b in pairs | {(b, a) for a, b in pairs}:
        links.setdefault(a, {})[b] = max(
            related.get(b, _NO_LINKS).get(a, 0.0),
            related.get(a, _NO_LINKS).get(b, 0.0),
        )
    if len(_SYMMETRIC) >= _SYMMETRIC_KEPT:
        _SYMMETRIC.clear()
    _SYMMETRIC[id(related)] = (related, links)
    return links


class _JobFeatures:
    """What scoring reads from a job, computed once per job and call.

    `memo` holds the experience, location and salary components already built
    for this job, keyed by the few candidate fields each reads: a ranking of
    thousands of candidates for one job repeats a few dozen combinations, so
    each is computed, rounded and formatted once (components are immutable,
    results share them).
    """

    __slots__ = ("job", "skills", "required", "nice", "skill_total", "level",
                 "country", "city", "where", "text", "memo", "evidence",
                 "capping")  # fmt: skip

    def __init__(self, job: JobData, context: ScoringContext, idf: IdfTable):
        related, categories = _symmetric_links(context.related), context.categories
        rarity = context.rarity
        self.job = job
        # (slug, label, weight, required, min_years, links either way, category,
        #  caps): weight = required/nice weight × rarity; `caps` — a missing
        # required skill caps the total only when it is not a generic tool
        self.skills = tuple(
            (
                js.slug,
                js.name or js.slug,
                (REQUIRED_WEIGHT if js.required else NICE_WEIGHT)
                * rarity.get(js.slug, 1.0),
                js.required,
                js.min_years,
                related.get(js.slug, _NO_LINKS),
                categories.get(js.slug),
                js.required and rarity.get(js.slug, 1.0) >= CAP_MIN_RARITY,
            )
            for js in job.skills
        )
        self.required = tuple(js.slug for js in job.skills if js.required)
        self.nice = tuple(js.slug for js in job.skills if not js.required)
        self.capping = sum(1 for skill in self.skills if skill[7])
        total = 0.0
        for skill in self.skills:
            total += skill[2]
        self.skill_total = total
        # how much the linked skills say about the job: 1 from one skill that is
        # not a generic tool; the rest of the skills component comes from the text
        self.evidence = min(
            1.0, sum(rarity.get(js.slug, 1.0) for js in job.skills) / EVIDENCE_FULL
        )
        self.level = _LEVEL_INDEX.get(job.level)
        self.country = job.country.upper() if job.country else ""
        self.city = job.city.casefold() if job.city else ""
        self.where = job.city or job.country or "an unknown place"
        text = job.text
        self.text = TextVector(text, idf) if text and not text.isspace() else None
        self.memo: dict = {}


class _CandidateFeatures:
    """What scoring reads from a candidate, computed once per candidate and call
    (`categories`, the taxonomy categories of their skills, only when a missing
    job skill asks for it)."""

    __slots__ = ("candidate", "have", "categories", "text", "_category_map")

    def __init__(
        self, candidate: CandidateData, context: ScoringContext, idf: IdfTable
    ):
        self.candidate = candidate
        self.have = {s.slug: s for s in candidate.skills}
        self.categories = None
        self._category_map = context.categories
        text = candidate.text
        self.text = TextVector(text, idf) if text and not text.isspace() else None

    def skill_categories(self) -> set:
        categories = self._category_map
        return {categories.get(slug) for slug in self.have} - {None}


def _skills(c: _CandidateFeatures, j: _JobFeatures):
    have = c.have
    matched, partial, missing = [], [], []
    earned = req_earned = 0.0
    missing_required = n_have = n_nice = 0
    for slug, label, weight, required, min_years, job_links, category, caps in j.skills:
        own = have.get(slug)
        if own is not None:
            credit = 1.0
            if min_years:
                if own.years is None:
                    credit = YEARS_UNKNOWN
                else:
                    credit = max(YEARS_FLOOR, min(1.0, own.years / min_years))
            matched.append(label)
            if required:
                n_have += 1
            else:
                n_nice += 1
        else:
            # the best related link either way (the taxonomy's links are directed)
            if job_links and have:
                credit = max(map(job_links.get, have, _ZEROS))
            else:
                credit = 0.0
            if credit > 0:
                partial.append(label)
            else:
                missing.append(label)
                missing_required += caps
                if category is not None:
                    categories = c.categories
                    if categories is None:
                        categories = c.categories = c.skill_categories()
                    if category in categories:
                        credit = SAME_CATEGORY_CREDIT
        earned += weight * credit
        if caps:
            req_earned += credit
    if not j.skills:
        return 0.0, ("the job lists no linked skills",), matched, partial, missing, None
    reasons = []
    if j.required:
        if n_have == len(j.required):
            reasons.append(f"all {len(j.required)} required skills")
        else:
            reasons.append(f"{n_have} of {len(j.required)} required skills")
    if j.nice:
        reasons.append(f"{n_nice} of {len(j.nice)} nice-to-have skills")
    if partial:
        reasons.append("related experience in " + ", ".join(partial))
    if missing:
        reasons.append("missing " + ", ".join(missing))
    cap = None
    if missing_required:
        floor, share = MISSING_REQUIRED_CAP
        cap = floor + share * (req_earned / j.capping)
    return (
        100.0 * earned / j.skill_total if j.skill_total else 0.0,
        tuple(reasons),
        matched,
        partial,
        missing,
        cap,
    )


def _experience(c: _CandidateFeatures, j: _JobFeatures, who: str):
    candidate, job = c.candidate, j.job
    parts, reasons = [], []
    c_level, j_level = _LEVEL_INDEX.get(candidate.level), j.level
    if c_level is not None and j_level is not None:
        diff = c_level - j_level
        if diff in LEVEL_SCORES:
            parts.append(LEVEL_SCORES[diff])
        else:
            parts.append(LEVEL_FAR_BELOW if diff < 0 else LEVEL_FAR_ABOVE)
        if diff == 0:
            reasons.append(f"{job.level} level matches")
        else:
            reasons.append(f"{candidate.level} profile for a {job.level} job")
    if job.min_years:
        years = candidate.years_experience
        if years is None:
            parts.append(NEUTRAL)
            reasons.append(f"{job.min_years:g} years asked, {who} gave none")
        else:
            parts.append(100.0 * min(1.0, years / job.min_years))
            reasons.append(f"{years:g} years of experience ({job.min_years:g} asked)")
    if not parts:
        return NEUTRAL, ("no experience requirements to compare",)
    return sum(parts) / len(parts), tuple(reasons)


def _location(c: _CandidateFeatures, j: _JobFeatures, who: str, pref_verb: str):
    candidate, job = c.candidate, j.job
    pref = candidate.remote_preference or RemotePreference.ANY
    where = j.where
    if job.remote_policy == RemotePolicy.REMOTE:
        if pref == RemotePreference.ONSITE:
            return 80.0, (f"remote job and {who} {pref_verb} onsite",)
        return 100.0, ("remote job",)
    c_country = candidate.country.upper() if candidate.country else ""
    c_city = candidate.city.casefold() if candidate.city else ""
    same_country = bool(j.country and c_country) and j.country == c_country
    same_city = same_country and bool(j.city and c_city) and j.city == c_city
    if not (job.country and candidate.country):
        base, reasons = NEUTRAL, [f"the job is {job.remote_policy} in {where}"]
    elif same_city:
        base, reasons = 100.0, [f"same city ({job.city})"]
    elif same_country:
        base = 85.0 if candidate.willing_to_relocate else 60.0
        reasons = [f"same country, the job is in {where}"]
        if candidate.willing_to_relocate:
            reasons.append("willing to relocate")
    else:
        base = 70.0 if candidate.willing_to_relocate else 10.0
        reasons = [f"the job is {job.remote_policy} in {where}, another country"]
        if candidate.willing_to_relocate:
            reasons.append("willing to relocate")
    factor = 1.0
    if pref == RemotePreference.REMOTE:
        factor = 0.5 if job.remote_policy == RemotePolicy.ONSITE else 0.75
        reasons.append(
            f"the job is {job.remote_policy} in {where} and {who} {pref_verb} remote"
        )
    elif pref == RemotePreference.ONSITE and job.remote_policy == RemotePolicy.HYBRID:
        factor = 0.9
        reasons.append(f"the job is hybrid and {who} {pref_verb} onsite")
    return base * factor, tuple(reasons)


def _salary(candidate: CandidateData, job: JobData):
    wanted, offered = candidate.salary, job.salary
    if not (wanted and wanted.known and offered and offered.known):
        return NEUTRAL, ("salary not known on both sides",)
    if wanted.currency.upper() != offered.currency.upper():
        return NEUTRAL, (
            f"salary in {wanted.currency} vs {offered.currency}, not compared",
        )
    if wanted.low <= offered.high:
        return 100.0, ("salary fits",)
    gap = (wanted.low - offered.high) / offered.high if offered.high else 1.0
    score = max(0.0, 100.0 - SALARY_GAP_PENALTY * gap)
    return score, (f"salary expectation {gap:.0%} above the range",)


def _text(c: _CandidateFeatures, j: _JobFeatures):
    if c.text is None or j.text is None:
        return None
    cosine = c.text.cosine(j.text)
    score = 100.0 * min(1.0, cosine / TEXT_SATURATION)
    return score, (f"text similarity {cosine:.2f}",)


def _round(value: float) -> int:
    return int(math.floor(value + 0.5))


_VOICES = {"employer": ("the candidate", "prefers")}
_CANDIDATE_VOICE = ("you", "prefer")


_SKILLS_WEIGHT, _EXPERIENCE_WEIGHT = WEIGHTS["skills"], WEIGHTS["experience"]
_LOCATION_WEIGHT, _SALARY_WEIGHT = WEIGHTS["location"], WEIGHTS["salary"]
_BASE_WEIGHT = _SKILLS_WEIGHT + _EXPERIENCE_WEIGHT + _LOCATION_WEIGHT + _SALARY_WEIGHT
_TEXT_TOTAL_WEIGHT = _BASE_WEIGHT + TEXT_WEIGHT


def _side_components(c: _CandidateFeatures, j: _JobFeatures, who, pref_verb):
    """The experience, location and salary components, built once per distinct
    combination of the candidate fields they read (see `_JobFeatures.memo`)."""
    candidate = c.candidate
    memo = j.memo
    key = ("e", who, candidate.level, candidate.years_experience)
    experience = memo.get(key)
    if experience is None:
        e_score, e_reasons = _experience(c, j, who)
        experience = memo[key] = Component(
            "experience", round(e_score, 2), _EXPERIENCE_WEIGHT, e_reasons
        )
    key = ("l", who, candidate.remote_preference, candidate.country,
           candidate.city, candidate.willing_to_relocate)  # fmt: skip
    location = memo.get(key)
    if location is None:
        l_score, l_reasons = _location(c, j, who, pref_verb)
        location = memo[key] = Component(
            "location", round(l_score, 2), _LOCATION_WEIGHT, l_reasons
        )
    wanted = candidate.salary
    key = ("s", wanted.min, wanted.max, wanted.currency) if wanted else ("s",)
    salary = memo.get(key)
    if salary is None:
        m_score, m_reasons = _salary(candidate, j.job)
        salary = memo[key] = Component(
            "salary", round(m_score, 2), _SALARY_WEIGHT, m_reasons
        )
    return experience, location, salary


def _score_prepared(
    c: _CandidateFeatures, j: _JobFeatures, audience: str
) -> MatchResult:
    candidate, job = c.candidate, j.job
    if audience == "employer" and candidate.opted_out:
        raise OptedOut(candidate.id)
    who, pref_verb = _VOICES.get(audience, _CANDIDATE_VOICE)
    s_score, s_reasons, matched, partial, missing, cap = _skills(c, j)
    text = _text(c, j)
    if j.evidence < 1.0:
        s_score = j.evidence * s_score + (1.0 - j.evidence) * (text[0] if text else 0)
        s_reasons = (
            *s_reasons,
            f"the listed skills say little ({j.evidence:.0%} of full evidence): "
            "the rest from the text",
        )
    skills = Component("skills", round(s_score, 2), _SKILLS_WEIGHT, s_reasons)
    experience, location, salary = _side_components(c, j, who, pref_verb)
    # the weighted sum adds in the components' order, as it always did
    weighted = (
        skills.score * _SKILLS_WEIGHT
        + experience.score * _EXPERIENCE_WEIGHT
        + location.score * _LOCATION_WEIGHT
        + salary.score * _SALARY_WEIGHT
    )
    if text is None:
        components = (skills, experience, location, salary)
        precise = weighted / _BASE_WEIGHT
    else:
        text_component = Component("text", round(text[0], 2), TEXT_WEIGHT, text[1])
        components = (skills, experience, location, salary, text_component)
        precise = (weighted + text_component.score * TEXT_WEIGHT) / _TEXT_TOTAL_WEIGHT
    capped = cap is not None
    if capped:
        precise = precise * cap / 100.0
    headline = [s_reasons[0]]
    if job.min_years and candidate.years_experience is not None:
        headline.append(experience.reasons[-1])
    headline.append(salary.reasons[0])
    headline.append(location.reasons[-1])
    if capped:
        headline.append("capped because required skills are missing")
    return MatchResult(
        candidate_id=candidate.id,
        job_id=job.id,
        score=_round(precise),
        precise=round(precise, 4),
        components=components,
        matched_skills=tuple(matched),
        partial_skills=tuple(partial),
        missing_skills=tuple(missing),
        explanation="; ".join(headline),
        capped=capped,
    )


def score(
    candidate: CandidateData,
    job: JobData,
    context: ScoringContext | None = None,
    *,
    audience: str = "candidate",
) -> MatchResult:
    """Score one candidate against one job (0–100 with components and reasons).

    `audience="employer"` phrases reasons about "the candidate" and refuses candidates
    who opted out of automated scoring (`OptedOut`).
    """
    context = context or ScoringContext()
    if audience == "employer" and candidate.opted_out:
        raise OptedOut(candidate.id)
    idf = IdfTable(context.corpus)
    return _score_prepared(
        _CandidateFeatures(candidate, context, idf),
        _JobFeatures(job, context, idf),
        audience,
    )


def rank(
    candidate: CandidateData,
    jobs: Iterable[JobData],
    context: ScoringContext | None = None,
    *,
    limit: int | None = None,
) -> list[MatchResult]:
    """Jobs for a candidate, best first; ties broken by job id (ascending)."""
    context = context or ScoringContext()
    idf = IdfTable(context.corpus)
    prepared = _CandidateFeatures(candidate, context, idf)
    results = [
        _score_prepared(prepared, _JobFeatures(job, context, idf), "candidate")
        for job in jobs
    ]
    results.sort(key=lambda r: (-r.precise, r.job_id))
    return results[:limit] if limit is not None else results


# A bound and a score may differ by float rounding and `precise`'s 4 decimals.
_BOUND_MARGIN = 1e-3


def _best_possible(c: _CandidateFeatures, j: _JobFeatures) -> float:
    """The highest `precise` the job could score whatever its text: every
    component but text exactly as `score` computes it, text at 100 (when the
    candidate has text to compare), the cap applied."""
    who, pref_verb = _CANDIDATE_VOICE
    s_score, _, _, _, _, cap = _skills(c, j)
    if j.evidence < 1.0:  # the text part of the skills component at its best
        text_best = 100.0 if c.text is not None else 0.0
        s_score = j.evidence * s_score + (1.0 - j.evidence) * text_best
    e_score, _ = _experience(c, j, who)
    l_score, _ = _location(c, j, who, pref_verb)
    m_score, _ = _salary(c.candidate, j.job)
    weighted = (
        round(s_score, 2) * WEIGHTS["skills"]
        + round(e_score, 2) * WEIGHTS["experience"]
        + round(l_score, 2) * WEIGHTS["location"]
        + round(m_score, 2) * WEIGHTS["salary"]
    )
    weight = sum(WEIGHTS.values())
    best = weighted / weight
    if c.text is not None:
        best = max(best, (weighted + 100.0 * TEXT_WEIGHT) / (weight + TEXT_WEIGHT))
    return best * cap / 100.0 if cap is not None else best


def rank_top(
    candidate: CandidateData,
    jobs: Iterable[JobData],
    full_jobs: Callable[[list[int]], Iterable[JobData]],
    context: ScoringContext | None = None,
    *,
    limit: int,
    batch: int = 100,
) -> list[MatchResult]:
    """Exactly `rank(candidate, <the full jobs>, context, limit=limit)`, reading
    few jobs' text.

    `jobs` are the jobs without their text (text ""); `full_jobs(ids)` returns the
    same jobs with it (the caller loads descriptions, in batches). Each job's best
    possible score (`_best_possible`: everything but text is exact) orders them;
    jobs are scored fully in that order, in doubling batches, until the
    `limit`-th best score so far beats every remaining bound — those could not
    enter the top `limit`.
    """
    context = context or ScoringContext()
    idf = IdfTable(context.corpus)
    prepared = _CandidateFeatures(candidate, context, idf)
    bounds = sorted(
        (-_best_possible(prepared, _JobFeatures(job, context, idf)), job.id)
        for job in jobs
    )
    results: list[MatchResult] = []
    start = 0
    while start < len(bounds):
        if len(results) >= limit:
            results.sort(key=lambda r: (-r.precise, r.job_id))
            del results[limit:]
            if -bounds[start][0] + _BOUND_MARGIN < results[-1].precise:
                break
        ids = [job_id for _, job_id in bounds[start : start + batch]]
        results.extend(
            _score_prepared(prepared, _JobFeatures(job, context, idf), "candidate")
            for job in full_jobs(ids)
        )
        start += batch
        batch *= 2  # a few loads at most, even when the bounds are all close
    results.sort(key=lambda r: (-r.precise, r.job_id))
    return results[:limit]


def rank_candidates(
    job: JobData,
    candidates: Iterable[CandidateData],
    context: ScoringContext | None = None,
    *,
    limit: int | None = None,
) -> list[MatchResult]:
    """Candidates for a job, best first, ties by candidate id; opted-out are skipped."""
    context = context or ScoringContext()
    idf = IdfTable(context.corpus)
    prepared = _JobFeatures(job, context, idf)
    results = [
        _score_prepared(_CandidateFeatures(c, context, idf), prepared, "employer")
        for c in candidates
        if not c.opted_out
    ]
    results.sort(key=lambda r: (-r.precise, r.candidate_id))
    return results[:limit] if limit is not None else results
