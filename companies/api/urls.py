from django.urls import path
from rest_framework.routers import SimpleRouter

from companies.api.views import CompanyViewSet, InvitationAcceptView

router = SimpleRouter()
router.register("companies", CompanyViewSet, basename="company")

urlpatterns = router.urls + [
    path(
        "invitations/<str:token>/accept/",
        InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
]
