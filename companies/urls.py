from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("companies/new/", views.company_new, name="new"),
    path("companies/<slug:slug>/", views.company_detail, name="detail"),
    path("companies/<slug:slug>/settings/", views.company_settings, name="settings"),
    path("companies/<slug:slug>/team/", views.company_team, name="team"),
    path("companies/<slug:slug>/team/leave/", views.company_leave, name="leave"),
    path(
        "companies/<slug:slug>/team/<int:membership_id>/role/",
        views.member_role,
        name="member-role",
    ),
    path(
        "companies/<slug:slug>/team/<int:membership_id>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path(
        "companies/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "invitations/mine/<int:pk>/",
        views.invitation_mine,
        name="invitation-mine",
    ),
    path("invitations/<str:token>/", views.invitation_detail, name="invitation"),
]
