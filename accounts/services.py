"""Account state changes: profile, password, token revocation, deletion
(sign-up is accounts/signup.py).

Pages, the API and the admin all call these, so a rule lives in one place.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)

from accounts import audit, privacy
from accounts.models import AuditAction, User
from accounts.selectors import email_is_taken
from accounts.tokens import token_family

EMAIL_TAKEN = "An account with this email address already exists."


def user_update_profile(
    *, user: User, full_name: str | None = None, email: str | None = None
) -> User:
    """Change the name and/or sign-in email (unique, case-insensitive)."""
    errors: dict[str, list[str]] = {}
    changed = []
    if full_name is not None:
        full_name = full_name.strip()
        if not full_name:
            errors["full_name"] = ["Enter your name."]
        elif full_name != user.full_name:
            user.full_name = full_name
            changed.append("full_name")
    if email is not None:
        email = User.objects.normalize_email(email)
        if not email:
            errors["email"] = ["Enter an email address."]
        elif email_is_taken(email=email, exclude_user=user):
            errors["email"] = [EMAIL_TAKEN]
        elif email != user.email:
            user.email = email
            changed.append("email")
    if errors:
        user.refresh_from_db(fields=["full_name", "email"])
        raise ValidationError(errors)
    if changed:
        try:
            with transaction.atomic():
                user.save(update_fields=changed)
        except IntegrityError:
            user.refresh_from_db(fields=["full_name", "email"])
            raise ValidationError({"email": [EMAIL_TAKEN]}) from None
    return user


def user_revoke_tokens(*, user: User) -> None:
    """Refuse every token issued so far: access tokens through
    `tokens_valid_after` (accounts.authentication), refresh tokens by
    blacklisting all of the user's outstanding ones."""
    now = timezone.now()
    with transaction.atomic():
        user.tokens_valid_after = now
        user.save(update_fields=["tokens_valid_after"])
        outstanding = OutstandingToken.objects.filter(
            user=user, expires_at__gt=now, blacklistedtoken__isnull=True
        )
        BlacklistedToken.objects.bulk_create(
            [BlacklistedToken(token=token) for token in outstanding],
            ignore_conflicts=True,
        )


def refresh_token_family_revoke(*, user: User, family: str, request=None) -> int:
    """A refresh token was used again after rotation: blacklist every
    outstanding refresh token of its family (accounts/tokens.py), so the
    thief's copy and the owner's both stop working. Returns how many."""

    now = timezone.now()
    with transaction.atomic():
        outstanding = [
            row
            for row in OutstandingToken.objects.filter(
                user=user, expires_at__gt=now, blacklistedtoken__isnull=True
            )
            if token_family(_stored_payload(row.token)) == family
        ]
        if not outstanding:
            return 0  # already revoked: a second replay changes nothing
        BlacklistedToken.objects.bulk_create(
            [BlacklistedToken(token=row) for row in outstanding],
            ignore_conflicts=True,
        )
        audit.record(
            action=AuditAction.TOKENS_REVOKED,
            actor=user,
            request=request,
            target=user,
            reason="refresh token reused after rotation",
            revoked=len(outstanding),
        )
    return len(outstanding)


def _stored_payload(raw: str) -> dict:
    """A token we issued and stored (OutstandingToken.token): no need to verify."""
    from rest_framework_simplejwt.state import token_backend

    try:
        return token_backend.decode(raw, verify=False)
    except Exception:  # noqa: BLE001 - an unreadable row belongs to no family
        return {}


def user_change_password(*, user: User, new_password: str) -> User:
    """Set a new password (already validated by the caller's form or
    serializer) and revoke every token issued before it."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        user_revoke_tokens(user=user)
        audit.record(action=AuditAction.PASSWORD_CHANGED, actor=user, target=user)
    return user


def user_deactivate(*, user: User) -> User:
    """Stop the account from signing in; its tokens stop working at once."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        user_revoke_tokens(user=user)
        audit.record(action=AuditAction.ACCOUNT_DEACTIVATED, target=user)
    return user


def user_activate(*, user: User) -> User:
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(action=AuditAction.ACCOUNT_ACTIVATED, target=user)
    return user


def user_export_data(*, user: User) -> dict:
    """Everything the platform holds about the user, app by app:
    `{"account": {...}, "<app label>": {...}}` (JSON-serialisable)."""
    data = {"account": privacy.export(user)}
    for label, module in privacy.app_privacy_modules():
        export = getattr(module, "export", None)
        if export is not None:
            data[label] = export(user)
    audit.record(action=AuditAction.DATA_EXPORTED, actor=user, target=user)
    return data


def user_delete_account(*, user: User) -> None:
    """Erase the user's personal data in every app (higher layers first, so
    nothing a lower app deletes is still needed above it), then the user.

    One transaction: if any app fails, nothing is erased. Apps delete stored
    files through `privacy.delete_file_on_commit`, so a rollback keeps them."""
    with transaction.atomic():
        for _label, module in reversed(privacy.app_privacy_modules()):
            erase = getattr(module, "erase", None)
            if erase is not None:
                erase(user)
        privacy.erase(user)
        # No email in the entry: the person asked to be forgotten.
        audit.record(
            action=AuditAction.ACCOUNT_DELETED,
            actor_label=f"user #{user.pk}",
            target_type="accounts.user",
            target_id=str(user.pk),
        )
        user.delete()
