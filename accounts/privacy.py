"""Personal data export and erasure, across apps.

Each app may provide `<app>/privacy.py` with:

- `export(user) -> dict`: the app's data about the user, JSON-serialisable
  (strings, numbers, booleans, None, lists, dicts; dates as ISO 8601 strings);
- `erase(user) -> None`: delete or anonymise the app's personal data about the
  user, including stored files. It runs inside the account-deletion
  transaction: delete files with `delete_file_on_commit(...)` so that a failure
  in another app rolls everything back and leaves the files in place.

and two sets of "app_label.Model.field" names, `EXPORTED` and `ERASED`: the
fields holding a user (or candidate profile) key whose rows the module exports
or erases. accounts/tests/test_privacy_coverage.py walks every model and fails
on a key that no module claims and no commented allow-list excuses, so a new
model holding personal data cannot be forgotten.

`accounts.services.user_export_data` / `user_delete_account` call them in
INSTALLED_APPS order (erase in reverse: higher layers first). This module is
also the accounts app's own privacy module (`export`, `erase`).
"""

import re
import sys
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from accounts.models import AuditLog, PendingSignup


@cache
def _discover() -> tuple[tuple[str, ModuleType], ...]:
    found = []
    for config in apps.get_app_configs():
        if config.name == "accounts":
            continue  # this module: its data is the "account" section
        name = f"{config.name}.privacy"
        try:
            spec = find_spec(name)
        except ModuleNotFoundError:
            spec = None
        if spec is None:
            continue
        module = import_module(name)
        if hasattr(module, "export") or hasattr(module, "erase"):
            found.append((config.label, module))
    return tuple(found)


def app_privacy_modules() -> list[tuple[str, ModuleType]]:
    """(app label, privacy module) for every installed app that has one, in
    INSTALLED_APPS order, accounts excluded."""
    return list(_discover())


def delete_file_on_commit(field_file_or_storage, name: str | None = None) -> None:
    """Delete a stored file once the surrounding transaction commits.

    Pass a FieldFile (`document.file`) or a storage and a name."""
    if name is None:
        storage, name = field_file_or_storage.storage, field_file_or_storage.name
    else:
        storage = field_file_or_storage
    if not name:
        return
    transaction.on_commit(lambda: storage.delete(name))


def _iso(value):
    return value.isoformat() if value is not None else None


EXPORTED = {"accounts.AuditLog.actor"}
ERASED = {
    "accounts.AuditLog.actor",
    "token_blacklist.OutstandingToken.user",
    # Django's admin history of a staff account goes with it (CASCADE); entries
    # about the erased user in other staff's history are anonymised below.
    "admin.LogEntry.user",
}


def all_claims() -> tuple[set[str], set[str]]:
    """(exported, erased) field names claimed by every privacy module."""

    modules = [sys.modules[__name__], *(m for _, m in app_privacy_modules())]
    exported = set().union(*(getattr(m, "EXPORTED", set()) for m in modules))
    erased = set().union(*(getattr(m, "ERASED", set()) for m in modules))
    return exported, erased


def export(user) -> dict:
    activity = AuditLog.objects.filter(actor=user).order_by("created_at", "id")
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "security_log": [
            {
                "action": a.action,
                "at": _iso(a.created_at),
                "ip_address": a.ip_address,
            }
            for a in activity
        ],
    }


def _scrub(value, pattern, replacement):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_scrub(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern, replacement) for k, v in value.items()}
    return value


def erase(user) -> None:
    """Anonymise the security record (audit log, admin history) and drop the
    user's API tokens. The account row itself is deleted by
    `user_delete_account`.

    Audit entries outlive the person (who did what stays provable) but name
    them only as "user #<id>": their email and name are replaced wherever an
    entry by them, about them, or with their address in it holds them."""

    label = f"user #{user.pk}"
    words = [re.escape(user.email)]
    if len(user.full_name.strip()) >= 3:  # a one-letter name would eat text
        words.append(re.escape(user.full_name.strip()))
    pattern = re.compile("|".join(words), re.IGNORECASE)
    entries = AuditLog.objects.filter(
        Q(actor=user)
        | Q(target_type="accounts.user", target_id=str(user.pk))
        | Q(actor_label__iexact=user.email)
        | Q(target_label__icontains=user.email)
        | Q(details__member__iexact=user.email)
    )
    for entry in entries:
        entry.actor_label = _scrub(entry.actor_label, pattern, label)
        entry.target_label = _scrub(entry.target_label, pattern, label)
        entry.details = _scrub(entry.details, pattern, label)
        entry.save(update_fields=["actor_label", "target_label", "details"])
    user_type = ContentType.objects.get_for_model(get_user_model())
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=label, change_message=""
    )
    OutstandingToken.objects.filter(user=user).delete()
    PendingSignup.objects.filter(email__iexact=user.email).delete()
