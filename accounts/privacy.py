"""Personal data export and erasure, across apps.

Each app may provide `<app>/privacy.py` with:

- `export(user) -> dict`: the app's data about the user, JSON-serialisable
  (strings, numbers, booleans, None, lists, dicts; dates as ISO 8601 strings);
- `erase(user) -> None`: delete or anonymise the app's personal data about the
  user, including stored files. It runs inside the account-deletion
  transaction: delete files with `delete_file_on_commit(...)` so that a failure
  in another app rolls everything back and leaves the files in place.

`accounts.services.user_export_data` / `user_delete_account` call them in
INSTALLED_APPS order (erase in reverse: higher layers first). This module is
also the accounts app's own privacy module (`export`, `erase`).
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.db import transaction


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


def export(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
    }


def erase(user) -> None:
    """The account row itself is deleted by `user_delete_account`."""
