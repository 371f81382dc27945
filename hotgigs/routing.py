"""WebSocket routes. Each app that serves live updates adds its consumers here."""

websocket_urlpatterns = []
