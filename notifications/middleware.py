"""Channels middleware: a JWT access token in ``?token=`` authenticates a socket.

Runs inside AuthMiddlewareStack, so a session user is kept when no token is given;
a token that does not validate marks the scope (``jwt_error``) and the consumer
refuses the handshake.
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware

from accounts.authentication import JWTAuthentication


def _user_for_token(raw: str):
    from rest_framework.exceptions import AuthenticationFailed
    from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

    auth = JWTAuthentication()
    try:
        validated = auth.get_validated_token(raw.encode())
        user = auth.get_user(validated)
    except (InvalidToken, TokenError, AuthenticationFailed):
        return None
    return user if user.is_active else None


user_for_token = database_sync_to_async(_user_for_token)


class JWTAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        tokens = query.get("token")
        if tokens:
            user = await user_for_token(tokens[0])
            scope = dict(scope)
            if user is None:
                scope["jwt_error"] = True
            else:
                scope["user"] = user
        return await super().__call__(scope, receive, send)
