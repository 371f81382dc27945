from django.urls import path

from jobs import views, views_alerts, views_invites

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_search, name="search"),
    path("jobs/new/", views.job_create_view, name="create"),
    path("jobs/<slug:slug>/", views.job_detail, name="detail"),
    path("jobs/<slug:slug>/edit/", views.job_edit, name="edit"),
    path("jobs/<slug:slug>/status/", views.job_status, name="status"),
    path("company-jobs/", views.company_jobs, name="company_jobs"),
    path(
        "candidates/<int:pk>/invite/",
        views_invites.candidate_invite,
        name="candidate-invite",
    ),
    path("alerts/", views_alerts.alert_list, name="alerts"),
    path("alerts/new/", views_alerts.alert_create, name="alert-create"),
    path("alerts/<int:pk>/delete/", views_alerts.alert_delete, name="alert-delete"),
]

# Applications, pipeline and saved jobs.
from jobs.urls_applications import urlpatterns as application_urlpatterns  # noqa: E402

urlpatterns += application_urlpatterns
