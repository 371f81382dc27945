import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import User

CHANGELIST = "/admin/accounts/user/"


@pytest.fixture
def staff_client(client, sam):
    client.force_login(sam)
    return client


def test_changelist_search_and_filters(staff_client, alice, olivia):
    everyone = staff_client.get(CHANGELIST)
    found = staff_client.get(CHANGELIST, {"q": "olivia"})
    employers = staff_client.get(CHANGELIST, {"role__exact": "employer"})

    assert everyone.status_code == 200
    assert [u.email for u in found.context["cl"].result_list] == ["olivia@acme.test"]
    assert [u.email for u in employers.context["cl"].result_list] == [
        "olivia@acme.test"
    ]


def test_change_and_add_pages_render(staff_client, alice):
    assert staff_client.get(f"{CHANGELIST}{alice.pk}/change/").status_code == 200
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 200


def test_add_user_from_admin(staff_client, db):
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "email": "New@Example.com",
            "full_name": "New Hire",
            "role": "employer",
            "password1": "an-unusual-passphrase",
            "password2": "an-unusual-passphrase",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(full_name="New Hire")
    assert (user.email, user.role) == ("new@example.com", "employer")


def test_deactivate_action_revokes_tokens(staff_client, alice, bob):
    RefreshToken.for_user(alice)

    response = staff_client.post(
        CHANGELIST,
        {"action": "deactivate_users", "_selected_action": [alice.pk]},
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert alice.is_active is False
    assert alice.tokens_valid_after is not None
    assert bob.is_active is True
    assert BlacklistedToken.objects.filter(token__user=alice).count() == 1


def test_activate_action(staff_client, alice):
    alice.is_active = False
    alice.save()

    staff_client.post(
        CHANGELIST, {"action": "activate_users", "_selected_action": [alice.pk]}
    )

    alice.refresh_from_db()
    assert alice.is_active is True


def test_admin_delete_goes_through_the_privacy_framework(
    staff_client, alice, monkeypatch
):
    from accounts import privacy

    erased = []
    module = type("M", (), {"erase": staticmethod(lambda u: erased.append(u.pk))})
    monkeypatch.setattr(privacy, "app_privacy_modules", lambda: [("fake", module)])
    pk = alice.pk

    response = staff_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert erased == [pk]
    assert not User.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("persona", ["alice", "olivia"])
def test_non_staff_cannot_open_the_user_admin(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_pending_signups_are_listed_without_any_token(
    staff_client, db, django_capture_on_commit_callbacks
):
    from accounts.models import PendingSignup
    from accounts.signup import signup_request

    with django_capture_on_commit_callbacks(execute=True):
        signup_request(
            email="pat@example.com",
            password="an-unusual-passphrase",
            full_name="Pat Pending",
            role="candidate",
        )
    pending = PendingSignup.objects.get()

    listing = staff_client.get("/admin/accounts/pendingsignup/")
    detail = staff_client.get(f"/admin/accounts/pendingsignup/{pending.pk}/change/")

    assert listing.status_code == detail.status_code == 200
    assert b"pat@example.com" in listing.content
    for page in (listing, detail):
        assert pending.token_hash.encode() not in page.content
        assert b"token hash" not in page.content.lower()
