"""Email tasks. Each email is claimed before it is sent (at most once); a send
that fails while the mail server is down is retried with a growing delay, and
what is still unsent after that is queued again by the outbox sweepers
(`sweep_*`, beat; see hotgigs/outbox.py)."""

from smtplib import SMTPDataError, SMTPException, SMTPSenderRefused

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval

from notifications import emails

# The mail server refused or could not be reached: worth retrying.
MAIL_DOWN = (SMTPException, ConnectionError, TimeoutError, OSError)
# 30 s, 1, 2, 4, 8 minutes (jittered); then the sweeper takes over. The longest
# countdown stays well below CELERY_VISIBILITY_TIMEOUT.
RETRY = {
    "autoretry_for": MAIL_DOWN,
    "retry_backoff": 30,
    "retry_backoff_max": 10 * 60,
    "max_retries": 5,
}


@shared_task(**RETRY)
def send_notification_email(notification_id: int) -> bool:
    """Email one notification; safe to run twice (the second run sends nothing)."""
    return emails.send_notification_email(notification_id)


# A message the server refused on its own (the others may go through).
MESSAGE_REFUSED = (SMTPDataError, SMTPSenderRefused)


@shared_task(bind=True, max_retries=RETRY["max_retries"])
def send_notification_emails(self, notification_ids: list[int]) -> int:
    """Email a chunk of notifications (bulk notify, the sweeper). Each is claimed
    on its own. A message the server refuses does not stop the others; a server
    that cannot be reached stops the chunk (every send would wait on it). What
    was not sent is retried as a smaller chunk, with the same backoff."""
    sent, failed, error = 0, [], None
    for index, notification_id in enumerate(notification_ids):
        try:
            sent += emails.send_notification_email(notification_id)
        except MESSAGE_REFUSED as exc:
            failed.append(notification_id)
            error = exc
        except MAIL_DOWN as exc:
            failed.extend(notification_ids[index:])
            error = exc
            break
    if failed:
        countdown = get_exponential_backoff_interval(
            factor=RETRY["retry_backoff"],
            retries=self.request.retries,
            maximum=RETRY["retry_backoff_max"],
            full_jitter=True,
        )
        raise self.retry(args=[failed], exc=error, countdown=countdown)
    return sent


@shared_task(**RETRY)
def send_outgoing_email(outgoing_id: int) -> bool:
    """Send one outbox email (interview invitation, team invitation); idempotent."""
    return emails.send_outgoing_email(outgoing_id)


@shared_task
def send_email_digests() -> int:
    """Beat, daily: one digest email per user with waiting digest notifications."""
    sent = 0
    for user_id in emails.digest_recipients():
        if emails.send_digest(user_id):
            sent += 1
    return sent


@shared_task
def sweep_notification_emails() -> int:
    """Beat: queue again immediate notification emails unsent after the grace."""
    return emails.sweep_notification_emails()


@shared_task
def sweep_outgoing_emails() -> int:
    """Beat: queue again outbox emails unsent after the grace; purge sent ones."""
    return emails.sweep_outgoing_emails()
