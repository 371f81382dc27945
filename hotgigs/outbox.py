"""Deferred work that survives a broker or mail-server outage.

Every piece of deferred work is recorded in the database in the same transaction
as the change that needs it, as the row's own state:

- a document's extraction: `Document.status == processing`;
- a notification's email: `email_mode == immediate` and `emailed_at IS NULL`;
- any other email (interview .ics, team invitation, sign-up confirmation,
  password reset): an unsent `notifications.OutgoingEmail` row; apps below
  notifications write it through Django's mail API with `outbox_connection`.

On commit the service publishes the task with `enqueue`, which never raises: with
the broker down it logs one line and the request answers as usual. A beat sweeper
per kind of work (`*.tasks.sweep_*`, every `OUTBOX_SWEEP_SECONDS`) re-queues what
is still not done `OUTBOX_GRACE_SECONDS` after it was recorded, and gives up after
`OUTBOX_GIVE_UP_SECONDS` (the row stays, for an operator). The tasks are
idempotent (docs/operations.md, "Background tasks"), so a task queued twice, by
its service and by the sweeper, does its work once.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

logger = logging.getLogger("hotgigs.outbox")

# One quick attempt: a web request must not wait on a dead broker. The work is
# recorded; the sweeper queues it again later.
PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}


def enqueue(task, *args, **kwargs) -> bool:
    """Queue `task(*args, **kwargs)`; False (logged, never raised) when it could
    not be queued (broker down) or, run inline (eager), when it failed."""
    try:
        if task.app.conf.task_always_eager:
            task.apply_async(args=args, kwargs=kwargs)
        else:
            task.apply_async(
                args=args, kwargs=kwargs, retry=True, retry_policy=PUBLISH_RETRY_POLICY
            )
    except Exception:  # the work is recorded; the sweeper queues it again
        logger.exception(
            "could not queue %s; the sweeper will queue it again", task.name
        )
        return False
    return True


def outbox_connection(purpose: str):
    """A mail connection that records each message in the outbox rather than
    sending it (`settings.OUTBOX_EMAIL_BACKEND`), for apps below notifications;
    call it inside the transaction of the change the email tells about."""
    return get_connection(settings.OUTBOX_EMAIL_BACKEND, purpose=purpose)


def sweep_window(now=None) -> tuple[datetime.datetime, datetime.datetime]:
    """(oldest, newest) creation times of work the sweeper re-queues: older than
    the grace period (its own task may still be on its way), younger than the
    give-up age."""
    now = now or timezone.now()
    return (
        now - datetime.timedelta(seconds=settings.OUTBOX_GIVE_UP_SECONDS),
        now - datetime.timedelta(seconds=settings.OUTBOX_GRACE_SECONDS),
    )
