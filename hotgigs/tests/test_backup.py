"""Backups: the documented pg_dump / pg_restore procedure (docs/operations.md)
restores a dump into a scratch database where the data is found.

PostgreSQL only. The test database's rows live in the test's transaction, so the
test writes its known row with a transactional_db fixture (committed), dumps the
test database with pg_dump, restores it with pg_restore into a scratch database
and reads the row back there."""

import shutil
import subprocess
import uuid

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not installed")


def _conninfo(dbname: str) -> list[str]:
    settings = connection.settings_dict
    args = ["--dbname", dbname, "--no-password"]
    if settings.get("HOST"):
        args += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", settings["USER"]]
    return args


def _env():
    import os

    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def test_a_dump_restores_into_a_scratch_database(postgres_only, tmp_path):
    from accounts.tests.factories import UserFactory
    from companies.tests.factories import CompanyFactory

    marker = uuid.uuid4().hex[:12]
    user = UserFactory(email=f"backup-{marker}@example.com", full_name="Back Up")
    company = CompanyFactory(name=f"Backup {marker}", slug=f"backup-{marker}")
    dump = tmp_path / "hotgigs.dump"
    scratch = f"hg_restore_{marker}"
    source = connection.settings_dict["NAME"]

    # 1. the documented dump: custom format, no owner/ACL (restorable anywhere)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(dump)]
        + _conninfo(source),
        check=True,
        env=_env(),
        timeout=120,
    )
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        # 2. the documented restore into an empty database
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", str(dump)]
            + _conninfo(scratch),
            check=True,
            env=_env(),
            timeout=300,
        )
        # 3. the data is there
        found = subprocess.run(
            [
                "psql",
                "--tuples-only",
                "--no-align",
                "--command",
                "SELECT u.email, c.name FROM accounts_user u, companies_company c "
                f"WHERE u.id = {user.pk} AND c.id = {company.pk}",
            ]
            + _conninfo(scratch),
            check=True,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
        migrated = subprocess.run(
            [
                "psql",
                "--tuples-only",
                "--no-align",
                "--command",
                "SELECT count(*) > 0 FROM django_migrations WHERE app = 'accounts'",
            ]
            + _conninfo(scratch),
            check=True,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')

    assert found == f"backup-{marker}@example.com|Backup {marker}"
    assert migrated == "t"
