"""Writes for companies, teams and invitations.

Every service is keyword-only, runs in a transaction and raises
`django.core.exceptions.ValidationError` (bad input) or `hotgigs.errors.NotAllowed`
(not allowed) with a message fit for the user; views and the API translate them.

The team rule that matters most: a company always keeps at least one owner. The
last owner can neither leave, be removed nor be demoted; the check locks the
company row so two concurrent demotions cannot both pass it.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts import audit
from accounts.models import AuditAction, Role, User
from companies import permissions
from companies.logos import process_logo
from companies.models import (
    Company,
    CompanyKind,
    Invitation,
    Membership,
    MembershipRole,
)
from hotgigs.errors import NotAllowed
from hotgigs.richtext import sanitize_html
from notifications.emails import email_enqueue
from notifications.models import NotificationKind
from notifications.services import notify, site_url

# Slugs that would collide with the pages under /companies/.
RESERVED_SLUGS = {"new"}

# Fields company_update accepts (kind and is_verified are not among them).
EDITABLE_FIELDS = (
    "name",
    "description",
    "website",
    "industry",
    "size",
    "hq_city",
    "hq_region",
    "hq_country",
)

# Invitations send email to addresses the company types in: cap the pending ones
# so a compromised or careless account cannot turn the platform into a mailer.
MAX_PENDING_INVITATIONS = 100

LAST_OWNER_MESSAGE = (
    "A company needs at least one owner: make someone else an owner first."
)


def _unique_slug(name: str, *, exclude_id=None) -> str:
    base = slugify(name)[:200] or "company"
    if base in RESERVED_SLUGS:
        base = f"{base}-company"
    slug, n = base, 2
    taken = Company.objects.exclude(pk=exclude_id)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_fields(company: Company, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown company fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        if name == "description":
            value = sanitize_html(value)
        elif name == "hq_country":
            value = (value or "").strip().upper()
        elif isinstance(value, str):
            value = value.strip()
        setattr(company, name, value)
    if "name" in fields and not company.name:
        raise ValidationError({"name": "A company needs a name."})
    company.full_clean(exclude=["slug", "logo", "logo_small", "logo_large"])


def company_kind_for(user) -> str:
    """Employers create employer companies, recruiters create agencies."""
    if user.role == Role.RECRUITER:
        return CompanyKind.AGENCY
    if user.role == Role.EMPLOYER:
        return CompanyKind.EMPLOYER
    raise NotAllowed("Only employer and recruiter accounts can create a company.")


@transaction.atomic
def company_create(*, user, name: str, kind: str | None = None, **fields) -> Company:
    """Create a company with `user` as its owner.

    The kind follows the user's role; passing a kind that contradicts it is an
    error rather than being silently ignored.
    """
    expected = company_kind_for(user)
    if kind and kind != expected:
        raise ValidationError(
            {
                "kind": f"A {user.get_role_display().lower()} account creates "
                f"{CompanyKind(expected).label.lower()} companies."
            }
        )
    company = Company(kind=expected)
    _clean_fields(company, {"name": name, **fields})
    company.slug = _unique_slug(company.name)
    company.save()
    Membership.objects.create(company=company, user=user, role=MembershipRole.OWNER)
    return company


@transaction.atomic
def company_create_unclaimed(*, agency_user, name: str, **fields) -> Company:
    """An employer company created by a recruiter for a client not on HotGigs yet:
    no members and unverified, so its own people can claim it later.

    Only recruiter accounts that belong to an agency may create one.
    """
    if not (
        agency_user.role == Role.RECRUITER
        and agency_user.memberships.filter(company__kind=CompanyKind.AGENCY).exists()
    ):
        raise NotAllowed("Only an agency's recruiters create client companies.")
    company = Company(kind=CompanyKind.EMPLOYER)
    _clean_fields(company, {"name": name, **fields})
    company.slug = _unique_slug(company.name)
    company.save()
    return company


@transaction.atomic
def company_update(*, user, company: Company, **fields) -> Company:
    if not permissions.can_manage_company(user, company):
        raise NotAllowed("Only owners and admins can edit the company.")
    _clean_fields(company, fields)
    company.save()
    return company


def _delete_files_on_commit(names):

    def delete():
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def company_set_logo(*, user, company: Company, upload) -> Company:
    """Validate and store a new logo (three sizes); the old files go on commit."""
    if not permissions.can_manage_company(user, company):
        raise NotAllowed("Only owners and admins can change the logo.")
    processed = process_logo(upload)
    old = [company.logo.name, company.logo_large.name, company.logo_small.name]
    company.logo.save(processed.original.name, processed.original, save=False)
    company.logo_large.save(processed.large.name, processed.large, save=False)
    company.logo_small.save(processed.small.name, processed.small, save=False)
    company.save(update_fields=["logo", "logo_large", "logo_small", "updated_at"])
    _delete_files_on_commit(old)
    return company


@transaction.atomic
def company_remove_logo(*, user, company: Company) -> Company:
    if not permissions.can_manage_company(user, company):
        raise NotAllowed("Only owners and admins can change the logo.")
    old = [company.logo.name, company.logo_large.name, company.logo_small.name]
    company.logo = company.logo_large = company.logo_small = ""
    company.save(update_fields=["logo", "logo_large", "logo_small", "updated_at"])
    _delete_files_on_commit(old)
    return company


@transaction.atomic
def company_verify(*, user, company: Company, verified: bool = True) -> Company:
    if not user.is_staff:
        raise NotAllowed("Only staff can verify companies.")
    if company.is_verified != verified:
        company.is_verified = verified
        company.save(update_fields=["is_verified", "updated_at"])
    return company


# --- invitations ---------------------------------------------------------------


def _invitation_email(invitation: Invitation) -> None:
    url = site_url(reverse("companies:invitation", kwargs={"token": invitation.token}))
    inviter = invitation.invited_by
    who = (inviter.full_name or inviter.email) if inviter else "A teammate"
    message = EmailMessage(
        subject=f"Join {invitation.company.name} on HotGigs",
        body=(
            f"{who} invited you to join {invitation.company.name} on HotGigs as "
            f"{invitation.get_role_display().lower()}.\n\n"
            f"Accept the invitation: {url}\n\n"
            f"The link works until {invitation.expires_at:%Y-%m-%d %H:%M} UTC. "
            "If you did not expect it, ignore this email."
        ),
        to=[invitation.email],
    )
    email_enqueue(message, purpose="invitation")


def _check_can_grant(user, company: Company, role: str) -> None:
    if role not in MembershipRole.values:
        raise ValidationError({"role": f"Unknown role “{role}”."})
    if role == MembershipRole.OWNER and not permissions.is_owner(user, company):
        raise NotAllowed("Only owners can make someone an owner.")


@transaction.atomic
def invitation_create(
    *, user, company: Company, email: str, role: str = MembershipRole.MEMBER
) -> Invitation:
    """Invite an address to the company and email it an accept link.

    Inviting an address that already has a pending invitation refreshes that
    invitation (new link, new expiry, new role) instead of adding a second one.
    """
    if not permissions.can_manage_company(user, company):
        raise NotAllowed("Only owners and admins can invite teammates.")
    _check_can_grant(user, company, role)
    email = (email or "").strip().lower()

    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Enter a valid email address."}) from None
    if company.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already on the team."})

    invitation = (
        Invitation.objects.select_for_update()
        .filter(company=company, email=email, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        if (
            Invitation.objects.open().filter(company=company).count()
            >= MAX_PENDING_INVITATIONS
        ):
            raise ValidationError(
                f"{company.name} has {MAX_PENDING_INVITATIONS} pending invitations; "
                "revoke some or wait for them to be accepted."
            )
        invitation = Invitation(company=company, email=email)
    else:
        invitation.issue_token()  # the earlier link stops working
        invitation.expires_at = Invitation().expires_at
    invitation.role = role
    invitation.invited_by = user
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        raise ValidationError({"email": f"{email} was invited a moment ago."}) from None
    # An address without an account gets the invitation by email; a user gets
    # one notification, in the app and by email as their preferences say (not
    # both, or they would receive two emails for one invitation).
    # Recorded in this transaction (an `OutgoingEmail`, or the notification row)
    # and sent by a task on commit: a mail or broker outage delays it, never loses it.
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    if invitee is None:
        _invitation_email(invitation)
    else:
        _invitation_notify(invitation, invitee)
    return invitation


def _invitation_notify(invitation: Invitation, invitee) -> None:
    """The invited address has an account: notify it (in-app and email)."""
    notify(
        recipients=[invitee],
        kind=NotificationKind.TEAM_INVITATION,
        title=f"Join {invitation.company.name} on HotGigs",
        body=f"You are invited as {invitation.get_role_display().lower()}.",
        # Token-free link: the notification row must not hold a working token.
        link=invitation.get_absolute_url(),
        actor=invitation.invited_by,
    )


@transaction.atomic
def invitation_revoke(*, user, invitation: Invitation) -> None:
    if not permissions.can_manage_company(user, invitation.company):
        raise NotAllowed("Only owners and admins can revoke invitations.")
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation was already accepted.")
    invitation.delete()


@transaction.atomic
def invitation_accept(*, user, invitation: Invitation) -> Membership:
    """The signed-in user whose address was invited joins the company."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not user.is_authenticated:
        raise NotAllowed("Sign in to accept the invitation.")
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation was already used.")
    if invitation.is_expired:
        raise ValidationError(
            "This invitation has expired. Ask the company for a new one."
        )
    if user.email.lower() != invitation.email.lower():
        raise NotAllowed(
            f"This invitation is for {invitation.email}; you are signed in as "
            f"{user.email}."
        )
    membership, created = Membership.objects.get_or_create(
        company=invitation.company, user=user, defaults={"role": invitation.role}
    )
    if not created:
        raise ValidationError("You are already a member of this company.")
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit.record(
        action=AuditAction.MEMBERSHIP_ADDED,
        actor=user,
        target=invitation.company,
        member=user.email,
        role=membership.role,
    )
    return membership


# --- memberships -----------------------------------------------------------------


def _lock_company(company: Company) -> None:
    Company.objects.select_for_update().filter(pk=company.pk).first()


def _is_last_owner(membership: Membership) -> bool:
    return (
        membership.role == MembershipRole.OWNER
        and not Membership.objects.filter(
            company_id=membership.company_id, role=MembershipRole.OWNER
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_change_role(*, user, membership: Membership, role: str) -> Membership:
    """Owners/admins change roles; only owners grant or take away ownership."""
    company = membership.company
    if not permissions.can_manage_company(user, company):
        raise NotAllowed("Only owners and admins can change roles.")
    _check_can_grant(user, company, role)
    if membership.role == MembershipRole.OWNER and not permissions.is_owner(
        user, company
    ):
        raise NotAllowed("Only owners can change an owner's role.")
    _lock_company(company)
    membership.refresh_from_db()
    if role == membership.role:
        return membership
    if _is_last_owner(membership):
        raise ValidationError(LAST_OWNER_MESSAGE, code="last_owner")
    old_role, membership.role = membership.role, role
    membership.save(update_fields=["role", "updated_at"])
    audit.record(
        action=AuditAction.MEMBERSHIP_ROLE_CHANGED,
        actor=user,
        target=company,
        member=membership.user.email,
        old=old_role,
        new=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, user, membership: Membership) -> None:
    """Owners/admins remove a teammate; removing yourself is leaving."""
    if membership.user_id == user.pk:
        return membership_leave(user=user, company=membership.company)
    company = membership.company
    if not permissions.can_manage_company(user, company):
        raise NotAllowed("Only owners and admins can remove teammates.")
    if membership.role == MembershipRole.OWNER and not permissions.is_owner(
        user, company
    ):
        raise NotAllowed("Only owners can remove an owner.")
    _lock_company(company)
    if _is_last_owner(membership):
        raise ValidationError(LAST_OWNER_MESSAGE, code="last_owner")
    membership.delete()
    audit.record(
        action=AuditAction.MEMBERSHIP_REMOVED,
        actor=user,
        target=company,
        member=membership.user.email,
        role=membership.role,
    )


@transaction.atomic
def membership_leave(*, user, company: Company) -> None:
    _lock_company(company)
    membership = Membership.objects.filter(company=company, user=user).first()
    if membership is None:
        raise ValidationError("You are not a member of this company.")
    if _is_last_owner(membership):
        raise ValidationError(LAST_OWNER_MESSAGE, code="last_owner")
    membership.delete()
    audit.record(
        action=AuditAction.MEMBERSHIP_REMOVED,
        actor=user,
        target=company,
        member=user.email,
        role=membership.role,
    )
