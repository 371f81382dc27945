"""Job alert pages, included by jobs/urls.py (namespace "jobs")."""

from django.urls import path

from jobs.alerts import views

urlpatterns = [
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/new/", views.alert_create, name="alert-create"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="alert-delete"),
]
