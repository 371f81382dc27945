from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/register/", views.RegisterView.as_view(), name="auth-register"),
    path(
        "auth/register/confirm/",
        views.RegisterConfirmView.as_view(),
        name="auth-register-confirm",
    ),
    path("auth/token/", views.TokenObtainView.as_view(), name="token-obtain"),
    path("auth/token/refresh/", views.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/password/", views.PasswordChangeView.as_view(), name="me-password"),
    path("me/export/", views.ExportView.as_view(), name="me-export"),
    path("me/delete/", views.DeleteAccountView.as_view(), name="me-delete"),
]
