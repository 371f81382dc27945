"""The ASGI application: WebSocket upgrades are answered, never ignored."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from hotgigs.asgi import application


def connect(path, origin=b"http://testserver"):
    async def run():
        communicator = WebsocketCommunicator(
            application, path, headers=[(b"origin", origin), (b"host", b"testserver")]
        )
        connected, _ = await communicator.connect()
        await communicator.disconnect()
        return connected

    return async_to_sync(run)()


@pytest.mark.django_db(transaction=True)
def test_unknown_websocket_path_is_refused_not_dropped():
    assert connect("/ws/no-such-route/") is False


@pytest.mark.django_db(transaction=True)
def test_websocket_from_a_foreign_origin_is_refused():
    assert connect("/ws/no-such-route/", origin=b"http://evil.test") is False
