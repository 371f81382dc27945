"""Matching in other apps' pages.

Two kinds of helpers live here:

- filters over precomputed scores (`score_for`, `score_band`): they never compute
  or query. `{% with r=scores|score_for:key %}…` — `scores` is a dict built in one
  batch (e.g. `{application.pk: MatchResult}`).
- page-level composition for pages owned by lower apps (`job_match_panel` on the
  job page, `applicant_scores` on the pipeline board). jobs sits below matching's
  wiring (matching.selectors reads jobs and candidates), so jobs' views cannot call
  matching.selectors; templates are the presentation layer, on top of every app, and
  may load this library. Each tag calls one batch selector once per page render, so
  the page's query count stays fixed (see docs/architecture.md).
"""

from django import template

from matching import selectors

register = template.Library()


@register.filter
def score_for(scores, key):
    """The precomputed result for `key`, or None."""
    if not scores:
        return None
    return scores.get(key)


@register.filter
def score_band(score):
    """ "high" (75+), "medium" (50–74) or "low": a CSS hook for the pill."""
    if score is None:
        return ""
    return "high" if score >= 75 else "medium" if score >= 50 else "low"


@register.inclusion_tag("matching/_job_page_panels.html", takes_context=True)
def job_match_panel(context, job, user):
    """The "why" panel for a signed-in candidate and similar jobs for everyone.

    2 queries for the job with its skills, 3 for the candidate's profile (with
    skills and experience) and 2 or 3 for similar jobs (cached ids, then the rows),
    whatever the number of skills or similar jobs.
    """
    result = profile = None
    is_candidate = bool(user.is_authenticated and user.is_candidate)
    if is_candidate or job.is_public:
        # The job again with its skills loaded once for scoring and similarity.
        job = selectors.jobs_for_scoring().get(pk=job.pk)
    if is_candidate:
        profile = selectors.profile_for_scoring(user)
        if profile is not None:
            result = selectors.match_for_candidate(profile=profile, job=job)
    return {
        "job": job,
        "user": user,
        "request": context.get("request"),
        "result": result,
        "is_candidate": is_candidate,
        "has_profile": profile is not None,
        "similar": selectors.similar_jobs(job=job) if job.is_public else [],
    }


@register.simple_tag
def applicant_scores(job) -> dict:
    """`{% applicant_scores job as scores %}`: {application pk: MatchResult or None}
    for the job's applicants, from one `ranked_applicants` batch (a fixed number of
    queries whatever the number of applications). None means "not scored": the
    candidate opted out; an application missing from the dict has no profile."""
    return {
        row.application.pk: row.result
        for row in selectors.ranked_applicants(job=job)
        if row.application is not None
    }
