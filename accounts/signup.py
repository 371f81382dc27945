"""Sign-up without account enumeration.

`signup_request` answers the same whether or not the address has an account:
- a new address gets a link to confirm it; the account is created only when the
  link is used (`signup_confirm`), with the password chosen at sign-up;
- an address that has an account gets an email telling its owner that someone
  tried to sign up with it, with a link to reset the password.
Both branches hash the password and write an outbox email (hotgigs.outbox) in
the same transaction, so the time taken does not tell them apart either, and a
broker or mail-server outage delays the email rather than losing it. Pages and
API both call these services.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import PendingSignup, Role, User
from hotgigs.outbox import outbox_connection

CONFIRM_TTL = timedelta(days=2)
LINK_INVALID = "This link is invalid or has expired. Sign up again to get a new one."
SENT = (
    "Check your inbox: we sent an email to that address. Follow it to finish "
    "signing up."
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _validate(*, email: str, password: str, full_name: str, role: str) -> dict:
    errors: dict[str, list[str]] = {}
    if not full_name:
        errors["full_name"] = ["Enter your name."]
    if role not in Role.values:
        errors["role"] = [f"Choose one of: {', '.join(Role.values)}."]
    if not email:
        errors["email"] = ["Enter an email address."]
    try:
        password_validation.validate_password(
            password, user=User(email=email, full_name=full_name, role=role)
        )
    except ValidationError as exc:
        errors["password"] = exc.messages
    return errors


@transaction.atomic
def signup_request(*, email: str, password: str, full_name: str, role: str) -> None:
    """Validate the sign-up and email the address; the caller answers `SENT`
    whatever happened. Raises ValidationError keyed by field for bad input (the
    same rules whether or not the address is known)."""
    email = User.objects.normalize_email(email or "")
    full_name = (full_name or "").strip()
    errors = _validate(email=email, password=password, full_name=full_name, role=role)
    if errors:
        raise ValidationError(errors)
    password_hash = make_password(password)  # in both branches: same timing
    now = timezone.now()
    PendingSignup.objects.filter(created_at__lt=now - CONFIRM_TTL).delete()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.is_active:
            _email_existing_owner(existing)
        return
    token = secrets.token_urlsafe(32)
    PendingSignup.objects.create(
        email=email,
        full_name=full_name,
        role=role,
        password=password_hash,
        token_hash=hash_token(token),
        created_at=now,
    )
    _email_confirmation(email, full_name, token)


def _email_confirmation(email: str, full_name: str, token: str) -> None:
    url = _site(reverse("accounts:signup_confirm", kwargs={"token": token}))
    send_mail(
        subject="Confirm your email to finish signing up to HotGigs",
        message=(
            f"Hello {full_name},\n\n"
            "Someone (we hope you) signed up to HotGigs with this address. To "
            f"confirm it and open your account, follow this link:\n\n{url}\n\n"
            f"The link works once, for {CONFIRM_TTL.days} days. If you did not "
            "sign up, ignore this email: no account is created.\n\n— HotGigs"
        ),
        from_email=None,
        recipient_list=[email],
        connection=outbox_connection("signup"),
    )


def _email_existing_owner(user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    reset = _site(
        reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
        )
    )
    login = _site(reverse("accounts:login"))
    send_mail(
        subject="Someone tried to sign up to HotGigs with your address",
        message=(
            f"Hello {user.get_short_name()},\n\n"
            "Someone just tried to create a HotGigs account with this address, "
            "which already has one. Nothing was changed.\n\n"
            f"If it was you, sign in: {login}\n"
            f"Forgot your password? Choose a new one: {reset}\n\n"
            "If it was not you, you can ignore this email.\n\n— HotGigs"
        ),
        from_email=None,
        recipient_list=[user.email],
        connection=outbox_connection("signup"),
    )


def pending_signup_for(token: str) -> PendingSignup | None:
    """The live pending sign-up behind a link's token, or None."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return PendingSignup.objects.filter(
        token_hash=hash_token(token),
        created_at__gte=timezone.now() - CONFIRM_TTL,
    ).first()


@transaction.atomic
def signup_confirm(*, token: str) -> User:
    """Create the account of a confirmed sign-up (the link's token); raises
    ValidationError({"token": [LINK_INVALID]}) for an unknown, used or expired
    link, or when the address got an account in the meantime."""
    pending = pending_signup_for(token)
    if pending is None or User.objects.filter(email__iexact=pending.email).exists():
        raise ValidationError({"token": [LINK_INVALID]})
    user = User(email=pending.email, full_name=pending.full_name, role=pending.role)
    user.password = pending.password
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # a concurrent confirmation of the same address won
        raise ValidationError({"token": [LINK_INVALID]}) from None
    PendingSignup.objects.filter(email__iexact=pending.email).delete()
    return user
