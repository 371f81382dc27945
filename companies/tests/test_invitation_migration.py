"""Migration 0003 hashes the tokens of existing invitations; links already
emailed keep working."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("companies", "0002_invitation_alter_company_hq_country_and_more")]
AFTER = [("companies", "0003_invitation_token_hash")]


def test_existing_tokens_are_hashed_and_their_links_still_work(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    company = old.get_model("companies", "Company").objects.create(
        name="Oldco", slug="oldco"
    )
    old.get_model("companies", "Invitation").objects.create(
        company=company,
        email="late@example.com",
        token="emailed-long-ago-token",
        role="member",
        expires_at="2099-01-01T00:00:00Z",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from companies.models import Invitation

    (invitation,) = Invitation.objects.filter(email="late@example.com")
    assert (
        invitation.token_hash == hashlib.sha256(b"emailed-long-ago-token").hexdigest()
    )
    assert client.get("/invitations/emailed-long-ago-token/").status_code == 200
