from rest_framework.routers import SimpleRouter

from matching.api.views import OccupationViewSet, SkillViewSet

router = SimpleRouter()
router.register("ai/skills", SkillViewSet, basename="skill")
router.register("ai/occupations", OccupationViewSet, basename="occupation")

urlpatterns = router.urls
