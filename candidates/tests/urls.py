"""A URLconf with only what candidate pages need, so these tests do not depend on
half-built apps elsewhere in the tree (the real root URLconf includes the same)."""

from django.contrib import admin
from django.urls import include, path

from hotgigs import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("accounts.urls")),
    path("", include("candidates.urls")),
    path("api/v1/", include("candidates.api.urls")),
    path("admin/", admin.site.urls),
]
