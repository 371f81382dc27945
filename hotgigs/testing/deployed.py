"""The suite's browser journeys against a running deployment of the site.

Registered from the root conftest.py; inactive unless `E2E_BASE_URL` is set.
`deploy/local-cluster journeys` sets it to the local cluster's proxy and runs the
test process in the cluster's own environment (`deploy/local-cluster env`): the
same database URL (through PgBouncer, as the web nodes), Redis (cache, rate
limits, channel layer), broker and Maildir. The journeys are the ordinary
tests, unchanged; what changes under them:

- `live_server` is the deployment (`E2E_BASE_URL`), not a server thread, and
  `asgi_live_server` is the same address (the proxy sends `/ws/` to daphne).
- The database is the site's own, not a throw-away test database. It is
  EMPTIED at the start (a journey expects nothing but what it builds) and
  flushed after each test, like any transactional test; never point this at
  data you want to keep. The nodes keep content-type ids in memory (the admin's
  log, account deletion), so those rows and the permissions that refer to them
  are serialized at the start and put back, with the same ids, before each test
  by Django's serialized rollback instead of being created anew. After the last
  test they are put back once more; `deploy/local-cluster journeys` then loads
  the demo data again.
- The nodes read from a streaming replica. Whatever this process writes (a
  fixture's rows, a service called in the middle of a journey) is committed on
  the primary; each commit here waits until the replica (`E2E_REPLICA_URL`,
  straight to the server) has replayed the primary's WAL up to that point,
  before the browser can ask a node for it.
- The nodes send email into their Maildir (`EMAIL_MAILDIR`), not into this
  process's `mail.outbox`: `finish_signup` reads the confirmation from there.
- Passwords this process sets are hashed with few PBKDF2 rounds: the nodes
  verify such hashes (the rounds are part of the hash) and upgrade them at the
  first sign-in, as they would an old hash; the suite's own MD5 hasher is one
  they do not know.
"""

import email
import email.policy
import mailbox
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

BASE_URL = os.environ.get("E2E_BASE_URL", "").rstrip("/")
REPLICA_URL = os.environ.get("E2E_REPLICA_URL", "")
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
REPLAY_TIMEOUT_SECONDS = 30
MAIL_TIMEOUT_SECONDS = 30


class FewRoundsPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1_000  # Django 5.2's own: 1,000,000


class DeployedSite:
    """What a test gets for `live_server`: the deployment's address in `url`."""

    def __init__(self, url):
        from django.test.utils import modify_settings

        self.url = url
        # pytest-django's helper turns this on around every live_server test.
        self._live_server_modified_settings = modify_settings(
            ALLOWED_HOSTS={"append": urlsplit(url).hostname}
        )

    def __str__(self):
        return self.url


# --- Mail the deployment sent ---------------------------------------------------
def _parse(file):
    return email.message_from_binary_file(file, policy=email.policy.default)


def maildir_messages(path):
    """{key: message} of every message delivered into the Maildir at `path`."""
    if not Path(path, "new").is_dir():
        return {}
    return dict(mailbox.Maildir(path, factory=_parse, create=False).items())


def plain_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def email_to(address, *, timeout=MAIL_TIMEOUT_SECONDS):
    """The plain text of the one email the deployment sent to `address`, waiting
    for it: a Celery worker sends it, a moment after the page has answered."""
    from django.conf import settings

    deadline = time.monotonic() + timeout
    while True:
        found = [
            plain_text(message)
            for message in maildir_messages(settings.EMAIL_MAILDIR).values()
            if address in message["To"]
        ]
        if found or time.monotonic() > deadline:
            assert len(found) == 1, f"{len(found)} emails to {address}"
            return found[0]
        time.sleep(0.2)


# --- The replica catching up with this process's writes -------------------------
_replica = threading.local()


def _replica_position():
    import psycopg2

    from hotgigs.read_your_writes import lsn_value

    connection = getattr(_replica, "connection", None)
    if connection is None or connection.closed:
        connection = psycopg2.connect(REPLICA_URL, application_name="e2e-replica-wait")
        connection.autocommit = True
        _replica.connection = connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_last_wal_replay_lsn()::text")
        return lsn_value(cursor.fetchone()[0])


def replica_catch_up(connection):
    """Wait until the replica has replayed the primary's WAL as far as it was
    written when this was called (so: past this connection's last commit)."""
    from hotgigs.read_your_writes import lsn_value

    if not getattr(connection, "replica_behind", False):
        return
    connection.replica_behind = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        written = lsn_value(cursor.fetchone()[0])
    deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    while (replayed := _replica_position()) < written:
        if time.monotonic() > deadline:
            pytest.fail(
                f"the replica replayed only to {replayed}, the primary wrote "
                f"{written}: {REPLAY_TIMEOUT_SECONDS} s behind"
            )
        time.sleep(0.005)


def _wait_for_the_replica(execute, sql, params, many, context):
    """Database execute wrapper: after a write commits (at once in autocommit,
    at the end of the transaction otherwise), wait for the replica."""
    result = execute(sql, params, many, context)
    if sql.lstrip()[:8].upper().startswith(WRITES):
        connection = context["connection"]
        connection.replica_behind = True
        # What transaction.on_commit does, on this very connection object.
        connection.on_commit(lambda: replica_catch_up(connection))
    return result


def _watch_writes(sender, connection, **kwargs):
    if connection.alias == "default" and (
        _wait_for_the_replica not in connection.execute_wrappers
    ):
        connection.execute_wrappers.append(_wait_for_the_replica)


# --- pytest -------------------------------------------------------------------------
def pytest_collection_modifyitems(items):
    """Every test that reaches the database commits (the nodes must see its
    rows) and restores the serialized content types before it runs."""
    if not BASE_URL:
        return
    for item in items:
        marker = item.get_closest_marker("django_db")
        uses = {"db", "transactional_db", "live_server"} & set(item.fixturenames)
        if marker is None and not uses:
            continue
        options = dict(marker.kwargs) if marker else {}
        options |= {"transaction": True, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(**options), append=False)


if BASE_URL:

    @pytest.fixture(scope="session")
    def live_server():
        return DeployedSite(BASE_URL)

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker):
        from itertools import chain

        from django.conf import global_settings
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType
        from django.core import serializers
        from django.core.management import call_command
        from django.db import connection, connections
        from django.db.backends.signals import connection_created
        from django.test.utils import override_settings

        if not REPLICA_URL:
            pytest.exit("E2E_BASE_URL needs E2E_REPLICA_URL (the replica it reads)")
        hashers = override_settings(
            PASSWORD_HASHERS=[
                f"{__name__}.FewRoundsPBKDF2PasswordHasher",
                *global_settings.PASSWORD_HASHERS,
            ]
        )
        hashers.enable()
        connection_created.connect(_watch_writes)
        _watch_writes(None, connection)  # this thread's, if already connected
        with django_db_blocker.unblock():
            baseline = serializers.serialize(
                "json",
                chain(
                    ContentType.objects.order_by("pk"),
                    Permission.objects.order_by("pk"),
                ),
            )
            # Where a test database keeps what its migrations wrote; Django's
            # serialized rollback restores it before each test. On the class:
            # under Playwright's event loop the test thread gets another
            # connection object than this fixture (asgiref's context-local).
            wrapper = type(connections["default"])
            wrapper._test_serialized_contents = baseline
            # Sequences as they are (flush restarts them by default): the next
            # content type a node creates would take a restored row's id.
            call_command(
                "flush",
                interactive=False,
                reset_sequences=False,
                inhibit_post_migrate=True,
                verbosity=0,
            )
        yield
        # The last test's flush left no content types: the nodes need theirs.
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(baseline)
        del wrapper._test_serialized_contents
        connection_created.disconnect(_watch_writes)
        hashers.disable()
