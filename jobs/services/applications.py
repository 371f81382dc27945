"""Applications: submit, move through the pipeline, withdraw, notes and ratings.

Every state change runs in one transaction, takes a row lock on the application
(`select_for_update`) before reading its stage, writes an `ApplicationEvent` and
schedules its notifications with `transaction.on_commit`, so a rolled-back change
never notifies anybody and two teammates moving the same card at once are
serialised: the second sees the first one's stage.

Errors: `django.core.exceptions.ValidationError` for bad input (→ 400),
`hotgigs.errors.Conflict` when the current state forbids the change
(duplicate application, move out of a closed stage → 409).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from analytics import tracking
from documents.models import Document, DocumentKind, DocumentStatus
from documents.services import document_snapshot
from hotgigs.errors import Conflict, NotAllowed
from jobs.models import (
    CANDIDATE_REJECTION_TEXT,
    TEAM_TRANSITIONS,
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationRating,
    Job,
    RejectionReason,
    SavedJob,
    Source,
    Stage,
)
from notifications.models import NotificationKind
from notifications.services import notify

NOTE_MAX_LENGTH = 10_000
COVER_LETTER_MAX_LENGTH = 20_000


def _team_members(job: Job):
    return list(User.objects.filter(memberships__company_id=job.company_id))


def _candidate_document(*, candidate, document, kinds, field):
    """The candidate's own, live document of an allowed kind, or a 400."""

    if document is None:
        return None
    if (
        document.owner_id != candidate.pk
        or document.is_snapshot
        or document.kind not in kinds
    ):
        raise ValidationError({field: "Choose one of your own documents."})
    if document.status == DocumentStatus.FAILED:
        raise ValidationError({field: "This document could not be read."})
    return document


def default_resume(candidate):
    return (
        Document.objects.visible()
        .filter(owner=candidate, kind=DocumentKind.RESUME, is_default=True)
        .first()
    )


def application_submit(
    *,
    candidate,
    job: Job,
    resume=None,
    cover_letter: str = "",
    cover_letter_document=None,
    source: str = Source.DIRECT,
    submitted_by=None,
) -> Application:
    """Apply `candidate` to a published, unexpired `job`, once.

    The resume (the candidate's default one when none is given) and the cover
    letter document are snapshotted, so what the company received survives later
    edits or deletion. The unique constraint on (job, candidate) decides races: 20
    simultaneous requests make one row; the others get a 409.
    """

    if candidate.role != Role.CANDIDATE:
        raise ValidationError("Only candidates can apply to jobs.")
    if not job.is_public:
        raise ValidationError({"job": "This job is not accepting applications."})
    if source not in Source.values:
        raise ValidationError({"source": f"Unknown source “{source}”."})
    cover_letter = (cover_letter or "").strip()
    if len(cover_letter) > COVER_LETTER_MAX_LENGTH:
        raise ValidationError(
            {"cover_letter": f"At most {COVER_LETTER_MAX_LENGTH} characters."}
        )
    if resume is None:
        resume = default_resume(candidate)
    resume = _candidate_document(
        candidate=candidate,
        document=resume,
        kinds={DocumentKind.RESUME},
        field="resume",
    )
    cover_letter_document = _candidate_document(
        candidate=candidate,
        document=cover_letter_document,
        kinds={DocumentKind.COVER_LETTER, DocumentKind.RESUME},
        field="cover_letter_document",
    )
    if Application.objects.filter(job=job, candidate=candidate).exists():
        raise Conflict("You have already applied to this job.")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                job=job,
                candidate=candidate,
                source=source,
                submitted_by=submitted_by,
                resume=document_snapshot(document=resume) if resume else None,
                cover_letter=cover_letter,
                cover_letter_document=(
                    document_snapshot(document=cover_letter_document)
                    if cover_letter_document
                    else None
                ),
            )
            ApplicationEvent.objects.create(
                application=application,
                actor=submitted_by or candidate,
                from_stage="",
                to_stage=Stage.APPLIED,
                created_at=application.created_at,
            )
            transaction.on_commit(
                lambda: _notify_new_application(application, actor=candidate)
            )
            tracking.record(
                tracking.EventKind.APPLY,
                user=candidate,
                job_id=job.pk,
                company_id=job.company_id,
                source=source,
            )
    except IntegrityError:
        # Lost the race with an identical request: the constraint kept one row.
        raise Conflict("You have already applied to this job.") from None
    return application


def _notify_new_application(application, *, actor):
    job = application.job
    notify(
        recipients=_team_members(job),
        kind=NotificationKind.NEW_APPLICATION,
        title=f"New application for {job.title}",
        body=f"{application.candidate.full_name or 'A candidate'} applied.",
        link=application.get_absolute_url(),
        actor=actor,
        about=application.candidate,
    )


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("job__company", "candidate")
        .get(pk=application.pk)
    )


def _move(
    application: Application,
    *,
    to_stage,
    actor,
    note,
    rejection_reason,
    rejection_note,
    notify_candidate,
) -> Application:
    """Move a *locked* application; the caller holds the transaction."""
    current = Stage(application.stage)
    if to_stage not in TEAM_TRANSITIONS[current]:
        raise Conflict(
            f"An application in “{current.label}” cannot move to "
            f"“{Stage(to_stage).label}”."
        )
    now = timezone.now()
    application.stage = to_stage
    application.stage_changed_at = now
    fields = ["stage", "stage_changed_at", "updated_at"]
    if to_stage == Stage.REJECTED:
        application.rejection_reason = rejection_reason
        application.rejection_note = rejection_note
        fields += ["rejection_reason", "rejection_note"]
    application.save(update_fields=fields)
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        from_stage=current,
        to_stage=to_stage,
        note=note,
        created_at=now,
    )
    if notify_candidate:
        transaction.on_commit(lambda: _notify_stage(application, actor=actor))
    return application


def _notify_stage(application, *, actor):
    job = application.job
    stage = Stage(application.stage)
    if stage == Stage.REJECTED:
        notify(
            recipients=[application.candidate],
            kind=NotificationKind.REJECTION,
            title=f"Your application for {job.title}",
            body=CANDIDATE_REJECTION_TEXT,
            link=application.get_absolute_url(),
            actor=actor,
        )
        return
    notify(
        recipients=[application.candidate],
        kind=NotificationKind.STAGE_CHANGED,
        title=f"Your application for {job.title} moved to {stage.label}",
        body=application.next_step,
        link=application.get_absolute_url(),
        actor=actor,
    )


def _validate_move(*, to_stage, rejection_reason, note):
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": f"Unknown stage “{to_stage}”."})
    if to_stage == Stage.WITHDRAWN:
        raise ValidationError(
            {"to_stage": "Only the candidate can withdraw an application."}
        )
    if to_stage == Stage.REJECTED:
        if rejection_reason not in RejectionReason.values:
            raise ValidationError(
                {"rejection_reason": "Choose a reason from the list to reject."}
            )
    elif rejection_reason:
        raise ValidationError(
            {"rejection_reason": "A reason is only given when rejecting."}
        )
    if len(note or "") > NOTE_MAX_LENGTH:
        raise ValidationError({"note": f"At most {NOTE_MAX_LENGTH} characters."})


def application_transition(
    *,
    application: Application,
    to_stage: str,
    actor,
    note: str = "",
    rejection_reason: str | None = None,
    rejection_note: str = "",
    notify_candidate: bool = True,
) -> Application:
    """Move an application along the pipeline (team members only; checked by
    callers with `can_manage_application`). Returns the updated row."""
    note = (note or "").strip()
    rejection_note = (rejection_note or "").strip()
    _validate_move(to_stage=to_stage, rejection_reason=rejection_reason, note=note)
    with transaction.atomic():
        locked = _locked(application)
        return _move(
            locked,
            to_stage=to_stage,
            actor=actor,
            note=note,
            rejection_reason=rejection_reason or "",
            rejection_note=rejection_note,
            notify_candidate=notify_candidate,
        )


def application_bulk_transition(
    *,
    job: Job,
    application_ids: Iterable[int],
    to_stage: str,
    actor,
    note: str = "",
    rejection_reason: str | None = None,
    notify_candidate: bool = True,
) -> tuple[list[Application], list[Application]]:
    """Move (or reject) several applications of one job in one transaction.

    Rows are locked in id order (no deadlock between two bulk moves). Those whose
    stage forbids the move are skipped and returned as the second list.
    """
    note = (note or "").strip()
    _validate_move(to_stage=to_stage, rejection_reason=rejection_reason, note=note)
    ids = sorted({int(pk) for pk in application_ids})
    if not ids:
        raise ValidationError({"applications": "Select at least one applicant."})
    moved, skipped = [], []
    with transaction.atomic():
        rows = list(
            Application.objects.select_for_update()
            .select_related("job__company", "candidate")
            .filter(job=job, pk__in=ids)
            .order_by("pk")
        )
        if len(rows) != len(ids):
            raise ValidationError({"applications": "Unknown applicant selected."})
        for row in rows:
            if to_stage not in TEAM_TRANSITIONS[Stage(row.stage)]:
                skipped.append(row)
                continue
            moved.append(
                _move(
                    row,
                    to_stage=to_stage,
                    actor=actor,
                    note=note,
                    rejection_reason=rejection_reason or "",
                    rejection_note="",
                    notify_candidate=notify_candidate,
                )
            )
    return moved, skipped


def application_withdraw(
    *, application: Application, candidate, reason: str = ""
) -> Application:
    """The candidate ends their own open application; the team is told."""
    reason = (reason or "").strip()
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError({"reason": f"At most {NOTE_MAX_LENGTH} characters."})
    with transaction.atomic():
        locked = _locked(application)
        if locked.candidate_id != candidate.pk:
            raise NotAllowed("Only the candidate can withdraw an application.")
        current = Stage(locked.stage)
        if not locked.is_open:
            raise Conflict(
                f"An application in “{current.label}” can no longer be withdrawn."
            )
        now = timezone.now()
        locked.stage = Stage.WITHDRAWN
        locked.stage_changed_at = now
        locked.withdrawal_reason = reason
        locked.save(
            update_fields=[
                "stage",
                "stage_changed_at",
                "withdrawal_reason",
                "updated_at",
            ]
        )
        ApplicationEvent.objects.create(
            application=locked,
            actor=candidate,
            from_stage=current,
            to_stage=Stage.WITHDRAWN,
            note=reason,
            created_at=now,
        )
        transaction.on_commit(lambda: _notify_withdrawn(locked, actor=candidate))
    return locked


def _notify_withdrawn(application, *, actor):
    job = application.job
    notify(
        recipients=_team_members(job),
        kind=NotificationKind.STAGE_CHANGED,
        title=f"{application.candidate.full_name or 'A candidate'} withdrew "
        f"from {job.title}",
        body=application.withdrawal_reason,
        link=application.get_absolute_url(),
        actor=actor,
        about=application.candidate,
    )


def application_note_add(
    *, application: Application, author, body: str
) -> ApplicationNote:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    if len(body) > NOTE_MAX_LENGTH:
        raise ValidationError({"body": f"At most {NOTE_MAX_LENGTH} characters."})
    return ApplicationNote.objects.create(
        application=application, author=author, body=body
    )


def application_rating_set(
    *, application: Application, rater, score
) -> ApplicationRating:
    """One score per rater: setting it again replaces the previous one."""
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": "Give a whole number from 1 to 5."})
    with transaction.atomic():
        rating, _ = ApplicationRating.objects.update_or_create(
            application=application, rater=rater, defaults={"score": score}
        )
    return rating


def saved_job_add(*, user, job: Job):
    """Save a job to the user's list (idempotent)."""

    if not job.is_public:
        raise ValidationError({"job": "This job is not available."})
    saved, _ = SavedJob.objects.get_or_create(user=user, job=job)
    return saved


def team_application_url(application: Application) -> str:
    return reverse("jobs:application-detail", kwargs={"pk": application.pk})
