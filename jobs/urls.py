from django.urls import include, path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_search, name="search"),
    path("jobs/new/", views.job_create_view, name="create"),
    path("jobs/<slug:slug>/", views.job_detail, name="detail"),
    path("jobs/<slug:slug>/edit/", views.job_edit, name="edit"),
    path("jobs/<slug:slug>/status/", views.job_status, name="status"),
    path("company-jobs/", views.company_jobs, name="company_jobs"),
    # The sub-domains' pages, under the same "jobs" namespace.
    path("", include("jobs.invites.urls")),
    path("", include("jobs.alerts.urls")),
    path("", include("jobs.applications.urls")),
]
