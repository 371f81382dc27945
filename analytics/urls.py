from django.urls import path

from analytics import views

app_name = "analytics"

urlpatterns = [
    path("insights/", views.insights, name="insights"),
    path("insights/jobs/<int:pk>/", views.job_insights, name="job"),
    path("insights/export/<slug:table>.csv", views.export_csv, name="export"),
]
