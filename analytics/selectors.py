"""Reads the pages and API share: which dashboard a user gets, and its data."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role
from analytics.permissions import can_view_job_analytics, employer_companies
from analytics.reports.candidate import candidate_report
from analytics.reports.employer import company_report
from analytics.reports.platform import platform_report
from analytics.reports.recruiter import recruiter_report
from jobs.models import Job


def dashboard_role(user) -> str:
    if user.role == Role.EMPLOYER:
        return "employer"
    if user.role == Role.RECRUITER:
        return "recruiter"
    if user.is_staff:
        return "staff"
    return "candidate"


def company_for_dashboard(user, company_slug: str | None = None):
    """The employer company whose dashboard to show (the first by default).

    Raises Http404 for a company the user is not a member of: its existence is
    not revealed.
    """
    companies = employer_companies(user)
    if company_slug:
        company = companies.filter(slug=company_slug).first()
        if company is None:
            raise Http404("No such company.")
        return company
    return companies.first()


def job_for_analytics(user, job_id: int) -> Job:
    job = Job.objects.select_related("company", "agency").filter(pk=job_id).first()
    if job is None or not can_view_job_analytics(user, job):
        # Outsiders learn nothing, not even that the job exists.
        raise Http404("No such job.")
    return job


def dashboard_for_user(user, *, since, until, job_id=None, company_slug=None):
    """(role, data) of the role-aware dashboard."""
    role = dashboard_role(user)
    if role == "employer":
        company = company_for_dashboard(user, company_slug)
        if company is None:
            return role, None
        if job_id is not None:
            job = job_for_analytics(user, job_id)
            if job.company_id != company.pk:
                raise Http404("No such job.")
        data = company_report(
            company_id=company.pk, since=since, until=until, job_id=job_id
        )
        return role, {
            "company": {"id": company.pk, "name": company.name, "slug": company.slug},
            **data,
        }
    if role == "recruiter":
        return role, recruiter_report(user=user)
    if role == "staff":
        return role, platform_report(since=since, until=until)
    if user.role != Role.CANDIDATE:
        raise PermissionDenied
    return role, candidate_report(user=user)


HEADLINE_LABELS = {
    "views": "Job views",
    "applies": "Applications",
    "apply_rate": "Apply rate %",
    "hires": "Hires",
    "applications": "Applications",
    "response_rate": "Response rate %",
    "median_days_to_first_response": "Median days to a response",
    "profile_views_last_12_weeks": "Profile views (12 weeks)",
    "users": "Users",
    "open_jobs": "Open jobs",
    "searches": "Searches",
}
