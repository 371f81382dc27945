"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.generic.websocket import WebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import re_path  # noqa: E402

from hotgigs.routing import websocket_urlpatterns  # noqa: E402


class NoRouteConsumer(WebsocketConsumer):
    """An unknown WebSocket path: refuse the handshake (the server answers 403)
    instead of raising "No route found" and dropping the connection."""

    def connect(self):
        self.close()


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [*websocket_urlpatterns, re_path(r"", NoRouteConsumer.as_asgi())]
                )
            )
        ),
    }
)
