"""Demo applications (idempotent): the demo candidates apply to demo jobs and the
team moves them through every stage with the real services, so the history,
notes, ratings, an interview and the notifications look like real use.

Called at the end of jobs/demo.seed. Logins: candidate@hotgigs.test sees "My
applications"; employer@hotgigs.test sees the pipeline of Northwind Labs' jobs.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from jobs.models import Application, Job, SavedJob, Stage
from jobs.services.applications import (
    application_note_add,
    application_rating_set,
    application_submit,
    application_transition,
    application_withdraw,
)
from jobs.services.interviews import interview_schedule

# (stage to reach, path of moves from "applied")
PLAN = [
    (Stage.APPLIED, []),
    (Stage.SCREENING, [Stage.SCREENING]),
    (Stage.INTERVIEW, [Stage.SCREENING, Stage.INTERVIEW]),
    (Stage.OFFER, [Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]),
    (Stage.HIRED, [Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]),
    (Stage.REJECTED, [Stage.SCREENING, Stage.REJECTED]),
    (Stage.WITHDRAWN, [Stage.WITHDRAWN]),
]


def seed(*, log):
    demo = User.objects.filter(email="candidate@hotgigs.test").first()
    employer = User.objects.filter(email="employer@hotgigs.test").first()
    if demo is None or employer is None:
        log("jobs: demo users missing, no demo applications")
        return
    jobs = list(
        Job.objects.published()
        .filter(company__memberships__user=employer)
        .order_by("published_at", "id")[: len(PLAN) + 1]
    )
    if len(jobs) < len(PLAN):
        log("jobs: not enough demo jobs for the demo applications")
        return
    others = list(
        User.objects.filter(email__startswith="demo-candidate-").order_by("email")[:6]
    )
    created = 0
    # The demo candidate: one application in every stage, one per job.
    for job, (_stage, path) in zip(jobs, PLAN, strict=False):
        created += _apply_and_move(demo, job, path, employer)
    # A busier board on the first job: other candidates in several stages.
    for candidate, (_stage, path) in zip(others, PLAN[:6], strict=False):
        created += _apply_and_move(candidate, jobs[0], path, employer)
    SavedJob.objects.get_or_create(user=demo, job=jobs[-1])
    log(f"jobs: {created} demo applications in every stage")


def _apply_and_move(candidate, job, path, employer) -> int:
    if Application.objects.filter(job=job, candidate=candidate).exists():
        return 0
    application = application_submit(
        candidate=candidate,
        job=job,
        cover_letter="I would love to join your team; my profile has the details.",
    )
    for stage in path:
        if stage == Stage.WITHDRAWN:
            application_withdraw(
                application=application,
                candidate=candidate,
                reason="I accepted another offer.",
            )
            continue
        if stage == Stage.INTERVIEW:
            application = application_transition(
                application=application, to_stage=stage, actor=employer
            )
            starts = (timezone.now() + datetime.timedelta(days=3)).replace(
                hour=14, minute=0, second=0, microsecond=0
            )
            interview_schedule(
                application=application,
                actor=employer,
                starts_at=starts,
                duration_minutes=45,
                timezone_name="Europe/Berlin",
                interviewers=[employer],
                video_url="https://meet.example.com/hotgigs-demo",
            )
            continue
        application = application_transition(
            application=application,
            to_stage=stage,
            actor=employer,
            rejection_reason="experience" if stage == Stage.REJECTED else None,
            note="Moved during the demo.",
        )
    if path:
        application_note_add(
            application=application,
            author=employer,
            body="Good communication; check references.",
        )
        application_rating_set(application=application, rater=employer, score=4)
    return 1
