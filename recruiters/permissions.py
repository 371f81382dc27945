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
- Staff use the admin site; they are not in these rules.
"""

from companies.models import Membership, MembershipRole
from recruiters.models import SubmissionStatus


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
    return _role(user, agency.pk) in (MembershipRole.OWNER, MembershipRole.ADMIN)


def agencies_for(user):
    """The agencies the user belongs to (usually one)."""
    from companies.models import Company

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
