"""`/ws/notifications/`: the signed-in user's live events (badge counts, messages).

Authentication: the session cookie (AuthMiddlewareStack), a JWT access token in
``?token=`` (``JWTAuthMiddleware``), or — so tokens stay out of URLs and logs — a
first message ``{"type": "auth", "token": "<access>"}``. Until authenticated the
socket receives nothing; any other first message, or a bad token, closes it with
4401. The socket joins only its own user's group, so it only ever sees that user's
events.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.live import user_group
from notifications.middleware import user_for_token
from notifications.selectors import (
    unread_conversation_count,
    unread_notification_count,
)

UNAUTHORIZED = 4401


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group = None

    async def connect(self):
        if self.scope.get("jwt_error"):
            await self.close(code=UNAUTHORIZED)
            return
        await self.accept()
        user = self.scope.get("user")
        if user is not None and user.is_authenticated:
            await self._join(user)

    async def _join(self, user):
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        counts = await database_sync_to_async(_counts)(user)
        await self.send_json({"type": "hello", **counts})

    async def receive_json(self, content, **kwargs):
        if self.group is not None:
            if isinstance(content, dict) and content.get("type") == "ping":
                await self.send_json({"type": "pong"})
            return
        token = content.get("token") if isinstance(content, dict) else None
        if content.get("type") != "auth" or not isinstance(token, str):
            await self.close(code=UNAUTHORIZED)
            return
        user = await user_for_token(token)
        if user is None:
            await self.close(code=UNAUTHORIZED)
            return
        self.scope["user"] = user
        await self._join(user)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            await super().receive(text_data=text_data, bytes_data=bytes_data, **kwargs)
        except ValueError:  # not JSON
            if self.group is None:
                await self.close(code=UNAUTHORIZED)

    async def disconnect(self, code):
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def live_event(self, message):
        await self.send_json(message["event"])


def _counts(user) -> dict:
    return {
        "unread": unread_notification_count(user),
        "unread_conversations": unread_conversation_count(user),
    }
