from django.urls import path

from notifications.consumers import NotificationConsumer
from notifications.middleware import JWTAuthMiddleware

websocket_urlpatterns = [
    path("ws/notifications/", JWTAuthMiddleware(NotificationConsumer.as_asgi())),
]
