"""Reads for company pages and the API, with their joins done up front."""

from django.db.models import Case, IntegerField, Value, When

from companies.models import (
    Company,
    Invitation,
    Membership,
    MembershipRole,
    hash_invitation_token,
)

OPEN_JOBS_ON_COMPANY_PAGE = 50

_ROLE_ORDER = Case(
    When(role=MembershipRole.OWNER, then=Value(0)),
    When(role=MembershipRole.ADMIN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def company_list():
    """The public directory: every company, by name (filters applied by the API)."""
    return Company.objects.order_by("name", "id")


def company_by_slug(slug: str) -> Company | None:
    return Company.objects.filter(slug=slug).first()


def companies_for_user(user):
    """The companies a user belongs to, oldest membership first."""
    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.filter(memberships__user=user).order_by(
        "memberships__created_at", "id"
    )


def open_jobs_for_company(company: Company) -> list:
    """Published, unexpired jobs of a company, newest first.

    `jobs` is a higher layer: the reverse relation `company.jobs` exists only once
    the jobs app defines it, so this degrades to no jobs instead of failing.
    """
    manager = getattr(company, "jobs", None)
    if manager is None or not hasattr(manager, "published"):
        return []
    return list(
        manager.published()
        .select_related("agency")
        .order_by("-published_at", "-id")[:OPEN_JOBS_ON_COMPANY_PAGE]
    )


def team_for_company(company: Company):
    """Members with their users: owners first, then admins, then members."""
    return (
        company.memberships.select_related("user")
        .annotate(role_order=_ROLE_ORDER)
        .order_by("role_order", "created_at", "id")
    )


def pending_invitations(company: Company):
    return (
        Invitation.objects.open()
        .filter(company=company)
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation behind an emailed link (only the token's digest is stored)."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("company", "invited_by")
        .filter(token_hash=hash_invitation_token(token))
        .first()
    )


def invitation_for_invitee(user, pk: int) -> Invitation | None:
    """An invitation addressed to the signed-in user (the in-app notification
    links here, so no token is stored outside the email)."""
    if not user.is_authenticated:
        return None
    return (
        Invitation.objects.select_related("company", "invited_by")
        .filter(pk=pk, email__iexact=user.email)
        .first()
    )


def membership_in(company: Company, user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(company=company, user=user).first()
