"""The local match score: deterministic, explainable, pure.

A hybrid ranking: total = weighted mean of the components below (weights in
WEIGHTS, fitted on labelled data by `matching/data/fit_weights.py`, see the
comment there), then scaled down when must-have skills are missing. Every
component is in every score (0 when it has nothing to go on: no neutral value
that would lift an unrelated job); only `occupation` is left out, of every score
alike, when the context has no occupation index.

Components (each 0–100):

* text — lexical relevance: BM25 (k1 1.2, b 0.75, Lucene idf from the corpus
  passed in: published jobs' text in production) of the candidate's text as the
  query in the job's text, divided by the most that query could score (each of
  its terms at saturation), then √ for display. For one candidate this orders
  jobs exactly as plain BM25 does, so the ranking cannot lose the text signal
  through its scale. 0 when either side has no text.
* similarity — how alike the two texts are as a whole: the cosine of their
  `TextProfile`s ((1 + ln tf) × the same idf, L2-normalised on both sides), then
  √ for display. BM25 reads the person's text as a query, so every word of a
  long profile weighs alike; the cosine is symmetric and length-normalised, and
  on real postings it ranks better than BM25 alone. 0 when either side has no
  text.
* meaning — how alike the two texts are in what their words mean: the cosine
  of their meanings (`semantic.WordVectors.meanings`: word vectors weighted as in
  the TF-IDF profile, the common direction removed), 100 × the cosine, floored
  at 0. It is the only component that sees "nurse" near "patient care" when the
  texts share no word. 0 when either side has no word with a vector; left out
  of every score alike when the context has no word vectors.
* occupation — occupations inferred from the job's title (never its text; the
  weights were fitted so) and the candidate's titles
  (headline, latest roles; the first words of their text when they have none)
  by the context's `OccupationIndex`, up to GUESSES a side: 100 × the best
  pair's `occupation_affinity` (1 same occupation, 0.8 same detailed SOC
  occupation, 0.5 same broad group, 0.25 same minor group; a residual "All
  Other" code or group shared counts for nothing) × both guesses' scores. 0
  when either side names no known occupation.
* skills — every job skill counts 2 if required, 1 if nice to have, × its rarity
  across the taxonomy's occupations (context.rarity: 1 for most skills, down to
  0.05 for a generic tool such as Excel, `taxonomy.skill_rarity`). Credit per
  skill: 1.0 when the candidate has it (times a years factor: candidate years ÷
  the job's minimum, floored at 0.5; 0.8 when the job asks for years and the
  candidate gave none); otherwise the best related-skill weight (0–1, from the
  taxonomy) as partial credit; otherwise SAME_CATEGORY_CREDIT when the candidate
  has another skill of its taxonomy category (still reported missing); otherwise
  0. Score = 100 × credit earned ÷ weight × `evidence` (the job's skills' summed
  rarity, full at EVIDENCE_FULL: a job listing only Excel says little). 0 when
  the job lists no linked skill (its skills still count through the text).
* experience, location, salary — fit factors:
  experience: mean of the parts that are known: level (same level 100, one
  below 60, two or more below 20, one above 85, two or more above 60) and years
  (100 at or above the job's minimum, proportional below). Nothing known → 50.
  location: remote jobs 100 (80 if the candidate prefers onsite). Onsite and
  hybrid jobs: same city 100; same country 60 (85 if willing to relocate);
  another country 10 (70 if willing to relocate); then × 0.5 for an onsite job
  when the candidate prefers remote, × 0.75 for a hybrid job when they prefer
  remote, × 0.9 for a hybrid job when they prefer onsite. Unknown places → 50.
  salary: same currency: 100 when the candidate's minimum is within or below
  the job's maximum; above it, 100 − 400 × the relative gap. Unknown or a
  different currency → 50.

Cap: the job's required skills are its must-haves. When one that is not a
generic tool (rarity ≥ CAP_MIN_RARITY) is missing outright, the total is scaled
by CAP_FLOOR + (1 − CAP_FLOOR) × coverage (credit earned on those skills ÷ their
count), so capped jobs keep their relative order. Nothing else caps.

Speed: `score` prepares both sides (`_JobFeatures`, `_CandidateFeatures`: skills
by slug, related-skill maps, categories, BM25 term weights, occupation guesses)
and scores the prepared pair; `rank` and `rank_candidates` prepare the shared
side once and share one idf table per call, through the same code, so a ranking
gives exactly the scores `score` gives. Explaining a score (reasons,
components, skill lists) costs more than the score: `order` and
`order_candidates` score every pair without explaining (`MatchScore`), by the
same arithmetic (`_score_prepared(explain=False)`), and `rank` and
`rank_candidates` with a `limit` explain only their first rows. The many
sides of a ranking have their texts weighted and their meanings computed
together (`_sides`, with `TextBatch`: a few numpy passes over all their terms,
the same floats as each text alone); ranking candidates for one job, their
BM25 sums and similarities with the job's text come from the same batch
(`TextBatch.against`, the floats of each pair), else per pair the text is one
dict lookup per candidate term. Per pair the meaning is one dot product. The
occupation, experience, location and salary components read a few candidate
fields each; the job side keeps the ones it built (`_JobFeatures.memo`), so
ranking thousands of candidates for one job builds a few dozen of them, not
thousands.
A context with a `PreparedCache` (`matching.engine.prepared`, production's)
keeps prepared sides across calls: a side already prepared for the same data
and context parts is read, not built, and gives the same scores.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from itertools import chain, repeat
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from matching.engine.occupations import occupation_affinity
from matching.engine.prepared import PreparedCache
from matching.engine.semantic import meaning_similarity
from matching.engine.text import (
    Bm25Document,
    Bm25Idf,
    Bm25Query,
    Numbering,
    TextBatch,
)
from matching.engine.types import (
    LEVELS,
    CandidateData,
    Component,
    JobData,
    MatchResult,
    MatchScore,
    RemotePolicy,
    RemotePreference,
    ScoringContext,
)

# Fitted by matching/data/fit_weights.py (2026-12-06, session 11) on the tuning
# splits only: the O*NET set's (50 profiles × 294 postings), the team set's
# (27 × 36, every other candidate of each archetype) and the real-text set's
# (41 NYC postings read as people × 803 postings, by civil service title),
# under the rule "beat BM25's nDCG@10 by 0.01 on each, then the largest
# smallest lead to 0.01, then the best mean" (chosen, and the meaning component
# kept, by two-fold cross-validation on the tuning splits: fit_weights.py's
# docstring). Tuning nDCG@10 0.883 (BM25 0.584), 0.952 (0.929), 0.398 (0.369);
# held out: bench/README.md, "Matching quality, round 11". Relevance first,
# then the fit factors; the order is the order of the components. The weights
# are relative (the score divides by their sum).
WEIGHTS = {"text": 16.0, "similarity": 44.0, "meaning": 9.0, "occupation": 15.0,
           "skills": 6.0, "experience": 5.0, "location": 5.0,
           "salary": 2.0}  # fmt: skip
# fitted too (0.3–0.95: a missing must-have always costs something):
# cap = 100 × (floor + (1 − floor) × coverage)
CAP_FLOOR = 0.95
SAME_CATEGORY_CREDIT = 0.15
REQUIRED_WEIGHT, NICE_WEIGHT = 2.0, 1.0
YEARS_FLOOR, YEARS_UNKNOWN = 0.5, 0.8
EVIDENCE_FULL = 1.0  # summed rarity of a job's skills that is full evidence
CAP_MIN_RARITY = 0.5  # a missing required skill rarer than this caps
NEUTRAL = 50.0
SALARY_GAP_PENALTY = 400.0
LEVEL_SCORES = {0: 100.0, -1: 60.0, 1: 85.0}
LEVEL_FAR_BELOW, LEVEL_FAR_ABOVE = 20.0, 60.0
AFFINITY_WORDS = {
    1.0: "same occupation",
    0.8: "a closely related occupation",
    0.5: "a related occupation",
    0.25: "the same occupation group",
}
GUESSES = 3  # occupations inferred per side


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


def _job_occupations(job: JobData, context: ScoringContext):
    index = context.occupations
    if index is None:
        return ()
    # from the title only (the weights were fitted so)
    return index.guesses(job.title, GUESSES) if job.title else ()


def _candidate_occupations(candidate: CandidateData, context: ScoringContext):
    """The guesses of the title (of the first three) with the best first guess;
    the text's first words when no title names an occupation."""
    index = context.occupations
    if index is None:
        return ()
    best: tuple = ()
    for title in candidate.titles[:3]:
        guesses = index.guesses(title, GUESSES) if title else ()
        if guesses and (not best or guesses[0].score > best[0].score):
            best = guesses
    return best or tuple(index.infer_leading(candidate.text, limit=GUESSES))


class _JobFeatures:
    """What scoring reads from a job, computed once per job and call.

    `memo` holds the occupation, experience, location and salary components
    already built for this job, keyed by the few candidate fields each reads: a
    ranking of thousands of candidates for one job repeats a few dozen
    combinations, so each is computed, rounded and formatted once (components
    are immutable, results share them).
    """

    __slots__ = ("job", "skills", "required", "nice", "skill_total", "level",
                 "country", "city", "where", "text", "profile", "meaning", "memo",
                 "evidence", "capping", "occupations")  # fmt: skip

    def __init__(self, job: JobData, context: ScoringContext, idf: Bm25Idf, text):
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
        # how much the linked skills say about the job: full from one skill that
        # is not a generic tool; a job listing only Excel says little
        self.evidence = min(
            1.0, sum(rarity.get(js.slug, 1.0) for js in job.skills) / EVIDENCE_FULL
        )
        self.level = _LEVEL_INDEX.get(job.level)
        self.country = job.country.upper() if job.country else ""
        self.city = job.city.casefold() if job.city else ""
        self.where = job.city or job.country or "an unknown place"
        # (TextTerms, TextProfile) of its text, or (None, None): `_sides`
        terms, self.profile = text
        self.text = Bm25Document(terms, idf.corpus) if terms is not None else None
        self.meaning = None  # set by `_sides`, in one batch per call
        self.occupations = _job_occupations(job, context)
        self.memo: dict = {}


class _CandidateFeatures:
    """What scoring reads from a candidate, computed once per candidate and call
    (`categories`, the taxonomy categories of their skills, only when a missing
    job skill asks for it)."""

    __slots__ = ("candidate", "have", "categories", "text", "profile", "meaning",
                 "_category_map", "occupations", "occupation_key")  # fmt: skip

    def __init__(self, candidate: CandidateData, context: ScoringContext, idf, text):
        self.candidate = candidate
        self.have = {s.slug: s for s in candidate.skills}
        self.categories = None
        self._category_map = context.categories
        terms, profile = text  # as the job's
        query = Bm25Query(terms) if terms is not None else None
        self.text = query if query is not None and query.best else None
        self.profile = profile if self.text is not None else None
        self.meaning = None  # set by `_sides`, in one batch per call
        self.occupations = _candidate_occupations(candidate, context)
        # a string (its hash is cached) for the job side's memo
        self.occupation_key = "|".join(f"{g.code}:{g.score}" for g in self.occupations)

    def skill_categories(self) -> set:
        categories = set(map(self._category_map.get, self.have))
        categories.discard(None)
        return categories


# A kept job's memo (components by candidate fields) is emptied past this size,
# so one popular job does not hold every combination it has ever met.
MEMO_LIMIT = 512


def _kept(context: ScoringContext) -> PreparedCache | None:
    """The context's cache of prepared sides, when it serves this context."""
    cache = context.prepared
    return cache if cache is not None and cache.serves(context) else None


def _job_side(job: JobData, context: ScoringContext, idf, cache) -> _JobFeatures:
    """The job prepared, from `cache` (`_kept`) when it holds it."""
    return _job_sides([job], context, idf, cache)[0]


def _candidate_side(
    candidate: CandidateData, context: ScoringContext, idf, cache
) -> _CandidateFeatures:
    """The candidate prepared, from `cache` (`_kept`) when it holds them."""
    return _candidate_sides([candidate], context, idf, cache)[0][0]


def _sides(items: list, build, table, idf, vectors, shared=None) -> tuple[list, list]:
    """Each item's prepared side, from `table` (a `PreparedCache` table, or
    None) when it keeps it, else `build(item, text)` with the texts of all the
    others counted and weighted in one `TextBatch`, their meanings in one
    batch on its rows. With the call's `shared` side (a `_JobFeatures`), each
    built item's text read against its text in the same batch
    (`TextBatch.against`, what `_texts` reads); None for a kept item, whose
    pairs compute their own."""
    sides = [table.get(item) for item in items] if table is not None else None
    if sides is None:
        missing = items
    else:
        missing = [item for item, s in zip(items, sides, strict=True) if s is None]
    if not missing:
        return sides, [None] * len(sides)
    batch = TextBatch([item.text for item in missing], idf)
    built = [
        build(item, (terms, profile))
        for item, terms, profile in zip(
            missing, batch.terms, batch.profiles, strict=True
        )
    ]
    if vectors is not None:
        meanings = vectors.meanings(batch.profiles, batch.rows(vectors.index))
        for side, meaning in zip(built, meanings, strict=True):
            if side.profile is not None:
                side.meaning = meaning
    read = (
        batch.against(shared.text, shared.profile)
        if shared is not None
        else [None] * len(built)
    )
    if sides is None:
        return built, read
    texts = [None] * len(sides)
    fresh = iter(zip(built, read, strict=True))
    for k, side in enumerate(sides):
        if side is None:
            side, texts[k] = next(fresh)
            sides[k] = side
            table.add(items[k], side)
    return sides, texts


def _job_sides(jobs: list, context: ScoringContext, idf, cache) -> list:
    """The jobs prepared (`_sides`), a kept job's memo emptied past its limit."""
    sides, _ = _sides(
        jobs,
        lambda job, text: _JobFeatures(job, context, idf, text),
        cache.jobs if cache is not None else None,
        idf,
        context.vectors,
    )
    for features in sides:
        if len(features.memo) > MEMO_LIMIT:
            features.memo.clear()
    return sides


def _candidate_sides(
    candidates: list, context: ScoringContext, idf, cache, job=None
) -> tuple[list, list]:
    """The candidates prepared (`_sides`), and their texts read against
    `job`'s (a `_JobFeatures`) when given."""
    return _sides(
        candidates,
        lambda candidate, text: _CandidateFeatures(candidate, context, idf, text),
        cache.candidates if cache is not None else None,
        idf,
        context.vectors,
        job,
    )


def _texts(c: _CandidateFeatures, j: _JobFeatures, read=None):
    """The pair's BM25 share and similarity, None where a side has no text:
    from `read`, the candidate's (BM25 sum, similarity) against this job
    (`TextBatch.against`), when given, else pair by pair (the same floats)."""
    share = alike = None
    if c.text is not None and j.text is not None:
        share = c.text.share(j.text) if read is None else read[0] / c.text.best
    if c.profile is not None and j.profile is not None:
        alike = j.profile.similarity(c.profile) if read is None else read[1]
    return share, alike


def _skills(c: _CandidateFeatures, j: _JobFeatures, explain: bool = True):
    """(score, cap), and with `explain` (reasons, matched, partial, missing)
    after them: the same loop either way, so both give the same numbers."""
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
            if explain:
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
                if explain:
                    partial.append(label)
            else:
                if explain:
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
    cap = None
    if missing_required:
        cap = 100.0 * (CAP_FLOOR + (1.0 - CAP_FLOOR) * (req_earned / j.capping))
    score = 100.0 * j.evidence * earned / j.skill_total if j.skill_total else 0.0
    if not explain:
        return score, cap
    if not j.skills:
        return (
            score,
            cap,
            ("the job lists no linked skills",),
            matched,
            partial,
            missing,
        )
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
    if j.evidence < 1.0:
        reasons.append(
            f"the listed skills are generic tools ({j.evidence:.0%} of full evidence)"
        )
    return score, cap, tuple(reasons), matched, partial, missing


def _skill_scores(cs: list[_CandidateFeatures], j: _JobFeatures, categories):
    """`_skills(c, j, explain=False)` of every candidate at once, (score, cap)
    each, the same floats: `_skills`' loop over the job's skills, with every
    candidate's numbers in arrays, compared alike and added in the same order.
    The candidates' skills lie one after the other (`flat`, each a number in
    `slugs`), so each distinct slug is looked up once in a skill's links and
    in `categories` (the context's)."""
    n = len(cs)
    if not j.skills:
        return [(0.0, None)] * n
    number = Numbering()
    flat = np.fromiter(
        map(number.__getitem__, chain.from_iterable(c.have for c in cs)), np.int64
    )
    slugs = list(number)
    years = np.fromiter(
        (np.nan if s.years is None else s.years for c in cs for s in c.have.values()),
        np.float64,
        len(flat),
    )
    lengths = np.fromiter((len(c.have) for c in cs), np.int64, n)
    owner = np.repeat(np.arange(n), lengths)
    skilled = np.flatnonzero(lengths)
    starts = (np.cumsum(lengths) - lengths)[skilled]
    slug_categories = [categories.get(slug) for slug in slugs]
    earned, req_earned = np.zeros(n), np.zeros(n)
    missing_required = np.zeros(n, np.int64)
    for slug, _, weight, _, min_years, job_links, category, caps in j.skills:
        found = flat == number.get(slug, -1)  # a candidate has a slug once
        has = np.zeros(n, bool)
        has[owner[found]] = True
        credit = np.ones(n)
        if min_years:
            own = np.full(n, np.nan)
            own[owner[found]] = years[found]
            credit = np.where(
                np.isnan(own),
                YEARS_UNKNOWN,
                np.maximum(YEARS_FLOOR, np.minimum(1.0, own / min_years)),
            )
        # the best related link either way, over each candidate's skills
        linked = np.zeros(n)
        if job_links and len(skilled):
            links = np.fromiter(map(job_links.get, slugs, _ZEROS), np.float64)
            linked[skilled] = np.maximum.reduceat(links[flat], starts)
        credit = np.where(has, credit, linked)
        missing = ~has & (linked <= 0)
        if category is not None:
            kin = np.fromiter((k == category for k in slug_categories), bool)[flat]
            same = np.zeros(n, bool)
            same[owner[kin]] = True
            credit = np.where(missing & same, SAME_CATEGORY_CREDIT, credit)
        earned += weight * credit
        if caps:
            missing_required += missing
            req_earned += credit
    if j.skill_total:
        scores = (100.0 * j.evidence * earned / j.skill_total).tolist()
    else:
        scores = [0.0] * n
    if not j.capping:  # no skill that caps: never capped
        return [(score, None) for score in scores]
    limits = 100.0 * (CAP_FLOOR + (1.0 - CAP_FLOOR) * (req_earned / j.capping))
    return [
        (score, limit if missed else None)
        for score, limit, missed in zip(
            scores, limits.tolist(), missing_required.tolist(), strict=True
        )
    ]


def _occupation(c: _CandidateFeatures, j: _JobFeatures, who: str):
    """100 × the closest pair's affinity (`occupation_affinity`) × both guesses'
    scores; 0 when either side names no known occupation."""
    if not j.occupations:
        return 0.0, ("no occupation recognised in the job's title",)
    if not c.occupations:
        return 0.0, (f"no occupation recognised in {_possessive(who)} titles",)
    best, pair = 0.0, (c.occupations[0], j.occupations[0])
    for mine in c.occupations:
        for theirs in j.occupations:
            value = occupation_affinity(mine.code, theirs.code)
            value *= mine.score * theirs.score
            if value > best:
                best, pair = value, (mine, theirs)
    mine, theirs = pair
    affinity = occupation_affinity(mine.code, theirs.code)
    if affinity == 1.0:
        reason = f"same occupation: {theirs.title}"
    elif affinity:
        reason = f"{AFFINITY_WORDS[affinity]}: {mine.title} / {theirs.title}"
    else:
        reason = f"another occupation: {theirs.title} (not {mine.title})"
    return 100.0 * best, (reason,)


def _possessive(who: str) -> str:
    return "your" if who == "you" else f"{who}'s"


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


def _silent(job_part, who: str) -> str:
    """Which side gave nothing to compare: the job when its part is None."""
    return "the job" if job_part is None else who


def _text_reasons(j: _JobFeatures, who: str, share):
    """The text component: BM25 of the candidate's text (the query) in the
    job's (the document), as a share of the most the query could score
    (`Bm25Query.share`); None when a side has no text."""
    if share is None:
        return (f"no text to compare ({_silent(j.text, who)} gave none)",)
    return (f"text relevance (BM25) {share:.0%} of the best possible",)


def _similarity_reasons(j: _JobFeatures, who: str, cosine):
    """The similarity component: how alike the two texts are as a whole, the
    cosine of their profiles (`TextProfile`)."""
    if cosine is None:
        return (f"no text to compare ({_silent(j.profile, who)} gave none)",)
    return (f"the texts are {cosine:.0%} alike as a whole (TF-IDF cosine)",)


def _meaning_reasons(j: _JobFeatures, who: str, cosine):
    """The meaning component: how alike the two texts are in meaning, the
    cosine of their meanings (`semantic.WordVectors.meanings`) floored at 0."""
    if cosine is None:
        side = _silent(j.meaning, who)
        return (f"no words to compare in meaning ({side} gave none)",)
    return (f"the texts are {cosine:.0%} alike in meaning (word vectors)",)


def _round(value: float) -> int:
    return int(math.floor(value + 0.5))


_VOICES = {"employer": ("the candidate", "prefers")}
_CANDIDATE_VOICE = ("you", "prefer")

_TEXT_WEIGHT, _OCCUPATION_WEIGHT = WEIGHTS["text"], WEIGHTS["occupation"]
_SIMILARITY_WEIGHT, _MEANING_WEIGHT = WEIGHTS["similarity"], WEIGHTS["meaning"]
_SKILLS_WEIGHT, _EXPERIENCE_WEIGHT = WEIGHTS["skills"], WEIGHTS["experience"]
_LOCATION_WEIGHT, _SALARY_WEIGHT = WEIGHTS["location"], WEIGHTS["salary"]


class _Parts(NamedTuple):
    """The optional components a call's context allows (the occupation index,
    the word vectors), so every score of the call has the same components, and
    the weights they add up to."""

    occupation: bool
    meaning: bool
    total: float  # every component's weight


def _parts(context: ScoringContext) -> _Parts:
    occupation, meaning = context.occupations is not None, context.vectors is not None
    words = _TEXT_WEIGHT + _SIMILARITY_WEIGHT + (_MEANING_WEIGHT if meaning else 0.0)
    total = words + _SKILLS_WEIGHT + _EXPERIENCE_WEIGHT + _LOCATION_WEIGHT
    total += _SALARY_WEIGHT + (_OCCUPATION_WEIGHT if occupation else 0.0)
    return _Parts(occupation, meaning, total)


def _side_components(c: _CandidateFeatures, j: _JobFeatures, who, pref_verb, parts):
    """The occupation, experience, location and salary components, built once
    per distinct combination of the candidate fields they read (see
    `_JobFeatures.memo`)."""
    candidate = c.candidate
    memo = j.memo
    occupation = None
    if parts.occupation:
        key = ("o", who, c.occupation_key)
        occupation = memo.get(key)
        if occupation is None:
            o_score, o_reasons = _occupation(c, j, who)
            occupation = memo[key] = Component(
                "occupation", round(o_score, 2), _OCCUPATION_WEIGHT, o_reasons
            )
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
    return occupation, experience, location, salary


def _score_prepared(
    c: _CandidateFeatures,
    j: _JobFeatures,
    audience: str,
    parts: _Parts,
    *,
    explain: bool = True,
    read=None,
    skilled=None,
) -> MatchResult | MatchScore:
    """The pair's `MatchResult`; with `explain=False` its `MatchScore`, the same
    numbers by the same arithmetic without the reasons, components and skill
    lists (what ordering needs: a ranking explains only the rows it shows).

    `parts`: whether the context has an occupation index and word vectors;
    with them the occupation and meaning components are part of every score of
    the call (0 where a side gives them nothing), without them they are left out
    of every score alike. Computed with the other pairs of a ranking:
    `read`, the candidate's text read against the job's (`_texts`), and
    `skilled`, the skills' (score, cap) (`_skill_scores`, used unexplained)."""
    candidate, job = c.candidate, j.job
    if audience == "employer" and candidate.opted_out:
        raise OptedOut(candidate.id)
    who, pref_verb = _VOICES.get(audience, _CANDIDATE_VOICE)
    if explain or skilled is None:
        skilled = _skills(c, j, explain)
    s_score, cap = round(skilled[0], 2), skilled[1]
    # √ spreads the small shares and cosines real texts reach over 0–100 for
    # display; it keeps their order for one person
    share, alike = _texts(c, j, read)
    t_score = round(100.0 * math.sqrt(share), 2) if share is not None else 0.0
    m_score = (
        round(100.0 * math.sqrt(max(0.0, min(1.0, alike))), 2)
        if alike is not None
        else 0.0
    )
    occupation, experience, location, salary = _side_components(
        c, j, who, pref_verb, parts
    )
    # the weighted sum adds in the components' order on every path
    weighted = t_score * _TEXT_WEIGHT + m_score * _SIMILARITY_WEIGHT
    if parts.meaning:
        close = None
        if c.meaning is not None and j.meaning is not None:
            close = max(0.0, min(1.0, meaning_similarity(c.meaning, j.meaning)))
        n_score = round(100.0 * close, 2) if close is not None else 0.0
        weighted += n_score * _MEANING_WEIGHT
    if parts.occupation:
        weighted += occupation.score * _OCCUPATION_WEIGHT
    weighted += (
        s_score * _SKILLS_WEIGHT
        + experience.score * _EXPERIENCE_WEIGHT
        + location.score * _LOCATION_WEIGHT
        + salary.score * _SALARY_WEIGHT
    )
    precise = weighted / parts.total
    capped = cap is not None
    if capped:
        precise = precise * cap / 100.0
    if not explain:
        return MatchScore(
            candidate.id, job.id, _round(precise), round(precise, 4), capped
        )
    _, _, s_reasons, matched, partial, missing = skilled
    components = [
        Component("text", t_score, _TEXT_WEIGHT, _text_reasons(j, who, share)),
        Component(
            "similarity",
            m_score,
            _SIMILARITY_WEIGHT,
            _similarity_reasons(j, who, alike),
        ),
    ]
    if parts.meaning:
        components.append(
            Component(
                "meaning", n_score, _MEANING_WEIGHT, _meaning_reasons(j, who, close)
            )
        )
    if parts.occupation:
        components.append(occupation)
    components += (
        Component("skills", s_score, _SKILLS_WEIGHT, s_reasons),
        experience,
        location,
        salary,
    )
    headline = []
    if parts.occupation:
        headline.append(occupation.reasons[0])
    headline.append(s_reasons[0])
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
        components=tuple(components),
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
    idf, cache = Bm25Idf(context.corpus), _kept(context)
    c = _candidate_side(candidate, context, idf, cache)
    j = _job_side(job, context, idf, cache)
    return _score_prepared(c, j, audience, _parts(context))


# ties are broken by the other side's id
_BY_JOB, _BY_CANDIDATE = attrgetter("job_id"), attrgetter("candidate_id")


def _ordered(score_one, others: list, by, limit) -> list:
    """[(MatchScore, other side)] best first, ties by `by` (the other side's
    id), each pair scored without explanation by `score_one(other, False)`."""
    scored = [(score_one(other, False), other) for other in others]
    scored.sort(key=lambda pair: (-pair[0].precise, by(pair[0])))
    return scored[:limit] if limit is not None else scored


def _explained(score_one, others: list, by, limit) -> list[MatchResult]:
    """The first `limit` results explained, best first: every pair scored and
    ordered, then those explained; all explained in one pass when `limit`
    keeps every row."""
    if limit is None or limit >= len(others):
        results = [score_one(other, True) for other in others]
        results.sort(key=lambda r: (-r.precise, by(r)))
        return results
    return [
        score_one(other, True) for _, other in _ordered(score_one, others, by, limit)
    ]


def _jobs_prepared(candidate, jobs, context):
    """The candidate's side, the jobs' sides, and how to score one job."""
    idf, cache = Bm25Idf(context.corpus), _kept(context)
    parts = _parts(context)
    prepared = _candidate_side(candidate, context, idf, cache)
    features = _job_sides(list(jobs), context, idf, cache)

    def score_one(j, explain):
        return _score_prepared(prepared, j, "candidate", parts, explain=explain)

    return features, score_one


def _candidates_prepared(job, candidates, context, ordering: bool):
    """The candidates' sides (opted-out left out), each with what was computed
    for it with the others (`_score_prepared`'s `read` and, when `ordering`
    scores them unexplained, `skilled`), and how to score one."""
    idf, cache = Bm25Idf(context.corpus), _kept(context)
    parts = _parts(context)
    prepared = _job_side(job, context, idf, cache)
    features, texts = _candidate_sides(
        [c for c in candidates if not c.opted_out], context, idf, cache, prepared
    )
    if ordering:
        skills = _skill_scores(features, prepared, context.categories)
    else:
        skills = [None] * len(features)

    def score_one(side, explain):
        c, read, skilled = side
        return _score_prepared(
            c, prepared, "employer", parts, explain=explain, read=read, skilled=skilled
        )

    return list(zip(features, texts, skills, strict=True)), score_one


def order(
    candidate: CandidateData,
    jobs: Iterable[JobData],
    context: ScoringContext | None = None,
) -> list[MatchScore]:
    """Every job's score for the candidate, best first, ties by job id
    (ascending): the order and numbers of `rank`, without explanations."""
    features, score_one = _jobs_prepared(candidate, jobs, context or ScoringContext())
    return [s for s, _ in _ordered(score_one, features, _BY_JOB, None)]


def rank(
    candidate: CandidateData,
    jobs: Iterable[JobData],
    context: ScoringContext | None = None,
    *,
    limit: int | None = None,
) -> list[MatchResult]:
    """Jobs for a candidate, best first; ties broken by job id (ascending).
    With a `limit`, every job is scored and only the first `limit` explained."""
    features, score_one = _jobs_prepared(candidate, jobs, context or ScoringContext())
    return _explained(score_one, features, _BY_JOB, limit)


def order_candidates(
    job: JobData,
    candidates: Iterable[CandidateData],
    context: ScoringContext | None = None,
) -> list[MatchScore]:
    """Every candidate's score for the job, best first, ties by candidate id;
    opted-out are skipped: the order and numbers of `rank_candidates`, without
    explanations."""
    context = context or ScoringContext()
    features, score_one = _candidates_prepared(job, candidates, context, True)
    return [s for s, _ in _ordered(score_one, features, _BY_CANDIDATE, None)]


def rank_candidates(
    job: JobData,
    candidates: Iterable[CandidateData],
    context: ScoringContext | None = None,
    *,
    limit: int | None = None,
) -> list[MatchResult]:
    """Candidates for a job, best first, ties by candidate id; opted-out are
    skipped. With a `limit`, every candidate is scored and only the first
    `limit` explained."""
    context = context or ScoringContext()
    features, score_one = _candidates_prepared(
        job, candidates, context, limit is not None
    )
    return _explained(score_one, features, _BY_CANDIDATE, limit)
