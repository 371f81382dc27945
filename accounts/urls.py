from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/sent/", views.signup_sent, name="signup_sent"),
    path(
        "accounts/signup/confirm/<str:token>/",
        views.signup_confirm_view,
        name="signup_confirm",
    ),
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path(
        "accounts/password/change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("accounts/password/reset/", views.password_reset, name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/settings/export/", views.export_data, name="export"),
    path("accounts/settings/delete/", views.delete_account, name="delete"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
