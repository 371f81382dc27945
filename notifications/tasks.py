import logging
from smtplib import SMTPException

from celery import shared_task

from notifications import emails

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_notification_email(notification_id: int) -> bool:
    """Email one notification; safe to run twice (the second run sends nothing)."""
    return emails.send_notification_email(notification_id)


@shared_task
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email a chunk of notifications (bulk notify); each is claimed on its own, and
    one that fails is handed to ``send_notification_email`` with its own retries."""
    sent = 0
    for notification_id in notification_ids:
        try:
            sent += emails.send_notification_email(notification_id)
        except (SMTPException, ConnectionError, TimeoutError):
            try:
                send_notification_email.apply_async(
                    args=[notification_id], countdown=60
                )
            except Exception:  # eager mode: its retries already ran out
                logger.exception("email for notification %s failed", notification_id)
    return sent


@shared_task
def send_email_digests() -> int:
    """Beat, daily: one digest email per user with waiting digest notifications."""
    sent = 0
    for user_id in emails.digest_recipients():
        if emails.send_digest(user_id):
            sent += 1
    return sent
