"""Ranking pages: the "why" panel, recommendations, ranked candidates, posting
advice and resume analysis, under the namespace "ranking" (included by the
root URLconf)."""

from django.urls import path

from jobs.ranking import views

app_name = "ranking"

# /jobs/recommended/ would be taken by jobs' /jobs/<slug>/ (included first), so
# recommendations live at /recommendations/.
urlpatterns = [
    path("recommendations/", views.recommendations, name="recommendations"),
    path("jobs/<slug:slug>/match/", views.job_match, name="job-match"),
    path("jobs/<slug:slug>/ranked/", views.ranked_candidates, name="ranked"),
    path("jobs/<slug:slug>/advice/", views.job_advice, name="advice"),
    path("resume-analysis/", views.resume_analysis, name="resume-analysis"),
    path("resume-analysis/<int:pk>/fill/", views.resume_fill, name="resume-fill"),
]
