"""Account erasure removes the outbox's copies of emails to or about the person
(notifications.privacy._erase_outgoing_emails)."""

import pytest

from notifications.models import OutgoingEmail
from notifications.privacy import erase

pytestmark = pytest.mark.django_db


def _email(*, to, subject="Hello", body="Body"):
    return OutgoingEmail.objects.create(
        purpose="test", to=to, subject=subject, body=body
    )


def test_erasure_drops_emails_to_and_about_the_person(alice, bob):
    to_alice = _email(to=["ALICE@example.com"])
    naming_alice = _email(
        to=["team@acme.test"], subject="Interview", body="With Alice Candidate"
    )
    with_her_address = _email(to=["team@acme.test"], body="Reply to alice@example.com")
    to_bob = _email(to=["bob@example.com"], body="About Bob Candidate")

    erase(alice)

    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [to_bob.pk]
    assert not OutgoingEmail.objects.filter(
        pk__in=[to_alice.pk, naming_alice.pk, with_her_address.pk]
    ).exists()
