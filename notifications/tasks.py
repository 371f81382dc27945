from smtplib import SMTPException

from celery import shared_task

from notifications import emails


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_notification_email(notification_id: int) -> bool:
    """Email one notification; safe to run twice (the second run sends nothing)."""
    return emails.send_notification_email(notification_id)


@shared_task
def send_email_digests() -> int:
    """Beat, daily: one digest email per user with waiting digest notifications."""
    sent = 0
    for user_id in emails.digest_recipients():
        if emails.send_digest(user_id):
            sent += 1
    return sent
