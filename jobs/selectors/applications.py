"""Reads for applications: the querysets pages and API use, fully prefetched so a
template or serializer never queries."""

from django.db.models import Avg, Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber

from jobs.models import (
    PIPELINE,
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationRating,
    Interview,
    SavedJob,
    Stage,
)

BOARD_STAGES = [*PIPELINE, Stage.REJECTED, Stage.WITHDRAWN]
# A column shows at most this many cards (newest stage change first); its count is
# always exact.
BOARD_COLUMN_LIMIT = 200


def applications_for_candidate(user):
    """ "My applications": the candidate's own, newest first, with the stage history
    (the candidate sees dates and stages of events, never their notes)."""
    return (
        Application.objects.for_candidate(user)
        .select_related("job__company", "resume", "cover_letter_document")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ApplicationEvent.objects.exclude(from_stage=F("to_stage")),
                to_attr="stage_events",
            ),
            Prefetch(
                "interviews",
                queryset=Interview.objects.prefetch_related("interviewers"),
            ),
        )
        .order_by("-created_at", "-id")
    )


def average_rating():
    """The mean score of an application, as a subquery (composes with windows)."""
    return Subquery(
        ApplicationRating.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(mean=Avg("score"))
        .values("mean")[:1]
    )


def applications_for_team(user, *, job=None, stage=None):
    """Applications to jobs of the user's companies, with the average rating."""
    queryset = Application.objects.filter(job__company__in=user.companies.values("pk"))
    if job is not None:
        queryset = queryset.filter(job=job)
    if stage is not None:
        queryset = queryset.filter(stage=stage)
    return (
        queryset.select_related(
            "job__company",
            "candidate__candidate_profile",
            "resume",
            "cover_letter_document",
        )
        .annotate(average_rating=average_rating())
        .order_by("-created_at", "-id")
    )


def application_for_team_detail(queryset, pk):
    return (
        queryset.select_related(
            "job__company",
            "candidate__candidate_profile",
            "resume",
            "cover_letter_document",
        )
        .prefetch_related(
            Prefetch(
                "events", queryset=ApplicationEvent.objects.select_related("actor")
            ),
            Prefetch(
                "notes", queryset=ApplicationNote.objects.select_related("author")
            ),
            "ratings__rater",
            Prefetch(
                "interviews",
                queryset=Interview.objects.prefetch_related("interviewers"),
            ),
        )
        .annotate(average_rating=Avg("ratings__score"))
        .get(pk=pk)
    )


def pipeline_board(job):
    """The board of one job: stage → (count, cards), in two queries whatever the
    number of applications: one aggregate for the counts, one for the cards."""
    counts = dict(
        job.applications.values_list("stage").annotate(n=Count("id")).order_by()
    )
    cards = list(
        job.applications.select_related("candidate__candidate_profile")
        .annotate(
            average_rating=average_rating(),
            position=Window(
                RowNumber(),
                partition_by=[F("stage")],
                order_by=[F("stage_changed_at").desc(), F("id").desc()],
            ),
        )
        .filter(position__lte=BOARD_COLUMN_LIMIT)
        .order_by("-stage_changed_at", "-id")
    )
    columns = []
    for stage in BOARD_STAGES:
        in_stage = [card for card in cards if card.stage == stage]
        columns.append(
            {
                "stage": stage,
                "label": stage.label,
                "count": counts.get(stage.value, 0),
                "cards": in_stage,
            }
        )
    return columns


def stage_counts(job) -> dict:
    """Applications per stage of a job, in one aggregate query."""
    row = job.applications.aggregate(
        total=Count("id"),
        **{stage.value: Count("id", filter=Q(stage=stage)) for stage in Stage},
    )
    return row


def saved_jobs_for(user):
    return (
        SavedJob.objects.filter(user=user)
        .select_related("job__company")
        .order_by("-created_at", "-id")
    )


def job_actions_for(user, job) -> dict:
    """Context of the apply/save buttons on a job page (include
    "jobs/applications/_job_actions.html"): the viewer's application, if any, and
    whether they saved the job. No query for anonymous visitors."""
    if not user.is_authenticated:
        return {"application": None, "is_saved": False}
    return {
        "application": Application.objects.filter(job=job, candidate=user).first(),
        "is_saved": SavedJob.objects.filter(user=user, job=job).exists(),
    }
