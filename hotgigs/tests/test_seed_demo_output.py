"""`seed_demo` sends no email while seeding and ends with the banner."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_seed_demo_sends_no_email_and_ends_with_the_banner(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert mail.outbox == []
    text = out.getvalue()
    assert "emails of the seeding not sent." in text
    assert text.rstrip().splitlines()[-8:] == [
        "  HotGigs: open http://127.0.0.1:8123/",
        "  Demo logins (password hotgigs-demo):",
        "    candidate@hotgigs.test  candidate",
        "    employer@hotgigs.test   employer",
        "    teammate@hotgigs.test   employer",
        "    recruiter@hotgigs.test  recruiter",
        "    staff@hotgigs.test      staff (admin at /admin/)",
        "=" * 60,
    ]
