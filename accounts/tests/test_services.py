import pytest
from django.core.exceptions import ValidationError
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.services import (
    user_activate,
    user_change_password,
    user_deactivate,
    user_revoke_tokens,
    user_update_profile,
)


def test_user_update_profile_refuses_a_taken_email_and_keeps_the_old(alice, bob):
    with pytest.raises(ValidationError):
        user_update_profile(user=alice, email="Bob@Example.com", full_name="A")

    alice.refresh_from_db()
    assert (alice.email, alice.full_name) == ("alice@example.com", "Alice Candidate")


def test_user_revoke_tokens_blacklists_only_that_users_tokens(alice, bob):
    RefreshToken.for_user(alice)
    RefreshToken.for_user(alice)
    RefreshToken.for_user(bob)

    user_revoke_tokens(user=alice)
    user_revoke_tokens(user=alice)  # idempotent

    assert BlacklistedToken.objects.filter(token__user=alice).count() == 2
    assert BlacklistedToken.objects.filter(token__user=bob).count() == 0
    assert OutstandingToken.objects.count() == 3
    assert alice.tokens_valid_after is not None


def test_user_change_password_sets_the_cutoff(alice):
    user_change_password(user=alice, new_password="a-brand-new-passphrase")

    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-passphrase")
    assert alice.tokens_valid_after is not None


def test_user_deactivate_and_activate(alice):
    user_deactivate(user=alice)
    alice.refresh_from_db()
    assert alice.is_active is False
    assert alice.tokens_valid_after is not None

    user_activate(user=alice)
    alice.refresh_from_db()
    assert alice.is_active is True
