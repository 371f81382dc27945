from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.ratelimits import limit_posts
from hotgigs import health, views

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("companies.api.urls")),
    path("", include("candidates.api.urls")),
    path("", include("jobs.api.urls")),
    path("", include("documents.api.urls")),
    path("", include("matching.api.urls")),
    path("", include("jobs.ranking.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("analytics.api.urls")),
    path("", include("recruiters.api.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("accounts.urls")),
    path("", include("companies.urls")),
    path("", include("candidates.urls")),
    path("", include("jobs.urls")),
    path("", include("documents.urls")),
    path("", include("jobs.ranking.urls")),
    path("", include("notifications.urls")),
    path("", include("analytics.urls")),
    path("", include("recruiters.urls")),
    # The admin's sign-in counts against the site's sign-in limits (per IP and
    # per account, one budget for both forms); the rest of the admin as is.
    path(
        "admin/login/",
        limit_posts("login", email_field="username")(admin.site.login),
        name="admin-login",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the CSP forbids inline
    # scripts. Everything comes from our own static files (the sidecar), no CDN.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="hotgigs/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("metrics", health.metrics_view, name="metrics"),
    # Last: any other /api/ URL answers a JSON 404, even with DEBUG on.
    re_path(r"^api/", views.api_not_found),
]

handler400 = "hotgigs.views.bad_request"
handler403 = "hotgigs.views.permission_denied"
handler404 = "hotgigs.views.page_not_found"
handler500 = "hotgigs.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
