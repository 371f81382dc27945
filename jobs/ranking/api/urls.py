"""/api/v1/ai/ scores, recommendations, ranked candidates, resume analysis and
job-posting advice (the taxonomy's /api/v1/ai/skills/ and /ai/occupations/ are
matching's)."""

from django.urls import path

from jobs.ranking.api import views

urlpatterns = [
    path("ai/match/", views.MatchView.as_view(), name="ai-match"),
    path(
        "ai/recommendations/",
        views.RecommendationsView.as_view(),
        name="ai-recommendations",
    ),
    path(
        "ai/jobs/<int:pk>/candidates/",
        views.RankedCandidatesView.as_view(),
        name="ai-job-candidates",
    ),
    path(
        "ai/resume-analysis/",
        views.ResumeAnalysisView.as_view(),
        name="ai-resume-analysis",
    ),
    path("ai/target-jobs/", views.TargetJobsView.as_view(), name="ai-target-jobs"),
    path("ai/job-advice/", views.JobAdviceView.as_view(), name="ai-job-advice"),
]
