"""WebSocket routes. Each app that serves live updates adds its consumers here."""

from notifications.routing import websocket_urlpatterns as notification_routes

websocket_urlpatterns = [*notification_routes]
