from rest_framework.routers import SimpleRouter

from jobs.api.views import CompanyJobViewSet, JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")
router.register("company-jobs", CompanyJobViewSet, basename="company-job")

urlpatterns = router.urls
