"""Who sees which analytics: plain predicates shared by pages and API."""

from rest_framework.permissions import BasePermission

from companies.models import CompanyKind
from companies.permissions import is_member
from companies.selectors import companies_for_user


def can_view_job_analytics(user, job) -> bool:
    """Members of the job's company, and of the agency running it for them."""
    if not user.is_authenticated:
        return False
    if is_member(user, job.company):
        return True
    return job.agency_id is not None and is_member(user, job.agency)


def employer_companies(user):
    """The employer companies whose dashboards the user may open."""
    return companies_for_user(user).filter(kind=CompanyKind.EMPLOYER)


def can_view_company_analytics(user, company) -> bool:
    return company.kind == CompanyKind.EMPLOYER and is_member(user, company)


class IsStaff(BasePermission):
    message = "Platform statistics are for staff only."

    def has_permission(self, request, view):
        return bool(
            request.user and request.user.is_authenticated and request.user.is_staff
        )
