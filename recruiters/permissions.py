"""Who may see and do what with an agency's clients, pool, submissions and
placements: plain predicates used by the pages and the API alike.

- Members of the agency (any role) see its engagements, pool, submissions,
  placements and reports, and act for its *active* engagements.
- Owners and admins of the agency add, edit and end engagements and change fees,
  splits and placement statuses.
- The client's team (members of the job's company) sees the agency's submissions
  to its jobs once the candidate has consented (and, if the engagement allows,
  the stage of those applications),
  never the pool, fees or other clients.
- A candidate sees and answers only their own submission requests.
- The client company's team sees the engagements with it; its owners and admins
  accept or decline a proposed engagement, create one themselves, and end one.
- A talent pool holds only candidates the agency may see (``can_pool_candidate``):
  a profile visible to the recruiter (``candidates.permissions``), or a candidate
  who applied through the agency or consented to one of its submissions. Contact
  details are copied only as ``can_copy_contact_details`` allows.
- Staff use the admin site; they are not in these rules.
"""

from candidates.permissions import can_see_contact_details, can_view_profile
from companies.models import Company, Membership, MembershipRole
from jobs.models import Application
from recruiters.models import Submission, SubmissionStatus

MANAGER_ROLES = (MembershipRole.OWNER, MembershipRole.ADMIN)


def _role(user, company_id):
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(
            company_id=company_id, user=user, company__kind="agency"
        )
        .values_list("role", flat=True)
        .first()
    )


def is_agency_member(user, agency) -> bool:
    return _role(user, agency.pk) is not None


def can_manage_agency(user, agency) -> bool:
    return _role(user, agency.pk) in MANAGER_ROLES


def agencies_for(user):
    """The agencies the user belongs to (usually one)."""

    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.filter(kind="agency", memberships__user=user).order_by(
        "name"
    )


def can_view_engagement(user, engagement) -> bool:
    return is_agency_member(user, engagement.agency)


def can_manage_engagement(user, engagement) -> bool:
    return can_manage_agency(user, engagement.agency)


def can_act_for_engagement(user, engagement) -> bool:
    """Post jobs, submit candidates: members, and only while the engagement is
    active (a paused or ended engagement refuses new work)."""
    return engagement.is_active and is_agency_member(user, engagement.agency)


def is_client_member(user, company) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(company=company, user=user).exists()
    )


def can_manage_client(user, company) -> bool:
    """Owners and admins of an employer company speak for it to agencies."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            company=company,
            user=user,
            role__in=MANAGER_ROLES,
            company__kind="employer",
        ).exists()
    )


def client_companies_for(user):
    """The employer companies the user manages (owner or admin), by name."""

    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.filter(
        kind="employer",
        memberships__user=user,
        memberships__role__in=MANAGER_ROLES,
    ).order_by("name")


def can_view_client_engagement(user, engagement) -> bool:
    """The client's team sees the engagements with its company (the terms, the
    agency); the agency's side is `can_view_engagement`."""
    return is_client_member(user, engagement.client)


def can_answer_engagement(user, engagement) -> bool:
    """Accept or decline a proposal: an owner or admin of the client."""
    return can_manage_client(user, engagement.client)


def can_end_engagement(user, engagement) -> bool:
    """Either side ends it: the agency's or the client's owners and admins."""
    return can_manage_agency(user, engagement.agency) or can_manage_client(
        user, engagement.client
    )


# --- talent pool -------------------------------------------------------------


def candidate_engaged_with_agency(candidate, agency) -> bool:
    """Has the candidate applied to a job the agency runs, or consented to one of
    its submissions? Either way the agency already has their application."""

    return (
        Application.objects.filter(candidate=candidate, job__agency=agency).exists()
        or Submission.objects.filter(
            candidate=candidate, agency=agency, status=SubmissionStatus.ACCEPTED
        ).exists()
    )


def can_pool_candidate(user, agency, profile) -> bool:
    """May ``user`` put this candidate profile into ``agency``'s pool (or submit
    it)? Only a member of the agency, only a candidate's profile they may see."""
    if profile is None or not is_agency_member(user, agency):
        return False
    if not profile.user.is_candidate:
        return False
    return can_view_profile(user, profile) or candidate_engaged_with_agency(
        profile.user, agency
    )


def can_copy_contact_details(user, agency, profile) -> bool:
    """Email and phone go into the pool only as the candidate allows: contact
    details shown to the recruiter (``show_contact_details``, or an application
    to the recruiter's company), or an application through the agency."""
    return can_see_contact_details(user, profile) or candidate_engaged_with_agency(
        profile.user, agency
    )


def can_view_submission(user, submission) -> bool:
    if not user.is_authenticated:
        return False
    if submission.candidate_id == user.pk:
        return True
    if is_agency_member(user, submission.agency):
        return True
    # The client's team sees a submission only after the candidate consented.
    return submission.status == SubmissionStatus.ACCEPTED and is_client_member(
        user, submission.job.company
    )


def client_sees_pipeline(submission) -> bool:
    return submission.engagement.allow_client_pipeline_view


def can_answer_submission(user, submission) -> bool:
    return user.is_authenticated and submission.candidate_id == user.pk


def can_view_placement(user, placement) -> bool:
    return is_agency_member(user, placement.agency)


def can_manage_placement(user, placement) -> bool:
    return can_manage_agency(user, placement.agency)
