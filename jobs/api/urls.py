from django.urls import path
from rest_framework.routers import SimpleRouter

from jobs.api.alerts import SavedSearchViewSet
from jobs.api.applications import (
    ApplicationViewSet,
    ApplyView,
    InterviewViewSet,
    SavedJobViewSet,
)
from jobs.api.autocomplete import JobAutocompleteView
from jobs.api.views import CompanyJobViewSet, JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")
router.register("company-jobs", CompanyJobViewSet, basename="company-job")
# Applications.
router.register("applications", ApplicationViewSet, basename="application")
router.register("interviews", InterviewViewSet, basename="interview")
router.register("saved-jobs", SavedJobViewSet, basename="saved-job")
# Job alerts.
router.register("saved-searches", SavedSearchViewSet, basename="saved-search")

urlpatterns = [
    # Before the router: "autocomplete" is not a job id.
    path(
        "jobs/autocomplete/",
        JobAutocompleteView.as_view(),
        name="job-autocomplete",
    ),
    path("jobs/<int:pk>/apply/", ApplyView.as_view(), name="job-apply"),
    *router.urls,
]
