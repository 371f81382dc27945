"""An employer invites a candidate to apply to one of the company's open jobs.

The invitation is a message in the company's direct thread with the candidate
(notifications.messaging, so the candidate's blocks, visibility and notification
preferences apply as to any message) naming the job and its address. It creates
no application: the candidate applies, or not, themselves — a company cannot put
a person into its pipeline without their consent (agencies submit with consent,
recruiters.services).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from companies.permissions import is_member
from hotgigs.errors import NotAllowed
from jobs.models import Application, Job
from notifications.messaging import conversation_start_direct

NOTE_MAX_LENGTH = 2000


def invitable_jobs(user):
    """The open jobs of the companies `user` belongs to, newest first."""
    if not user.is_authenticated:
        return Job.objects.none()
    return (
        Job.objects.published()
        .filter(company__memberships__user=user)
        .select_related("company")
        .order_by("-published_at", "-id")
    )


def invitation_body(*, user, job: Job, note: str) -> str:
    url = settings.SITE_URL.rstrip("/") + job.get_absolute_url()
    body = (
        f"{user.full_name or user.email} at {job.company.name} invites you to "
        f"apply to “{job.title}”: {url}"
    )
    return f"{body}\n\n{note}" if note else body


@transaction.atomic
def job_invite_candidate(*, user, job: Job, candidate, note: str = ""):
    """Send `candidate` an invitation to apply to `job`; returns the thread.

    Refused (NotAllowed) unless `user` is a member of the job's company
    and may message the candidate; a closed or draft job, or one the candidate
    already applied to, is a ValidationError naming the field."""
    if not is_member(user, job.company):
        raise NotAllowed("Only the job's team can invite to it.")
    if not Job.objects.published().filter(pk=job.pk).exists():
        raise ValidationError({"job": "Only an open job takes applications."})
    if Application.objects.filter(job=job, candidate=candidate).exists():
        raise ValidationError(
            {"job": f"{candidate.full_name} already applied to this job."}
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": f"A note has at most {NOTE_MAX_LENGTH:,} characters."}
        )
    return conversation_start_direct(
        user=user,
        company=job.company,
        candidate=candidate,
        body=invitation_body(user=user, job=job, note=note),
    )
