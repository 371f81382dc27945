"""Live push over the channel layer: one group per user, events only for them.

Pushing is best effort: a channel layer outage must never fail the change that
caused the event (the badge catches up on the next page load).
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def push_to_user(user_id: int, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            user_group(user_id), {"type": "live.event", "event": event}
        )
    except Exception:
        logger.warning("live push to user %s failed", user_id, exc_info=True)


def push_to_users(events: dict[int, dict]) -> None:
    """Push one event to each of many users in one trip to the event loop."""
    layer = get_channel_layer()
    if layer is None or not events:
        return

    async def send_all():
        for user_id, event in events.items():
            try:
                await layer.group_send(
                    user_group(user_id), {"type": "live.event", "event": event}
                )
            except Exception:
                logger.warning("live push to user %s failed", user_id, exc_info=True)

    try:
        async_to_sync(send_all)()
    except Exception:
        logger.warning("live push to %s users failed", len(events), exc_info=True)
