"""Who may see and change jobs: plain predicates shared by pages and API."""

from companies.permissions import is_member


def can_post_for(user, company) -> bool:
    """Only members of a company create its jobs."""
    return is_member(user, company)


def can_edit_job(user, job) -> bool:
    """Only members of the job's company edit it or change its status."""
    return is_member(user, job.company)


def can_view_job(user, job) -> bool:
    """A public job is seen by anyone; any other one by members and staff."""
    if job.is_public:
        return True
    if user.is_authenticated and user.is_staff:
        return True
    return is_member(user, job.company)


# Applications. Staff are not in these rules: they use the admin site.


def is_applicant(user, application) -> bool:
    """The candidate who applied sees their own application (never team data)."""
    return user.is_authenticated and application.candidate_id == user.pk


def can_manage_application(user, application) -> bool:
    """Members of the hiring company see and act on its applications, notes,
    ratings and interviews."""
    return is_member(user, application.job.company)


def can_manage_pipeline(user, job) -> bool:
    """Members of the job's company see its pipeline board."""
    return is_member(user, job.company)
