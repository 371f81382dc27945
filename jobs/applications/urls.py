"""Pages of applications, included by jobs/urls.py (namespace "jobs")."""

from django.urls import path

from jobs.applications import views

urlpatterns = [
    path("jobs/<slug:slug>/apply/", views.apply, name="apply"),
    path("jobs/<slug:slug>/save/", views.save_job, name="save-job"),
    path("jobs/<slug:slug>/pipeline/", views.pipeline, name="pipeline"),
    path("jobs/<slug:slug>/pipeline/bulk/", views.pipeline_bulk, name="pipeline-bulk"),
    path("saved-jobs/", views.saved_jobs, name="saved-jobs"),
    path("applications/", views.my_applications, name="my-applications"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/withdraw/",
        views.withdraw,
        name="application-withdraw",
    ),
    path("applications/<int:pk>/move/", views.move, name="application-move"),
    path("applications/<int:pk>/notes/", views.add_note, name="application-note"),
    path("applications/<int:pk>/rating/", views.rate, name="application-rating"),
    path(
        "applications/<int:pk>/interviews/new/",
        views.interview_edit,
        name="interview-new",
    ),
    path(
        "applications/<int:pk>/interviews/<int:interview_pk>/edit/",
        views.interview_edit,
        name="interview-edit",
    ),
    path(
        "applications/<int:pk>/interviews/<int:interview_pk>/cancel/",
        views.interview_cancel_view,
        name="interview-cancel",
    ),
    path(
        "applications/<int:pk>/interviews/<int:interview_pk>.ics",
        views.interview_ics_download,
        name="interview-ics",
    ),
]
