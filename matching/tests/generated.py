"""Seeded, generated engine data (no database): the equivalence tests and
bench/matching_bench.py rank these."""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path

from matching.engine.taxonomy import Taxonomy, taxonomy_from_data
from matching.engine.types import (
    LEVELS,
    CandidateData,
    CandidateSkill,
    JobData,
    JobSkill,
    Salary,
    ScoringContext,
)

SKILLS_FILE = Path(__file__).resolve().parents[1] / "data" / "skills.json"
CITIES = [("Berlin", "DE"), ("Munich", "DE"), ("Paris", "FR"), ("Lyon", "FR"),
          ("London", "GB"), ("Austin", "US"), ("", "NL"), ("", "")]  # fmt: skip
WORDS = ("built", "maintained", "led", "shipped", "designed", "services", "platform",
         "team", "customers", "data", "pipelines", "reporting", "patients", "care",
         "budget", "sales", "growth", "quality", "safety", "reliable", "scalable",
         "APIs", "backend", "frontend", "mobile", "cloud", "warehouse", "logistics",
         "nursing", "finance", "audit", "compliance", "hospitality", "guests",
         "kitchen", "projects", "agile")  # fmt: skip
REMOTE = ["onsite", "hybrid", "remote"]
# candidates' latest role titles (by id, so the random draws are unchanged)
TITLES = ("Software Engineer", "Registered Nurse", "Data Analyst", "Accountant",
          "Warehouse Associate", "Backend Developer", "Line Cook", "Electrician",
          "Sales Representative", "DevOps Engineer", "Web Developer")  # fmt: skip
PREFS = ["any", "onsite", "hybrid", "remote"]


@lru_cache(maxsize=1)
def file_taxonomy() -> Taxonomy:
    return taxonomy_from_data(json.loads(SKILLS_FILE.read_text()))


def file_context(*, corpus=None, occupations: bool = True) -> ScoringContext:
    """The shipped taxonomy's links and categories, (unless `occupations` is
    false) the occupation index of the shipped occupations file, and the
    installed word vectors."""
    from matching.evaluation import load_occupation_index
    from matching.word_vectors import get_word_vectors

    related, categories = file_taxonomy().scoring_maps()
    return ScoringContext(
        related=related,
        categories=categories,
        corpus=corpus,
        occupations=load_occupation_index() if occupations else None,
        vectors=get_word_vectors(),
    )


def _skill_pool(rng: random.Random, taxonomy: Taxonomy):
    related = taxonomy.related_map()
    # Mostly skills with related links, so partial credit is exercised.
    linked = sorted(related)
    return linked, related


def _sentence(rng: random.Random, names, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    for name in rng.sample(names, min(len(names), 2)):
        words.insert(rng.randrange(len(words) + 1), name)
    return " ".join(words)


def _salary(rng: random.Random, *, job: bool) -> Salary | None:
    if rng.random() < 0.2:
        return None
    currency = rng.choice(["EUR", "EUR", "USD", "GBP"])
    low = float(rng.randrange(30, 120) * 1000)
    if job:
        return Salary(low, low + rng.randrange(0, 40) * 1000, currency)
    return Salary(low, None if rng.random() < 0.5 else low + 10000, currency)


def make_job(seed: int = 7, *, n_skills: int = 8) -> JobData:
    rng = random.Random(seed)
    taxonomy = file_taxonomy()
    linked, related = _skill_pool(rng, taxonomy)
    picks = rng.sample(linked, n_skills)
    # a few of the picks' related skills, so candidates overlap the job
    skills = tuple(
        JobSkill(
            slug=slug,
            name=taxonomy.get(slug).name,
            required=i < n_skills * 2 // 3,
            min_years=float(rng.choice([0, 2, 3, 5])) or None,
        )
        for i, slug in enumerate(picks)
    )
    city, country = rng.choice(CITIES[:6])
    names = [s.name for s in skills]
    return JobData(
        id=seed,
        title=f"Senior {names[0]} Engineer",
        skills=skills,
        min_years=4.0,
        level="senior",
        city=city,
        country=country,
        remote_policy=rng.choice(REMOTE),
        salary=_salary(rng, job=True),
        text="\n".join(
            [f"Senior {names[0]} Engineer", " ".join(names)]
            + [_sentence(rng, names, 25) for _ in range(8)]
        ),
    )


def make_candidates(job: JobData, count: int, *, seed: int = 11):
    """`count` candidates around `job`: some share its skills, some related ones,
    some neither; ids 1…count; about 3 % opted out."""
    rng = random.Random(seed)
    taxonomy = file_taxonomy()
    linked, related = _skill_pool(rng, taxonomy)
    job_slugs = [s.slug for s in job.skills]
    near = sorted({r for s in job_slugs for r in related.get(s, {})})
    out = []
    for pk in range(1, count + 1):
        slugs: list[str] = []
        for _ in range(rng.randrange(0, 12)):
            roll = rng.random()
            pool = job_slugs if roll < 0.4 else near if roll < 0.6 and near else linked
            slug = rng.choice(pool)
            if slug not in slugs:
                slugs.append(slug)
        skills = tuple(
            CandidateSkill(
                slug=slug,
                name=taxonomy.get(slug).name,
                years=float(rng.choice([0, 1, 2, 4, 7])) or None,
                level=rng.choice([None, 1, 3, 5]),
            )
            for slug in slugs
        )
        city, country = rng.choice(CITIES)
        names = [s.name for s in skills] or ["generalist"]
        has_text = rng.random() > 0.05
        out.append(
            CandidateData(
                id=pk,
                skills=skills,
                years_experience=rng.choice([None, 1.0, 3.0, 6.0, 12.0]),
                level=rng.choice((None, *LEVELS)),
                city=city,
                country=country,
                remote_preference=rng.choice(PREFS),
                willing_to_relocate=rng.random() < 0.3,
                salary=_salary(rng, job=False),
                text="\n".join(
                    [f"{names[0]} specialist", " ".join(names)]
                    + [_sentence(rng, names, 20) for _ in range(rng.randrange(1, 8))]
                )
                if has_text
                else "",
                opted_out=rng.random() < 0.03,
                name=f"Candidate {pk}",
                titles=(f"{names[0]} specialist", TITLES[pk % len(TITLES)]),
            )
        )
    return out


def make_jobs(count: int, *, seed: int = 5):
    return [make_job(seed * 100_000 + i) for i in range(count)]
