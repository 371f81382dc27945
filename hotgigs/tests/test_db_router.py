"""The read-replica router, with "replica" mirroring "default" (same database)."""

import pytest
from django.db import connections, transaction
from django.test import override_settings

from accounts.models import User
from hotgigs import read_your_writes
from hotgigs.db_router import PrimaryReplicaRouter

ROUTED = override_settings(DATABASE_ROUTERS=["hotgigs.db_router.PrimaryReplicaRouter"])


@pytest.fixture(autouse=True)
def _close_replica(monkeypatch):
    # The mirror is a primary, never behind (read-your-writes is tested in
    # test_read_your_writes.py); without database access it could not say so.
    monkeypatch.setattr(
        read_your_writes, "_probe_replica", lambda: (True, read_your_writes.CAUGHT_UP)
    )
    read_your_writes.forget_replica_status()
    yield
    read_your_writes.forget_replica_status()
    # The mirror opens its own connection; close it so the test database can be
    # dropped at the end of the session.
    connections["replica"].close()


def _queries_on(alias, func):
    """Run func, return (its result, the SQL it ran on `alias`)."""
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(record):
        result = func()
    # A new connection first looks up PostgreSQL types (pg_type): not ours.
    return result, [sql for sql in queries if "accounts_user" in sql]


def test_reads_go_to_the_replica_and_writes_to_default():
    router = PrimaryReplicaRouter()

    assert router.db_for_read(User) == "replica"
    assert router.db_for_write(User) == "default"


def test_migrations_run_on_default_only():
    router = PrimaryReplicaRouter()

    assert router.allow_migrate("default", "jobs") is True
    assert router.allow_migrate("replica", "jobs") is False


def test_relations_between_the_two_aliases_are_allowed():
    router = PrimaryReplicaRouter()
    a, b, other = User(), User(), User()
    a._state.db, b._state.db, other._state.db = "default", "replica", "elsewhere"

    assert router.allow_relation(a, b) is True
    assert router.allow_relation(a, other) is None


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_orm_reads_use_the_replica_outside_transactions():
    with ROUTED:
        User.objects.create_user(email="dora@example.com", password="x-Secret-123")

        found, replica_sql = _queries_on(
            "replica", lambda: User.objects.get(email="dora@example.com")
        )

    assert found.email == "dora@example.com"
    assert found._state.db == "replica"
    assert len(replica_sql) == 1
    assert replica_sql[0].startswith("SELECT")


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reads_inside_atomic_stay_on_default():
    with ROUTED, transaction.atomic():
        User.objects.create_user(email="dora@example.com", password="x-Secret-123")
        found, replica_sql = _queries_on(
            "replica", lambda: User.objects.get(email="dora@example.com")
        )

    assert found._state.db == "default"
    assert replica_sql == []


def test_without_a_replica_alias_reads_stay_on_default(monkeypatch):
    monkeypatch.setattr(
        "hotgigs.db_router.connections",
        type("NoReplica", (), {"settings": {"default": {}}})(),
    )

    assert PrimaryReplicaRouter().db_for_read(User) == "default"
