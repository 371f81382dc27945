"""Email backends of our own: the outbox, and a Maildir for rigs.

`OutboxEmailBackend` records messages in the outbox instead of sending them.

Apps below notifications (accounts: sign-up confirmation, password reset) send
with Django's own mail API and this backend as their connection, named by
`settings.OUTBOX_EMAIL_BACKEND` and opened with `hotgigs.outbox.outbox_connection`,
so their emails survive a broker or mail-server outage like every other email:
the row is written in the caller's transaction and a task (or the sweeper)
sends it through `EMAIL_BACKEND`.

`MaildirEmailBackend` (settings: `EMAIL_MAILDIR`) delivers each message as one
file of a Maildir: written whole and then renamed into place, so several
processes (web nodes, Celery workers) deliver into one folder at once and a
reader (a test, `mutt -f`) never sees half a message. The local cluster uses it
so that its drills and the browser journeys run against it can read what the
site sent.
"""

import mailbox

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

from notifications.emails import email_enqueue


class OutboxEmailBackend(BaseEmailBackend):
    def __init__(self, *, purpose: str = "email", fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.purpose = purpose

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            email_enqueue(message, purpose=self.purpose)
        return len(email_messages)


class MaildirEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = mailbox.Maildir(settings.EMAIL_MAILDIR, create=True)
        for message in email_messages:
            folder.add(message.message().as_bytes())
        return len(email_messages)
