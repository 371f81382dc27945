from rest_framework.routers import SimpleRouter

from matching.api.views import SkillViewSet

router = SimpleRouter()
router.register("ai/skills", SkillViewSet, basename="skill")

urlpatterns = router.urls
