"""State changes of ranking: "Fill my profile from this resume" (through the
candidates services) and the refresh of the text component's idf table from the
newest published jobs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from candidates import services as candidate_services
from jobs.ranking.builders import job_texts_for_corpus
from matching.models import TextCorpus
from matching.services import CORPUS_TERMS, text_corpus_replace

# Newest published jobs read per refresh: document frequencies settle long
# before 20,000 documents.
CORPUS_SAMPLE = 20_000


def text_corpus_refresh(
    *, sample: int = CORPUS_SAMPLE, top_terms: int = CORPUS_TERMS
) -> TextCorpus:
    """The idf table (`matching.services.text_corpus_replace`) recomputed from
    the scoring text of the newest `sample` published jobs (daily beat task
    `jobs.tasks.refresh_text_corpus` and `manage.py refresh_text_corpus`)."""
    return text_corpus_replace(
        texts=job_texts_for_corpus(limit=sample), top_terms=top_terms
    )


EMPLOYER_UNKNOWN = "(from resume)"


def profile_fill_from_resume(
    *,
    user,
    proposal: dict,
    apply_headline: bool = True,
    skill_slugs: Iterable[str] | None = None,
    apply_experience: bool = True,
    apply_years: bool = True,
    apply_location: bool = True,
    apply_education: bool = True,
) -> dict[str, int]:
    """Apply a resume proposal (`jobs.ranking.resume.profile_proposal_for`) that the
    candidate confirmed; nothing is written without this call.

    The proposal is recomputed by the caller from the document at confirmation
    time, never taken from the request. `skill_slugs` limits the skills added (None:
    all proposed). Skills already in the profile are skipped, not duplicated. The
    headline is the latest role's title; the location fills only an empty one;
    experience rows get the company the resume names ("(from resume)" when it
    names none) and education rows the school, degree, field and year.
    """
    counts = {"headline": 0, "skills": 0, "experience": 0, "years": 0,
              "location": 0, "education": 0}  # fmt: skip
    with transaction.atomic():
        profile = candidate_services.profile_get_or_create(user=user)
        changed = False
        if apply_headline and proposal.get("headline") and not profile.headline:
            profile.headline = proposal["headline"][:200]
            counts["headline"] = 1
            changed = True
        location = proposal.get("location")
        if apply_location and location and not (profile.city or profile.country):
            profile.city = location.get("city", "")[:100]
            profile.region = location.get("region", "")[:100]
            profile.country = (location.get("country") or "")[:2].upper()
            counts["location"] = 1
            changed = True
        if apply_years and proposal.get("years_experience"):
            profile.years_experience = min(70, round(proposal["years_experience"]))
            counts["years"] = 1
            changed = True
        if changed:
            candidate_services.profile_save(profile=profile)
        wanted = None if skill_slugs is None else set(skill_slugs)
        for skill in proposal.get("skills_to_add", ()):
            if wanted is not None and skill["slug"] not in wanted:
                continue
            try:
                candidate_services.candidate_skill_save(
                    profile=profile,
                    name=skill["name"],
                    level=max(1, min(5, int(skill.get("level") or 3))),
                    years=0,
                )
                counts["skills"] += 1
            except candidate_services.DuplicateSkill:
                continue
        if apply_experience:
            for entry in proposal.get("experience_entries", ()):
                profile.experience.create(
                    title=entry["title"][:200],
                    employer_name=(entry.get("company") or EMPLOYER_UNKNOWN)[:200],
                    start_date=date.fromisoformat(entry["start"]),
                    end_date=date.fromisoformat(entry["end"]) if entry["end"] else None,
                    is_current=entry["end"] is None,
                )
                counts["experience"] += 1
        if apply_education:
            for entry in proposal.get("education_entries", ()):
                profile.education.create(
                    school=entry["school"][:200],
                    degree=entry["degree"][:200],
                    field_of_study=(entry.get("field") or "")[:200],
                    end_year=entry.get("end_year"),
                )
                counts["education"] += 1
        if counts["experience"] or counts["education"]:
            candidate_services.profile_changed(profile=profile)
    return counts
