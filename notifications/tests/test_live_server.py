"""The WebSocket over a real server: daphne in a subprocess, the Redis channel
layer between it and this test process, a real WebSocket client (websocket-client).

`notify()` runs here, in the test process; the event crosses Redis to the daphne
process and reaches only the recipient's socket.
"""

import json

import pytest
import websocket
from django.conf import settings
from rest_framework_simplejwt.tokens import RefreshToken

from notifications import services
from notifications.models import NotificationKind

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ws_url(asgi_live_server):
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL: the server and the test share the channel layer")
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis")
    return asgi_live_server.replace("http://", "ws://") + "/ws/notifications/"


def _open(url, origin, **kwargs):
    return websocket.create_connection(url, timeout=30, origin=origin, **kwargs)


def _origin(ws_url):
    return ws_url.replace("ws://", "http://").removesuffix("/ws/notifications/")


def _token(user):
    return str(RefreshToken.for_user(user).access_token)


def test_real_server_delivers_the_recipients_event_and_not_another_users(
    ws_url, alice, bob
):
    origin = _origin(ws_url)
    # Alice authenticates with a first message (token out of the URL), Bob in the
    # query string: both ways through the real server.
    alice_ws = _open(ws_url, origin)
    bob_ws = _open(f"{ws_url}?token={_token(bob)}", origin)
    try:
        alice_ws.send(json.dumps({"type": "auth", "token": _token(alice)}))
        assert json.loads(alice_ws.recv()) == {
            "type": "hello",
            "unread": 0,
            "unread_conversations": 0,
        }
        assert json.loads(bob_ws.recv())["type"] == "hello"

        (row,) = services.notify(
            recipients=[alice], kind=NotificationKind.STAGE_CHANGED, title="Moved"
        )

        event = json.loads(alice_ws.recv())
        assert event == {
            "type": "notification",
            "unread": 1,
            "id": row.pk,
            "kind": "stage_changed",
            "title": "Moved",
            "link": "",
        }
        bob_ws.settimeout(1.0)
        with pytest.raises(websocket.WebSocketTimeoutException):
            bob_ws.recv()
        # Bob's socket is alive, just told nothing: his own event still arrives.
        services.notify(recipients=[bob], kind=NotificationKind.NEW_MESSAGE, title="B")
        bob_ws.settimeout(30)
        assert json.loads(bob_ws.recv())["title"] == "B"
        alice_ws.settimeout(1.0)
        with pytest.raises(websocket.WebSocketTimeoutException):
            alice_ws.recv()
    finally:
        alice_ws.close()
        bob_ws.close()


def test_real_server_refuses_a_bad_token_and_an_anonymous_socket(ws_url, alice):
    origin = _origin(ws_url)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _open(f"{ws_url}?token=not-a-jwt", origin)
    assert refused.value.status_code == 403

    anonymous = _open(ws_url, origin)
    try:
        anonymous.send(json.dumps({"type": "subscribe", "user": alice.pk}))
        opcode, frame = anonymous.recv_data_frame()
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert int.from_bytes(frame.data[:2], "big") == 4401
    finally:
        anonymous.close()
