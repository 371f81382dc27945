"""Access rules for companies: plain predicates used by pages and API alike."""

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
