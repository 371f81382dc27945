"""/api/v1/ai/: match scores, recommendations, ranked candidates, resume analysis
and job-posting advice. Access rules live in jobs.ranking.permissions (shared
with the pages); reads in the jobs.ranking selectors."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates.permissions import can_view_profile
from documents.models import DocumentStatus
from hotgigs.api.errors import Conflict
from hotgigs.api.pagination import PageNumberPagination
from hotgigs.api.schema import errors
from jobs.ranking import selectors
from jobs.ranking.advice import draft_from_job, job_advice_for
from jobs.ranking.api.serializers import (
    JobAdviceInput,
    JobAdviceSerializer,
    MatchInput,
    MatchResultSerializer,
    RankedCandidateSerializer,
    RankedCandidatesInput,
    RecommendationSerializer,
    ResumeAnalysisInput,
    ResumeAnalysisSerializer,
    TargetJobSerializer,
    TargetJobsInput,
)
from jobs.ranking.builders import profile_for_scoring, profiles_for_scoring
from jobs.ranking.permissions import (
    own_document_or_404,
    require_candidate,
    team_job_or_404,
    visible_job_or_404,
)
from jobs.ranking.resume import (
    profile_proposal_for,
    resume_analysis_for,
    target_jobs_for,
)
from matching.engine.scoring import OptedOut

OPTED_OUT_MESSAGE = (
    "This candidate opted out of automated match scoring; "
    "their profile is not scored for employers."
)


def _candidate_profile_for_team(user, pk):
    """A profile the team member may see, loaded for scoring, else Http404."""
    profile = profiles_for_scoring().filter(pk=pk).first()
    if profile is None or not can_view_profile(user, profile):
        raise Http404("No such candidate.")
    return profile


class MatchView(APIView):
    """A match score with its components, skills and explanation.

    `?job=` alone: the signed-in candidate's own score. `&candidate=<profile id>`:
    for the job's team only (a candidate gets 403, anyone else off the team 404); a
    candidate who opted out of scoring answers 409.
    """

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("job", int, required=True),
            OpenApiParameter("candidate", int, description="Candidate profile id"),
        ],
        responses={
            200: MatchResultSerializer,
            **errors(
                not_found="No such job or candidate for you, or no profile yet.",
                conflict="The candidate opted out of automated match scoring.",
            ),
        },
    )
    def get(self, request):
        params = MatchInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        job_id = params.validated_data["job"]
        candidate_id = params.validated_data.get("candidate")
        if candidate_id is None:
            require_candidate(request.user)
            job = visible_job_or_404(request.user, pk=job_id)
            profile = profile_for_scoring(request.user)
            if profile is None:
                raise Http404("Create your profile first to see match scores.")
            result = selectors.match_for_candidate(profile=profile, job=job)
            return Response(MatchResultSerializer(result).data)
        job = team_job_or_404(request.user, pk=job_id)
        profile = _candidate_profile_for_team(request.user, candidate_id)
        try:
            result = selectors.match_for_employer(profile=profile, job=job)
        except OptedOut:
            raise Conflict(OPTED_OUT_MESSAGE) from None
        return Response(MatchResultSerializer(result).data)


class RecommendationsView(APIView):
    """The signed-in candidate's best published jobs, excluding applied ones."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=RecommendationSerializer(many=True))
    def get(self, request):
        require_candidate(request.user)
        profile = profile_for_scoring(request.user)
        if profile is None:
            return Response([])
        rows = selectors.recommendations_for(profile=profile)
        return Response(
            RecommendationSerializer(
                [{"job": job, "match": result} for job, result in rows], many=True
            ).data
        )


class RankedCandidatesView(APIView):
    """Candidates ranked for a job (team only): applicants, and with
    `applicants_only=false` (the default) matching visible profiles too. Candidates
    who opted out are listed last, unscored, with the reason."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[OpenApiParameter("applicants_only", bool)],
        responses=RankedCandidateSerializer(many=True),
    )
    def get(self, request, pk):
        job = team_job_or_404(request.user, pk=pk)
        params = RankedCandidatesInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = selectors.ranked_candidates_for_job(
            job=job, applicants_only=params.validated_data["applicants_only"]
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(_Rows(rows), request, view=self)
        page = selectors.explain_rows(ranking=rows, rows=page)
        return paginator.get_paginated_response(
            RankedCandidateSerializer(page, many=True).data
        )


class _Rows:
    """A list the shared paginator can slice and measure: its `capped_count` calls
    `.count()` on anything that has one, which a plain list's takes an argument."""

    def __init__(self, rows):
        self._rows = rows

    def __len__(self):
        return len(self._rows)

    def __getitem__(self, index):
        return self._rows[index]


def analysis_payload(document, analysis, proposal) -> dict:
    return {
        "document": document.pk,
        "contact": {
            "name": analysis.name,
            "location": analysis.location,
            "country": analysis.country,
            "phone_region": analysis.phone_region,
            "emails": list(analysis.emails),
            "phones": list(analysis.phones),
            "links": list(analysis.links),
        },
        "headline": analysis.headline,
        "sections": list(analysis.sections),
        "skills": [
            {
                "skill": {
                    "id": h.skill.id,
                    "slug": h.skill.slug,
                    "name": h.skill.name,
                    "category": h.skill.category,
                },
                "matched_text": h.matched_text,
                "line_no": h.line_no,
                "line": h.line,
            }
            for h in analysis.skills
        ],
        "experience_years": analysis.total_years,
        "roles": [
            {
                "title": r.title,
                "company": r.company,
                "start": r.start,
                "end": r.end,
                "start_label": r.start_label,
                "end_label": r.end_label,
                "years": r.years,
                "line": r.line,
            }
            for r in analysis.roles
        ],
        "education": [
            {
                "degree": e.degree,
                "field": e.field,
                "school": e.school,
                "year": e.year,
                "line": e.line,
            }
            for e in analysis.education
        ],
        "word_count": analysis.word_count,
        "pages": analysis.pages,
        "suggestions": [
            {
                "code": s.code,
                "severity": s.severity,
                "message": s.message,
                "passage": s.passage,
            }
            for s in analysis.suggestions
        ],
        "score": analysis.score,
        "score_parts": dict(analysis.score_parts),
        "profile_proposal": proposal,
    }


def ready_document(user, pk):
    """The user's own document with extracted text; 404 if not theirs, 400 if it
    is not ready or has no text to analyse."""
    document = own_document_or_404(user, pk)
    if document.status != DocumentStatus.READY:
        raise serializers.ValidationError(
            {"document": [f"The document is {document.status}, not ready."]}
        )
    if not document.extracted_text.strip():
        raise serializers.ValidationError(
            {"document": ["No text could be read from this document."]}
        )
    return document


class ResumeAnalysisView(APIView):
    """Analyse one of the candidate's own ready documents (optionally against a
    job's skills): contact, sections, skills with evidence, years, education,
    suggestions with severity and passage, a score with its parts, and the
    profile changes "Fill my profile" would propose."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=ResumeAnalysisInput,
        responses={
            200: ResumeAnalysisSerializer,
            **errors(not_found="No such document of yours, or no such job."),
        },
    )
    def post(self, request):
        if not request.user.is_candidate:
            raise PermissionDenied("Only candidates analyse their resumes.")
        params = ResumeAnalysisInput(data=request.data)
        params.is_valid(raise_exception=True)
        document = ready_document(request.user, params.validated_data["document"])
        job = None
        if params.validated_data.get("job"):
            job = visible_job_or_404(request.user, pk=params.validated_data["job"])
        analysis = resume_analysis_for(document=document, job=job)
        proposal = profile_proposal_for(
            analysis=analysis, profile=profile_for_scoring(request.user)
        )
        return Response(
            ResumeAnalysisSerializer(
                analysis_payload(document, analysis, proposal)
            ).data
        )


class TargetJobsView(APIView):
    """Published jobs whose title holds every word of `q` (at least two
    characters), newest first, at most 10: the "target job" search box of resume
    analysis. Any signed-in user."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses={200: TargetJobSerializer(many=True), **errors()},
    )
    def get(self, request):
        params = TargetJobsInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        jobs = target_jobs_for(query=params.validated_data["q"])
        return Response(TargetJobSerializer(jobs, many=True).data)


def advice_payload(result) -> dict:
    advice = result.advice
    band = advice.salary_band
    return {
        "suggested_skills": [
            {"name": s.name, "jobs": s.jobs, "share": s.share}
            for s in advice.suggested_skills
        ],
        "comparable_jobs": result.comparable_jobs,
        "salary_band": None
        if band is None
        else {
            "p25": band.p25,
            "p50": band.p50,
            "p75": band.p75,
            "sample_size": band.sample_size,
            "currency": result.salary_currency,
            "basis": result.salary_basis,
        },
        "salary_basis": result.salary_basis,
        "wording": [
            {
                "term": w.term,
                "why": w.why,
                "replacement": w.replacement,
                "passage": w.passage,
            }
            for w in advice.wording
        ],
        "comparable_by_occupation": result.comparable_by_occupation,
        "occupation": None
        if result.occupation is None
        else {"code": result.occupation.code, "title": result.occupation.title},
        "missing_fields": list(advice.missing_fields),
        "too_short": list(advice.too_short),
        "description_words": advice.description_words,
        "vague": list(advice.vague),
        "reading_ease": advice.reading_ease,
        "reading_level": advice.reading_level,
        "candidates_at_60_plus": advice.candidates_at_threshold or 0,
        "candidates_scored": result.candidates_scored,
    }


class JobAdviceView(APIView):
    """Advice for a job of the member's company (`{"job": id}`) or for a draft
    payload (title, description, skills, level, country, salary…). Employers and
    recruiters only: candidates get 403."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=JobAdviceInput,
        responses={
            200: JobAdviceSerializer,
            **errors(not_found="No such job of your company."),
        },
    )
    def post(self, request):
        if request.user.is_candidate:
            raise PermissionDenied(
                "Job-posting advice is for employers and recruiters."
            )
        params = JobAdviceInput(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        if "job" in data:
            job = team_job_or_404(request.user, pk=data["job"])
            result = job_advice_for(draft=draft_from_job(job), exclude_job_id=job.pk)
        else:
            result = job_advice_for(draft=dict(data))
        return Response(JobAdviceSerializer(advice_payload(result)).data)
