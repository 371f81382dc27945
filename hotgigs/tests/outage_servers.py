"""Throwaway servers for outage tests: a Redis broker and an SMTP
server, each on a free loopback port, stopped and started by the test.

`broker` also points this process's Celery app at that Redis (not eager), and
reads and runs what was queued, as a worker would; `smtp` is an aiosmtpd server
that keeps every message it accepted.
"""

import base64
import email
import json
import shutil
import socket
import subprocess
import time
from email import policy

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class RedisBroker:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.dir)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if _listening(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def _redis(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port)

    @staticmethod
    def _decode(raw):
        message = json.loads(raw)
        args, kwargs, _ = json.loads(base64.b64decode(message["body"]))
        return message["headers"]["task"], args, kwargs

    def peek(self) -> list[tuple[str, list, dict]]:
        """The queued tasks, oldest first: (name, args, kwargs)."""
        client = self._redis()
        try:
            return [
                self._decode(raw) for raw in reversed(client.lrange("celery", 0, -1))
            ]
        finally:
            client.close()

    def take(self) -> list[tuple[str, list, dict]]:
        """Remove and return the queued tasks, oldest first."""
        client = self._redis()
        found = []
        while (raw := client.rpop("celery")) is not None:
            found.append(self._decode(raw))
        client.close()
        return found

    def work(self) -> list[tuple[str, object]]:
        """Run every queued task once in this process, as a worker would; a task
        that raises is reported as failed (a worker would retry it later)."""
        from hotgigs.celery import app

        ran = []
        for name, args, kwargs in self.take():
            try:
                ran.append((name, app.tasks[name](*args, **kwargs)))
            except Exception as exc:  # noqa: BLE001 - a worker logs any failure
                ran.append((name, type(exc).__name__))
        return ran


def _reset_pools(app):
    """Forget the app's connections (kombu keeps its pools in a global registry)."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    """A stopped Redis broker this process's Celery app publishes to."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    from hotgigs.celery import app

    server = RedisBroker(tmp_path)
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    _reset_pools(app)
    app.conf.broker_url, app.conf.task_always_eager = server.url, False
    yield server
    _reset_pools(app)
    app.conf.broker_url, app.conf.task_always_eager = saved
    server.stop()


class SMTPServer:
    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=policy.default)
        )
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self) -> list[tuple[str, str]]:
        return sorted((m["To"], m["Subject"]) for m in self.messages)


@pytest.fixture
def smtp(settings):
    """A stopped SMTP server that Django's SMTP backend sends to."""
    pytest.importorskip("aiosmtpd")
    server = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
