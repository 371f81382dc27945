"""The WebSocket: only the recipient's events; session, JWT query and first-message
auth; anonymous and bad tokens refused."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework_simplejwt.tokens import RefreshToken

from hotgigs.asgi import application
from notifications import services
from notifications.models import NotificationKind

pytestmark = pytest.mark.django_db(transaction=True)

HEADERS = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


def _token(user):
    return str(RefreshToken.for_user(user).access_token)


async def _connect(path):
    communicator = WebsocketCommunicator(application, path, headers=HEADERS)
    connected, code = await communicator.connect()
    return communicator, connected, code


def test_recipient_receives_its_event_and_another_user_does_not(alice, bob):
    alice_token, bob_token = _token(alice), _token(bob)

    async def run():
        alice_ws, ok, _ = await _connect(f"/ws/notifications/?token={alice_token}")
        assert ok
        assert await alice_ws.receive_json_from() == {
            "type": "hello",
            "unread": 0,
            "unread_conversations": 0,
        }
        bob_ws, ok, _ = await _connect(f"/ws/notifications/?token={bob_token}")
        assert ok
        await bob_ws.receive_json_from()

        await sync_to_async(services.notify)(
            recipients=[alice], kind=NotificationKind.STAGE_CHANGED, title="Moved"
        )
        event = await alice_ws.receive_json_from(timeout=2)
        assert (event["type"], event["unread"], event["title"]) == (
            "notification",
            1,
            "Moved",
        )
        assert await bob_ws.receive_nothing(timeout=0.3)
        await alice_ws.disconnect()
        await bob_ws.disconnect()

    async_to_sync(run)()


def test_anonymous_socket_gets_nothing_and_is_closed(alice):
    async def run():
        ws, ok, _ = await _connect("/ws/notifications/")
        assert ok  # accepted only to read an auth message
        await ws.send_json_to({"type": "subscribe", "user": alice.pk})
        output = await ws.receive_output(timeout=1)
        assert output == {"type": "websocket.close", "code": 4401}

    async_to_sync(run)()


def test_a_bad_token_is_refused_at_the_handshake():
    async def run():
        ws, ok, code = await _connect("/ws/notifications/?token=not-a-jwt")
        assert (ok, code) == (False, 4401)

    async_to_sync(run)()


def test_first_message_jwt_auth(alice):
    token = _token(alice)

    async def run():
        ws, ok, _ = await _connect("/ws/notifications/")
        await ws.send_json_to({"type": "auth", "token": token})
        hello = await ws.receive_json_from(timeout=2)
        assert hello["type"] == "hello"
        await sync_to_async(services.notify)(
            recipients=[alice], kind=NotificationKind.JOB_ALERT, title="Jobs"
        )
        assert (await ws.receive_json_from(timeout=2))["unread"] == 1
        await ws.disconnect()

    async_to_sync(run)()


def test_session_auth(alice, client):
    async def run():
        await sync_to_async(client.force_login)(alice)
        cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
        communicator = WebsocketCommunicator(
            application, "/ws/notifications/", headers=[*HEADERS, (b"cookie", cookie)]
        )
        connected, _ = await communicator.connect()
        assert connected
        assert (await communicator.receive_json_from(timeout=2))["type"] == "hello"
        await communicator.disconnect()

    async_to_sync(run)()
