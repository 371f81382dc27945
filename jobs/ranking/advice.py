"""Job-posting advice: comparable published jobs (same title words or the same
inferred occupation), their salaries and skills, and how many visible profiles
would score well, for a saved job or a typed draft."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from hotgigs.richtext import html_to_text
from hotgigs.vocabulary import yearly
from jobs.models import Job
from jobs.ranking.builders import (
    LEVEL_TO_ENGINE,
    candidate_data_for_profiles,
    jobs_for_scoring,
    profiles_for_ranking,
    skills_of,
)
from jobs.ranking.pools import candidate_pool_for_job
from matching.engine import advice as advice_engine
from matching.engine.linker import link_skills
from matching.engine.occupations import OccupationGuess
from matching.engine.types import JobData, JobSkill, Salary
from matching.occupations import get_occupation_index, infer_occupation
from matching.providers import get_provider
from matching.selectors import scoring_context
from matching.skills import get_taxonomy

ADVICE_POOL = 2000


def _midpoint(low, high):
    values = [v for v in (low, high) if v]
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class AdviceResult:
    advice: advice_engine.JobAdvice
    salary_basis: str  # which comparables the band came from
    salary_currency: str
    comparable_jobs: int
    candidates_scored: int
    comparable_by_occupation: int = 0  # of comparable_jobs: same occupation only
    occupation: OccupationGuess | None = None  # inferred from the draft's title


def job_advice_for(*, draft: dict, exclude_job_id: int | None = None) -> AdviceResult:
    """Advice for a draft (keys of `matching.engine.advice.job_advice`, plus
    salary_currency, salary_period, min_years and skill names).

    Comparable jobs are published jobs whose title has the same normalised words
    (`title_key`), and those whose title infers the same occupation as the
    draft's (`matching.occupations`: "Line Cook" and "Restaurant Cook"), read from
    the newest ADVICE_POOL jobs sharing a title word. The salary band uses their
    yearly midpoints in the draft's currency (or the most common one), narrowing
    by level and country first and widening when fewer than MIN_SAMPLE remain;
    `salary_basis` says which.
    """
    key = advice_engine.title_key(draft.get("title", ""))
    words = key.split()
    comparables = []
    guesses = infer_occupation(draft.get("title", ""), limit=1) if words else []
    occupation = guesses[0] if guesses else None
    by_occupation = 0
    if words:
        any_word = Q()
        for word in words:
            any_word |= Q(title__icontains=word)
        qs = Job.objects.published().filter(any_word)
        if exclude_job_id:
            qs = qs.exclude(pk=exclude_job_id)
        rows = list(jobs_for_scoring(qs).order_by("-published_at", "-id")[:ADVICE_POOL])
        index = get_occupation_index() if occupation else None
        for job in rows:
            if advice_engine.title_key(job.title) == key:
                comparables.append(job)
            elif index is not None:
                found = index.infer(job.title, limit=1)
                if found and found[0].code == occupation.code:
                    comparables.append(job)
                    by_occupation += 1
    cooccurrence: dict[str, int] = {}
    for job in comparables:
        for row in skills_of(job):
            cooccurrence[row.skill.name] = cooccurrence.get(row.skill.name, 0) + 1

    currency = (draft.get("salary_currency") or "").upper()
    if not currency:
        counts: dict[str, int] = {}
        for job in comparables:
            if job.salary_currency:
                counts[job.salary_currency] = counts.get(job.salary_currency, 0) + 1
        currency = min(counts, key=lambda c: (-counts[c], c)) if counts else ""
    paid = [
        j
        for j in comparables
        if j.salary_currency == currency
        and _midpoint(j.salary_min_yearly, j.salary_max_yearly) is not None
    ]
    level, country = draft.get("level") or "", (draft.get("country") or "").upper()
    tiers = [
        ("same title, level and country", lambda j: (
            j.experience_level == level and j.country == country)),
        ("same title and country", lambda j: j.country == country),
        ("same title and level", lambda j: j.experience_level == level),
        ("same title", lambda j: True),
    ]  # fmt: skip
    salaries, basis = [], "no comparable published jobs with a salary"
    for label, keep in tiers:
        if "level" in label and not level or "country" in label and not country:
            continue
        chosen = [
            _midpoint(j.salary_min_yearly, j.salary_max_yearly) for j in paid if keep(j)
        ]
        if len(chosen) >= advice_engine.MIN_SAMPLE:
            salaries, basis = chosen, label
            break

    job_data = draft_job_data(draft)
    pool = candidate_pool_for_job(job_data)
    candidates = candidate_data_for_profiles(
        list(profiles_for_ranking().filter(id__in=pool))
    )
    results = get_provider().order_candidates(job_data, candidates, scoring_context())
    advice = advice_engine.job_advice(
        draft,
        cooccurrence={key: cooccurrence},
        job_counts={key: len(comparables)},
        comparable_salaries=salaries,
        candidate_scores=[r.score for r in results],
    )
    return AdviceResult(
        advice=advice,
        salary_basis=basis,
        salary_currency=currency,
        comparable_jobs=len(comparables),
        candidates_scored=len(results),
        comparable_by_occupation=by_occupation,
        occupation=occupation,
    )


def draft_job_data(draft: dict) -> JobData:
    """A draft payload as `JobData` (skills resolved through the taxonomy)."""
    taxonomy = get_taxonomy()
    skills, other = [], []
    for link in link_skills(
        draft.get("skills") or (), taxonomy, context=draft.get("title", "")
    ):
        if link.skill is None:
            other.append(link.text)  # kept: read through the text
        elif link.skill.slug not in {s.slug for s in skills}:
            skills.append(JobSkill(slug=link.skill.slug, name=link.skill.name))
    period = draft.get("salary_period") or "year"
    low = yearly(draft.get("salary_min"), period)
    high = yearly(draft.get("salary_max"), period)
    currency = (draft.get("salary_currency") or "").upper()
    return JobData(
        id=0,
        title=draft.get("title", ""),
        skills=tuple(skills),
        min_years=float(draft["min_years"]) if draft.get("min_years") else None,
        level=LEVEL_TO_ENGINE.get(draft.get("level") or ""),
        city=draft.get("city") or "",
        country=(draft.get("country") or "").upper(),
        remote_policy=draft.get("remote_policy") or "onsite",
        salary=Salary(low, high, currency) if currency and (low or high) else None,
        text=f"{draft.get('title', '')}\n{' '.join(other)}\n"
        f"{html_to_text(draft.get('description'))}",
    )


def draft_from_job(job) -> dict:
    """The advice payload of a saved job (loaded by `jobs_for_scoring`)."""
    return {
        "title": job.title,
        "description": html_to_text(job.description),
        "skills": [r.skill.name for r in skills_of(job)],
        "level": job.experience_level,
        "min_years": job.min_years_experience,
        "city": job.city,
        "country": job.country,
        "remote_policy": job.remote_policy,
        "salary_min": job.salary_min,
        "salary_max": job.salary_max,
        "salary_currency": job.salary_currency,
        "salary_period": job.salary_period,
    }
