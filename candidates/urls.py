from django.urls import path

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile"),
    path(
        "profile/<slug:section>/",
        views.profile_section_save,
        name="profile-section",
    ),
    path("candidates/", views.search, name="search"),
    path("candidates/<int:pk>/", views.detail, name="detail"),
    path("candidates/<int:pk>/message/", views.message_candidate, name="message"),
    path("candidates/saved/", views.saved_search_create, name="saved-search-create"),
    path(
        "candidates/saved/<int:pk>/delete/",
        views.saved_search_delete,
        name="saved-search-delete",
    ),
]
