from rest_framework.routers import SimpleRouter

from candidates.api import views

router = SimpleRouter()
router.register(
    "candidates/me/skills", views.MySkillViewSet, basename="candidate-me-skill"
)
router.register(
    "candidates/me/experience",
    views.MyExperienceViewSet,
    basename="candidate-me-experience",
)
router.register(
    "candidates/me/education",
    views.MyEducationViewSet,
    basename="candidate-me-education",
)
router.register("candidates", views.CandidateViewSet, basename="candidate")
router.register(
    "saved-candidate-searches",
    views.SavedCandidateSearchViewSet,
    basename="saved-candidate-search",
)

urlpatterns = router.urls
