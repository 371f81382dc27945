"""The audit log of security-relevant actions: `record(...)` from services and
views, plus receivers for Django's sign-in signals (infrastructure, not business
logic). Staff read it in the admin; nobody edits it.

Call it inside the service's transaction, so a rolled-back action leaves no
entry; it never raises for a bad target (an audit entry must not break the
action it records)."""

import logging

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from accounts.models import AuditAction, AuditLog
from hotgigs.clientip import client_ip as hotgigs_client_ip

logger = logging.getLogger(__name__)

MAX_LABEL = 254


def client_ip(request) -> str | None:
    """The client address, X-Forwarded-For trusted only from our own proxies
    (settings.TRUSTED_PROXY_COUNT, see hotgigs/clientip.py)."""
    return hotgigs_client_ip(request)


def _target_fields(target) -> dict:
    if target is None:
        return {}
    meta = getattr(target, "_meta", None)
    return {
        "target_type": meta.label_lower if meta else type(target).__name__.lower(),
        "target_id": str(getattr(target, "pk", "") or "")[:64],
        "target_label": str(target)[:MAX_LABEL],
    }


def record(
    *,
    action: str,
    actor=None,
    request=None,
    target=None,
    actor_label: str = "",
    target_type: str = "",
    target_id: str = "",
    **details,
) -> AuditLog:
    """Write one audit entry. `actor` defaults to the request's user; `target`
    is a model instance (or give `target_type`/`target_id` for one that is
    going away); `details` must be JSON-serialisable (ids, names, old/new
    values — never secrets)."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not actor_label:
        actor_label = actor.email
    return AuditLog.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor_label[:MAX_LABEL],
        ip_address=client_ip(request),
        details=details,
        **(
            _target_fields(target)
            or {"target_type": target_type, "target_id": target_id}
        ),
    )


@receiver(user_logged_in, dispatch_uid="accounts.audit.logged_in")
def _on_logged_in(sender, request, user, **kwargs):
    record(action=AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="accounts.audit.logged_out")
def _on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(action=AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts.audit.login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    # The credentials are already cleansed by Django (password masked); keep only
    # the identifier that was tried.
    tried = str(credentials.get("username") or credentials.get("email") or "")
    record(
        action=AuditAction.LOGIN_FAILED,
        request=request,
        actor_label=tried[:MAX_LABEL],
    )
