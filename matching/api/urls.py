from django.urls import path
from rest_framework.routers import SimpleRouter

from matching.api import ai
from matching.api.views import OccupationViewSet, SkillViewSet

router = SimpleRouter()
router.register("ai/skills", SkillViewSet, basename="skill")
router.register("ai/occupations", OccupationViewSet, basename="occupation")

urlpatterns = router.urls + [
    path("ai/match/", ai.MatchView.as_view(), name="ai-match"),
    path(
        "ai/recommendations/",
        ai.RecommendationsView.as_view(),
        name="ai-recommendations",
    ),
    path(
        "ai/jobs/<int:pk>/candidates/",
        ai.RankedCandidatesView.as_view(),
        name="ai-job-candidates",
    ),
    path(
        "ai/resume-analysis/",
        ai.ResumeAnalysisView.as_view(),
        name="ai-resume-analysis",
    ),
    path("ai/target-jobs/", ai.TargetJobsView.as_view(), name="ai-target-jobs"),
    path("ai/job-advice/", ai.JobAdviceView.as_view(), name="ai-job-advice"),
]
