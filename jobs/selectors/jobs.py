"""Reads for job pages and the API: querysets with what their templates need."""

from django.db.models import Prefetch
from django.http import Http404

from companies.models import Company
from jobs.models import Job, JobSkill
from jobs.permissions import can_view_job

SKILLS_PREFETCH = Prefetch(
    "job_skills",
    queryset=JobSkill.objects.select_related("skill").order_by(
        "-is_required", "skill__name"
    ),
)


def job_detail_queryset():
    return Job.objects.select_related(
        "company", "posted_by", "agency"
    ).prefetch_related(SKILLS_PREFETCH)


def job_for_viewer(*, user, slug: str | None = None, pk: int | None = None) -> Job:
    """The job if ``user`` may see it, else Http404 (a hidden job does not exist)."""
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    job = job_detail_queryset().filter(**lookup).first()
    if job is None or not can_view_job(user, job):
        raise Http404("No such job.")
    return job


def companies_for_poster(user):
    """The companies ``user`` may post jobs for (their memberships)."""
    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.for_member(user).order_by("name").distinct()


def company_jobs_for(user, *, company=None, status: str = ""):
    """Every job of the user's companies (any status), newest first."""
    qs = (
        Job.objects.filter(company__in=companies_for_poster(user))
        .select_related("company", "agency")
        .order_by("-created_at", "-id")
    )
    if company is not None:
        qs = qs.filter(company=company)
    if status:
        qs = qs.filter(status=status)
    return qs
