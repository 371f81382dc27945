"""The personal-data framework: discovery, export, account deletion."""

import json
import types

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from accounts import privacy
from accounts.models import User
from accounts.services import user_delete_account, user_export_data
from accounts.tests.factories import DEFAULT_PASSWORD


def fake_app(label, calls, *, export=True, erase=True, fail=False):
    module = types.ModuleType(f"{label}.privacy")
    if export:
        module.export = lambda user: {"email_seen": user.email, "app": label}
    if erase:

        def _erase(user):
            calls.append((label, User.objects.filter(pk=user.pk).exists()))
            if fail:
                raise RuntimeError(f"{label} could not erase")

        module.erase = _erase
    return (label, module)


@pytest.fixture
def calls():
    return []


@pytest.fixture
def fake_apps(monkeypatch, calls):
    modules = [
        fake_app("lower", calls),
        fake_app("exportonly", calls, erase=False),
        fake_app("higher", calls),
    ]
    monkeypatch.setattr(privacy, "app_privacy_modules", lambda: list(modules))
    return modules


def test_discovery_follows_installed_apps_and_skips_accounts(settings):
    labels = [label for label, _module in privacy.app_privacy_modules()]

    order = [name.rsplit(".", 1)[-1] for name in settings.INSTALLED_APPS]
    assert "accounts" not in labels
    assert labels == sorted(labels, key=order.index)
    for _label, module in privacy.app_privacy_modules():
        assert callable(getattr(module, "export", None)) or callable(
            getattr(module, "erase", None)
        )


def test_export_assembles_every_app_section(alice, fake_apps):
    data = user_export_data(user=alice)

    assert list(data) == ["account", "lower", "exportonly", "higher"]
    assert data["account"]["email"] == "alice@example.com"
    assert data["higher"] == {"email_seen": "alice@example.com", "app": "higher"}
    json.dumps(data)  # JSON-serialisable as is


def test_delete_erases_higher_apps_first_then_the_user(alice, bob, fake_apps, calls):
    user_delete_account(user=alice)

    assert calls == [("higher", True), ("lower", True)]
    assert list(User.objects.values_list("email", flat=True)) == ["bob@example.com"]


def test_a_failing_app_rolls_everything_back_and_keeps_files(
    alice, monkeypatch, calls, tmp_path, django_capture_on_commit_callbacks
):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("resume.pdf", ContentFile(b"%PDF-1.4"))
    deleter = types.ModuleType("files.privacy")
    deleter.erase = lambda user: privacy.delete_file_on_commit(storage, name)
    modules = [fake_app("lower", calls, fail=True), ("files", deleter)]
    monkeypatch.setattr(privacy, "app_privacy_modules", lambda: modules)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="lower could not erase"),
    ):
        user_delete_account(user=alice)

    assert callbacks == []
    assert storage.exists(name)
    assert User.objects.filter(pk=alice.pk).exists()


def test_files_are_deleted_once_the_deletion_commits(
    alice, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("resume.pdf", ContentFile(b"%PDF-1.4"))
    seen_during_transaction = []

    def erase(user):
        privacy.delete_file_on_commit(storage, name)
        seen_during_transaction.append(storage.exists(name))

    module = types.ModuleType("files.privacy")
    module.erase = erase
    monkeypatch.setattr(privacy, "app_privacy_modules", lambda: [("files", module)])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        user_delete_account(user=alice)

    assert seen_during_transaction == [True]
    assert len(callbacks) == 1
    assert not storage.exists(name)


def test_delete_file_on_commit_accepts_a_field_file(
    tmp_path, db, django_capture_on_commit_callbacks
):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("logo.png", ContentFile(b"png"))
    field_file = types.SimpleNamespace(storage=storage, name=name)

    with django_capture_on_commit_callbacks(execute=True):
        privacy.delete_file_on_commit(field_file)
        assert storage.exists(name)

    assert not storage.exists(name)


def test_empty_file_name_is_ignored(db):
    privacy.delete_file_on_commit(types.SimpleNamespace(storage=None, name=""))


# --- pages ------------------------------------------------------------------------


def test_download_my_data_page(client, alice, fake_apps):
    client.force_login(alice)

    response = client.get("/accounts/settings/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert (
        response["Content-Disposition"] == 'attachment; filename="hotgigs-my-data.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.com"
    assert list(data) == ["account", "lower", "exportonly", "higher"]


def test_download_my_data_needs_login_and_get(client, alice):
    assert client.get("/accounts/settings/export/").status_code == 302
    client.force_login(alice)
    assert client.post("/accounts/settings/export/").status_code == 405


def test_delete_page_needs_password_and_confirmation(client, alice, fake_apps, calls):
    client.force_login(alice)
    page = client.get("/accounts/settings/delete/")
    assert b'<label for="id_password">' in page.content

    wrong = client.post(
        "/accounts/settings/delete/", {"password": "wrong", "confirm": "on"}
    )
    unconfirmed = client.post(
        "/accounts/settings/delete/", {"password": DEFAULT_PASSWORD}
    )

    assert wrong.status_code == unconfirmed.status_code == 200
    assert list(wrong.context["form"].errors) == ["password"]
    assert list(unconfirmed.context["form"].errors) == ["confirm"]
    assert calls == []
    assert User.objects.filter(pk=alice.pk).exists()


def test_delete_page_deletes_and_signs_out(client, alice, fake_apps, calls):
    client.force_login(alice)

    response = client.post(
        "/accounts/settings/delete/", {"password": DEFAULT_PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert calls == [("higher", True), ("lower", True)]
    assert not User.objects.filter(pk=alice.pk).exists()
    assert "_auth_user_id" not in client.session


def test_delete_page_needs_login(client, db):
    response = client.post("/accounts/settings/delete/", {"password": "x"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_real_app_privacy_modules_export_for_a_fresh_user(alice):
    """Every app's export runs for a user with no data and stays serialisable."""
    data = user_export_data(user=alice)

    json.dumps(data)
    assert data["account"]["id"] == alice.pk
