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
