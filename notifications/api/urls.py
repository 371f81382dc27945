from rest_framework.routers import SimpleRouter

from notifications.api.views import (
    ConversationViewSet,
    NotificationViewSet,
    PreferenceViewSet,
)

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
router.register(
    "notification-preferences", PreferenceViewSet, basename="notification-preference"
)
router.register("conversations", ConversationViewSet, basename="conversation")

urlpatterns = router.urls
