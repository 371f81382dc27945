"""The invite page, included by jobs/urls.py (namespace "jobs")."""

from django.urls import path

from jobs.invites import views

urlpatterns = [
    path(
        "candidates/<int:pk>/invite/", views.candidate_invite, name="candidate-invite"
    ),
]
