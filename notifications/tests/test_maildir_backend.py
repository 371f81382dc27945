"""The Maildir email backend: each message one whole file, readable by anyone
with the standard library (the local cluster's drills and journeys read it)."""

import email
import email.policy
import mailbox

from django.core import mail


def _parse(file):
    return email.message_from_binary_file(file, policy=email.policy.default)


def test_each_message_is_a_file_of_the_maildir(settings, tmp_path):
    settings.EMAIL_BACKEND = "notifications.backends.MaildirEmailBackend"
    settings.EMAIL_MAILDIR = str(tmp_path / "mail")
    html = mail.EmailMultiAlternatives(
        "Interview with Zoë", "Tomorrow at 10:30 — Zoë", to=["alice@example.com"]
    )
    html.attach_alternative("<p>Tomorrow at 10:30 — Zoë</p>", "text/html")

    sent = mail.get_connection().send_messages(
        [mail.EmailMessage("Welcome", "Hello Bob", to=["bob@example.com"]), html]
    )

    delivered = dict(mailbox.Maildir(tmp_path / "mail", factory=_parse).items())
    messages = sorted(delivered.values(), key=lambda m: m["To"])
    assert sent == 2
    assert sorted(p.name for p in (tmp_path / "mail" / "new").iterdir()) == sorted(
        delivered
    )
    assert [(m["To"], m["Subject"]) for m in messages] == [
        ("alice@example.com", "Interview with Zoë"),
        ("bob@example.com", "Welcome"),
    ]
    plain = messages[0].get_body(preferencelist=("plain",)).get_content()
    assert plain == "Tomorrow at 10:30 — Zoë"
    assert messages[1].get_content() == "Hello Bob"
