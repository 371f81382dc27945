"""Access rules for companies: plain predicates used by pages and API alike,
and the DRF permission classes built over the same predicates."""

from rest_framework import permissions as drf_permissions

from companies.models import Company, Membership, MembershipRole


def membership_for(user, company: Company) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(company=company, user=user).first()


def is_member(user, company: Company) -> bool:
    """Any member (owner, admin, member) sees the company's jobs and pipelines."""
    return (
        user.is_authenticated
        and Membership.objects.filter(company=company, user=user).exists()
    )


def can_manage_company(user, company: Company) -> bool:
    """Owners and admins edit the company and manage its team."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            company=company,
            user=user,
            role__in=[MembershipRole.OWNER, MembershipRole.ADMIN],
        ).exists()
    )


def is_owner(user, company: Company) -> bool:
    """Only owners grant or take away ownership."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            company=company, user=user, role=MembershipRole.OWNER
        ).exists()
    )


def can_create_company(user) -> bool:
    return user.is_authenticated and user.role in ("employer", "recruiter")


class IsCompanyMember(drf_permissions.BasePermission):
    """Object permission: the request user belongs to the company (`obj`)."""

    message = "Only members of this company can do this."

    def has_object_permission(self, request, view, obj):
        return is_member(request.user, obj)


class CanManageCompany(drf_permissions.BasePermission):
    """Object permission: reads for anyone, writes for owners and admins."""

    message = "Only owners and admins of this company can do this."

    def has_object_permission(self, request, view, obj):
        if request.method in drf_permissions.SAFE_METHODS:
            return True
        return can_manage_company(request.user, obj)


class CanCreateCompany(drf_permissions.BasePermission):
    message = "Only employer and recruiter accounts can create a company."

    def has_permission(self, request, view):
        if request.method != "POST":
            return True
        return can_create_company(request.user)
