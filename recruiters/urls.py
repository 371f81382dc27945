from django.urls import path

from recruiters import views

app_name = "recruiters"

urlpatterns = [
    path("recruiter/", views.dashboard, name="dashboard"),
    path("recruiter/clients/", views.client_list, name="clients"),
    path("recruiter/clients/new/", views.client_new, name="client_new"),
    path("recruiter/clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("recruiter/clients/<int:pk>/edit/", views.client_edit, name="client_edit"),
    path("recruiter/clients/<int:pk>/end/", views.client_end, name="client_end"),
    path(
        "recruiter/clients/<int:pk>/jobs/new/",
        views.client_job_new,
        name="client_job_new",
    ),
    path("recruiter/jobs/<int:pk>/edit/", views.client_job_edit, name="job_edit"),
    path("recruiter/jobs/<int:pk>/status/", views.client_job_status, name="job_status"),
    path("recruiter/pool/", views.pool, name="pool"),
    path("recruiter/pool/add/", views.pool_add, name="pool_add"),
    path("recruiter/pool/duplicates/", views.pool_duplicates, name="pool_duplicates"),
    path("recruiter/pool/<int:pk>/edit/", views.pool_edit, name="pool_edit"),
    path("recruiter/pool/<int:pk>/remove/", views.pool_remove, name="pool_remove"),
    path("recruiter/submissions/", views.submission_list, name="submissions"),
    path("recruiter/submissions/new/", views.submission_new, name="submission_new"),
    path(
        "recruiter/submissions/<int:pk>/withdraw/",
        views.submission_withdraw,
        name="submission_withdraw",
    ),
    path("recruiter/placements/", views.placement_list, name="placements"),
    path(
        "recruiter/placements/record/<int:application_id>/",
        views.placement_record,
        name="placement_record",
    ),
    path(
        "recruiter/placements/<int:pk>/",
        views.placement_detail,
        name="placement_detail",
    ),
    path("recruiter/reports/", views.report_page, name="reports"),
    path("recruiter/reports.csv", views.report_csv, name="reports_csv"),
    path("agency-engagements/", views.agency_engagements, name="agency_engagements"),
    path(
        "agency-engagements/new/",
        views.agency_engagement_new,
        name="agency_engagement_new",
    ),
    path(
        "agency-engagements/<int:pk>/<str:action>/",
        views.agency_engagement_action,
        name="agency_engagement_action",
    ),
    path("agency-submissions/", views.client_submissions, name="client_submissions"),
    path("recruiter-requests/", views.requests, name="requests"),
    path(
        "recruiter-requests/<int:pk>/<str:answer>/",
        views.request_answer,
        name="request_answer",
    ),
]
