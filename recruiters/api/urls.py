from django.urls import path
from rest_framework.routers import SimpleRouter

from recruiters.api.views import (
    AgencyEngagementViewSet,
    EngagementViewSet,
    PlacementViewSet,
    PoolViewSet,
    ReportView,
    SubmissionViewSet,
)

router = SimpleRouter()
router.register("recruiters/clients", EngagementViewSet, basename="recruiter-client")
router.register(
    "recruiters/agency-engagements",
    AgencyEngagementViewSet,
    basename="agency-engagement",
)
router.register("recruiters/pool", PoolViewSet, basename="recruiter-pool")
router.register(
    "recruiters/submissions", SubmissionViewSet, basename="recruiter-submission"
)
router.register(
    "recruiters/placements", PlacementViewSet, basename="recruiter-placement"
)

urlpatterns = [
    path("recruiters/reports/", ReportView.as_view(), name="recruiter-reports"),
    *router.urls,
]
