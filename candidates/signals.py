"""Receivers for lower apps' changes that candidate search shows.

Cached candidate-search pages carry the user's name (and, where the viewer may
see it, the email): accounts cannot call candidates, so candidates listens.
"""

from django.db import transaction

from candidates.search import bump_search_version

SHOWN_USER_FIELDS = {"full_name", "email"}


def user_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or not instance.is_candidate:
        return
    if update_fields is not None and not SHOWN_USER_FIELDS & set(update_fields):
        return

    transaction.on_commit(bump_search_version)
