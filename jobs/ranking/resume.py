"""Resume analysis for a candidate's document, the profile changes it proposes,
and the target jobs the analysis page offers (`matching.engine.resume` reads
the text; this module brings the rows)."""

from __future__ import annotations

from candidates.models import CandidateProfile
from jobs.models import Job
from jobs.ranking.builders import skills_of
from matching.engine.resume import ResumeAnalysis, analyze_resume, profile_suggestions
from matching.skills import get_taxonomy


def resume_analysis_for(*, document, job=None) -> ResumeAnalysis:
    """The analysis of a document's text. Phone numbers are read in the resume's
    own country; failing that, in the owner's profile country."""
    job_skills = [r.skill.name for r in skills_of(job)] if job is not None else []
    country = (
        CandidateProfile.objects.filter(user_id=document.owner_id)
        .values_list("country", flat=True)
        .first()
    )
    return analyze_resume(
        document.extracted_text,
        taxonomy=get_taxonomy(),
        job_skills=job_skills,
        region=country or "",
    )


def profile_proposal_for(*, analysis: ResumeAnalysis, profile) -> dict:
    """What "Fill my profile from this resume" would change (nothing written)."""
    current = {
        "headline": profile.headline if profile else "",
        "skills": [r.name for r in skills_of(profile)] if profile else [],
        "years_experience": profile.years_experience if profile else None,
        "experience": [(e.title, e.employer_name) for e in profile.experience.all()]
        if profile
        else [],
        "education": [(e.degree, e.school) for e in profile.education.all()]
        if profile
        else [],
        "city": profile.city if profile else "",
        "country": profile.country if profile else "",
    }
    return profile_suggestions(analysis, current)


TARGET_JOB_LIMIT = 10


def target_jobs_for(*, query: str, limit: int = TARGET_JOB_LIMIT) -> list:
    """Published jobs whose title holds every word of `query`, newest first: the
    choices of the resume-analysis page's "target job" search box."""
    words = [w for w in query.split() if w][:6]
    if not words:
        return []
    qs = Job.objects.published().select_related("company")
    for word in words:
        qs = qs.filter(title__icontains=word)
    return list(qs.order_by("-published_at", "-id")[:limit])
