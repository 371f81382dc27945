"""Ranking pages: the "why" panel with similar jobs, recommendations, ranked
candidates, job-posting advice and resume analysis with "Fill my profile".

Access rules come from jobs.ranking.permissions (shared with the API); every
page's context is built by the jobs.ranking selectors, so templates never query.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from documents.models import Document, DocumentStatus
from jobs.ranking import selectors, services
from jobs.ranking.advice import draft_from_job, job_advice_for
from jobs.ranking.builders import profile_for_scoring
from jobs.ranking.permissions import (
    own_document_or_404,
    require_candidate,
    team_job_or_404,
    visible_job_or_404,
)
from jobs.ranking.pools import RECENT_DAYS
from jobs.ranking.resume import (
    profile_proposal_for,
    resume_analysis_for,
    target_jobs_for,
)

RANKED_PAGE_SIZE = 50


def job_match(request, slug):
    """The job's "why" panel for a signed-in candidate, and similar jobs for all."""
    job = visible_job_or_404(request.user, slug=slug)
    result = profile = None
    if request.user.is_authenticated and request.user.is_candidate:
        profile = profile_for_scoring(request.user)
        if profile is not None:
            result = selectors.match_for_candidate(profile=profile, job=job)
    context = {
        "job": job,
        "result": result,
        "has_profile": profile is not None,
        "similar": selectors.similar_jobs(job=job) if job.is_public else [],
    }
    return render(request, "ranking/job_match.html", context)


@login_required
def recommendations(request):
    require_candidate(request.user)
    profile = profile_for_scoring(request.user)
    rows = selectors.recommendations_for(profile=profile) if profile else []
    return render(
        request,
        "ranking/recommendations.html",
        {
            "rows": rows,
            "has_profile": profile is not None,
            "recent_days": RECENT_DAYS,
        },
    )


@login_required
def ranked_candidates(request, slug):
    job = team_job_or_404(request.user, slug=slug)
    applicants_only = request.GET.get("applicants_only") in ("1", "true", "on")
    rows = selectors.ranked_candidates_for_job(job=job, applicants_only=applicants_only)
    return render(
        request,
        "ranking/ranked.html",
        {
            "job": job,
            "rows": selectors.explain_rows(ranking=rows, rows=rows[:RANKED_PAGE_SIZE]),
            "total": len(rows),
            "applicants_only": applicants_only,
        },
    )


@login_required
def job_advice(request, slug):
    job = team_job_or_404(request.user, slug=slug)
    result = job_advice_for(draft=draft_from_job(job), exclude_job_id=job.pk)
    return render(request, "ranking/advice.html", {"job": job, "result": result})


def _documents_for(user):
    return list(
        Document.objects.visible()
        .owned_by(user)
        .filter(status=DocumentStatus.READY)
        .order_by("-created_at", "-id")
    )


def _job_label(job) -> str:
    return f"{job.title} — {job.company.name}"


def _target_job(request, context):
    """The target job: the one chosen in the search box (`job`, its slug, set by
    the suggestions), else found by the typed title (`job_title`). Several
    matches become choices; none is said, and the analysis runs without one."""
    title = " ".join(request.GET.get("job_title", "").split())[:200]
    slug = request.GET.get("job", "").strip()[:220]
    if slug:
        try:
            job = visible_job_or_404(request.user, slug=slug)
        except Http404:
            job = None
        typed = title.casefold()
        if job is not None and (
            not typed or typed in (job.title.casefold(), _job_label(job).casefold())
        ):
            return job
        if job is None and not title:
            context["error"] = "No such job; analysed without one."
            return None
    if not title:
        return None
    # A suggestion reads "Title — Company": search by its title part.
    matches = target_jobs_for(query=title.split(" — ")[0])
    exact = [
        j
        for j in matches
        if title.casefold() in (j.title.casefold(), _job_label(j).casefold())
    ]
    if len(matches) == 1 or len(exact) == 1:
        return (exact or matches)[0]
    if matches:
        context["job_choices"] = matches
        context["error"] = f"Several open jobs match “{title}”; choose one below."
    else:
        context["error"] = f"No open job matches “{title}”; analysed without one."
    return None


@login_required
def resume_analysis(request):
    """Choose a ready document (and optionally a target job, by title) → analysis
    and suggestions."""
    require_candidate(request.user)
    documents = _documents_for(request.user)
    context = {
        "documents": documents,
        "analysis": None,
        "error": "",
        "job_title": " ".join(request.GET.get("job_title", "").split())[:200],
    }
    raw = request.GET.get("document")
    status = 200
    if raw:
        try:
            document = own_document_or_404(request.user, int(raw))
        except (ValueError, OverflowError, Http404):
            context["error"] = "Choose one of your documents."
            status = 400
        else:
            if document not in documents or not document.extracted_text.strip():
                context["error"] = "This document has no text ready to analyse."
                status = 400
            else:
                job = _target_job(request, context)
                analysis = resume_analysis_for(document=document, job=job)
                context.update(
                    document=document,
                    analysis=analysis,
                    job=job,
                    job_title=_job_label(job) if job else context["job_title"],
                    proposal=profile_proposal_for(
                        analysis=analysis,
                        profile=profile_for_scoring(request.user),
                    ),
                )
    return render(request, "ranking/resume_analysis.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def resume_fill(request, pk):
    """Preview the profile changes a resume proposes; apply them on confirmation.

    The proposal is recomputed from the document on POST; the request only says
    which parts to apply.
    """
    require_candidate(request.user)
    document = own_document_or_404(request.user, pk)
    if not document.extracted_text.strip():
        raise PermissionDenied("This document has no text to read.")
    analysis = resume_analysis_for(document=document)
    proposal = profile_proposal_for(
        analysis=analysis, profile=profile_for_scoring(request.user)
    )
    if request.method == "POST":
        counts = services.profile_fill_from_resume(
            user=request.user,
            proposal=proposal,
            apply_headline="headline" in request.POST,
            skill_slugs=request.POST.getlist("skills"),
            apply_experience="experience" in request.POST,
            apply_years="years" in request.POST,
            apply_location="location" in request.POST,
            apply_education="education" in request.POST,
        )
        messages.success(
            request,
            f"Profile updated: {counts['skills']} skills, "
            f"{counts['experience']} experience and "
            f"{counts['education']} education entries added.",
        )
        return redirect("ranking:resume-fill", pk=document.pk)
    return render(
        request,
        "ranking/resume_fill.html",
        {"document": document, "proposal": proposal},
    )
