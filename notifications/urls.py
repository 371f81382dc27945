from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.centre, name="centre"),
    path("notifications/read/", views.mark_read, name="mark-read"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path("messages/", views.inbox, name="inbox"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/block/", views.block, name="block"),
    path(
        "messages/application/<int:application_id>/",
        views.start_for_application,
        name="start-application",
    ),
]
