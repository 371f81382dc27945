"""The candidate dashboard: where their applications stand and who looks at them.

A "response" is the hiring team moving an application out of "applied" (to a
later stage or rejected); the candidate's own withdrawal is not one.
"""

import datetime

from django.db.models import Count, Min, Prefetch
from django.utils import timezone

from analytics.cache import cached
from analytics.models import Event, EventKind
from analytics.reports.common import fold_weeks, iso, median_days, rate
from candidates.selectors import completeness_for_user
from jobs.models import Application, ApplicationEvent, Stage
from jobs.ranking.builders import (
    candidate_data_for,
    job_data_for,
    jobs_for_scoring,
    profile_for_scoring,
)
from matching.providers import get_provider
from matching.selectors import scoring_context

PROFILE_VIEW_WEEKS = 12
# Applications scored for the match comparison (most recent first).
MATCH_APPLICATIONS = 200


def _compute(user_id, today):
    applications = Application.objects.filter(candidate_id=user_id)
    by_stage = dict(
        applications.order_by()
        .values("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    total = sum(by_stage.values())
    responses = list(
        ApplicationEvent.objects.filter(
            application__candidate_id=user_id, from_stage=Stage.APPLIED
        )
        .exclude(to_stage__in=[Stage.APPLIED, Stage.WITHDRAWN])
        .order_by()
        .values("application_id")
        .annotate(first=Min("created_at"), applied_at=Min("application__created_at"))
        .values_list("first", "applied_at")
    )
    since = today - datetime.timedelta(weeks=PROFILE_VIEW_WEEKS) + datetime.timedelta(1)
    views = {
        row["day"]: {"views": row["n"]}
        for row in Event.objects.filter(
            kind=EventKind.PROFILE_VIEW, candidate_id=user_id, day__gte=since
        )
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
    }
    return {
        "headline": {
            "applications": total,
            "response_rate": rate(len(responses), total),
            "median_days_to_first_response": median_days(
                first - applied for first, applied in responses
            ),
            "profile_views_last_12_weeks": sum(v["views"] for v in views.values()),
        },
        "tables": {
            "stages": [
                {
                    "stage": stage.value,
                    "label": stage.label,
                    "applications": by_stage.get(stage, 0),
                }
                for stage in Stage
            ],
            "profile_views": fold_weeks(views, since, today, ["views"]),
        },
        "filters": {"since": iso(since), "until": iso(today)},
    }


def candidate_report(*, user):
    """Plain data, cached for the live TTL (the nudge too: a minute late is fine)."""
    data = dict(
        cached(
            "candidate",
            {"user": user.pk},
            lambda: _compute(user.pk, timezone.localdate()),
        )
    )
    completeness = cached(
        "completeness", {"user": user.pk}, lambda: completeness_for_user(user)
    )
    data["completeness"] = {
        "score": completeness.score,
        "missing": completeness.missing_labels,
        "next_step": completeness.next_step_label,
    }
    match = cached("candidate-match", {"user": user.pk}, lambda: _match_scores(user))
    data["match_scores"] = match["summary"]
    data["tables"] = {**data["tables"], "match_scores": match["rows"]}
    return data


def _mean(values):
    return round(sum(values) / len(values), 1) if values else None


def _match_scores(user) -> dict:
    """How the candidate matches the jobs they applied to (their own scores, as on
    the job page), and whether the better matches got answers.

    One batch whatever the number of applications: the profile (3 queries), the
    applications with their jobs and skills (3), then scoring in Python. Withdrawn
    applications are left out; the MATCH_APPLICATIONS most recent are scored.
    """

    profile = profile_for_scoring(user)
    if profile is None:
        return {"summary": None, "rows": []}
    applications = list(
        Application.objects.filter(candidate_id=user.pk)
        .exclude(stage=Stage.WITHDRAWN)
        .prefetch_related(Prefetch("job", queryset=jobs_for_scoring()))
        .order_by("-created_at", "-id")[:MATCH_APPLICATIONS]
    )
    if not applications:
        return {"summary": None, "rows": []}
    provider, context = get_provider(), scoring_context()
    candidate = candidate_data_for(profile)
    scored = sorted(
        (
            (provider.score(candidate, job_data_for(a.job), context).score, a)
            for a in applications
        ),
        key=lambda pair: (-pair[0], pair[1].job.title, pair[1].pk),
    )
    answered = [score for score, a in scored if a.stage != Stage.APPLIED]
    waiting = [score for score, a in scored if a.stage == Stage.APPLIED]
    return {
        "summary": {
            "scored_applications": len(scored),
            "average_score": _mean([score for score, _ in scored]),
            "best_score": scored[0][0],
            "lowest_score": scored[-1][0],
            "average_when_answered": _mean(answered),
            "average_still_waiting": _mean(waiting),
        },
        "rows": [
            {
                "job": a.job.title,
                "company": a.job.company.name,
                "applied": iso(timezone.localdate(a.created_at)),
                "stage": Stage(a.stage).label,
                "score": score,
            }
            for score, a in scored
        ],
    }
