from django.urls import path

from analytics.api import views

urlpatterns = [
    path(
        "analytics/dashboard/",
        views.DashboardView.as_view(),
        name="analytics-dashboard",
    ),
    path(
        "analytics/jobs/<int:pk>/",
        views.JobAnalyticsView.as_view(),
        name="analytics-job",
    ),
    path(
        "analytics/platform/", views.PlatformView.as_view(), name="analytics-platform"
    ),
]
