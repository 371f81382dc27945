"""The candidate dashboard: where their applications stand and who looks at them.

A "response" is the hiring team moving an application out of "applied" (to a
later stage or rejected); the candidate's own withdrawal is not one.
"""

import datetime

from django.db.models import Count, Min
from django.utils import timezone

from analytics.cache import cached
from analytics.models import Event, EventKind
from analytics.reports.common import fold_weeks, iso, median_days, rate
from candidates.selectors import completeness_for_user
from jobs.models import Application, ApplicationEvent, Stage

PROFILE_VIEW_WEEKS = 12


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
    # The match engine has no selector yet that scores a candidate against the
    # jobs they applied to; the dashboard says so instead of guessing.
    data["match_scores"] = None
    return data
