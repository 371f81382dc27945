"""Who may see which candidate profile: one set of predicates for every path.

Pages, the API, exports and the admin-free views all call these functions, so the
rules cannot drift between them.

- Candidate search: employers, recruiters and staff only; a candidate gets 403.
- Detail of a profile:
  - its owner always;
  - other candidates never (403);
  - ``public``: anyone else, including anonymous visitors;
  - ``employers_and_recruiters``: signed-in employers, recruiters and staff;
  - ``hidden``: only members of companies the candidate applied to.
- Contact details (email, phone): the owner, members of companies the candidate
  applied to, or everybody who may see the profile when the candidate set
  ``show_contact_details``.
"""

from rest_framework.permissions import BasePermission

from accounts.models import Role
from candidates.models import CandidateProfile, Visibility
from companies.models import Membership


def company_ids_for(user) -> list[int]:
    if not user.is_authenticated:
        return []

    return list(
        Membership.objects.filter(user=user).values_list("company_id", flat=True)
    )


def candidate_applied_to_company(candidate_user, company_ids) -> bool:
    """Has this candidate applied to a job of any of these companies?

    The only place that reads applications from here: ``jobs`` is a higher layer,
    so they are reached through the user's reverse relation (``applications``).
    """
    company_ids = list(company_ids)
    if not company_ids or candidate_user is None:
        return False
    return candidate_user.applications.filter(job__company__in=company_ids).exists()


def is_company_user(user) -> bool:
    return user.is_authenticated and user.role in (Role.EMPLOYER, Role.RECRUITER)


def can_search_candidates(user) -> bool:
    return user.is_authenticated and (is_company_user(user) or user.is_staff)


def can_view_profile(user, profile: CandidateProfile) -> bool:
    if user.is_authenticated and profile.user_id == user.pk:
        return True
    if user.is_authenticated and user.is_candidate and not user.is_staff:
        return False
    if profile.visibility == Visibility.PUBLIC:
        return True
    if profile.visibility == Visibility.EMPLOYERS_AND_RECRUITERS:
        return can_search_candidates(user)
    return candidate_applied_to_company(profile.user, company_ids_for(user))


def can_see_contact_details(user, profile: CandidateProfile) -> bool:
    if not can_view_profile(user, profile):
        return False
    if user.is_authenticated and profile.user_id == user.pk:
        return True
    if profile.show_contact_details:
        return True
    return candidate_applied_to_company(profile.user, company_ids_for(user))


class CanSearchCandidates(BasePermission):
    message = "Only employers and recruiters can search candidates."

    def has_permission(self, request, view):
        return can_search_candidates(request.user)


class IsCandidate(BasePermission):
    message = "Only candidates have a candidate profile."

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.is_candidate
