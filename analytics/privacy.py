"""Analytics events in the personal-data export and account erasure
(discovered by accounts/privacy.py).

Events refer to people by plain integers (`user_id` for who acted, `candidate_id`
for whose profile or application), not foreign keys, so account deletion does
not reach them by itself. Export lists the person's own events (searches they
ran with their words, jobs they viewed, applications). Erasure keeps the counts
(yesterday's figures must not change) but cuts every link to the person: their
ids and search words go, the per-viewer key becomes one that matches nobody,
and views of their (now deleted) profile go with it. Cached dashboards are
dropped at once (version bump).
"""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from analytics.cache import bump_version
from analytics.models import Event, EventKind


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    events = Event.objects.filter(user_id=user.pk).order_by("created_at", "id")
    return {
        "events": [
            {
                "kind": e.kind,
                "at": _iso(e.created_at),
                "job_id": e.job_id,
                "company_id": e.company_id,
                "query": e.query,
                "source": e.source,
            }
            for e in events
        ],
        "views_of_my_profile": Event.objects.filter(
            kind=EventKind.PROFILE_VIEW, candidate_id=user.pk
        ).count(),
    }


def erase(user) -> None:
    Event.objects.filter(kind=EventKind.PROFILE_VIEW, candidate_id=user.pk).delete()
    Event.objects.filter(candidate_id=user.pk).update(candidate_id=None)
    # "e<event id>" is unique per row, so de-duplication constraints still hold
    # and no row can be tied to another of the same person.
    Event.objects.filter(Q(user_id=user.pk) | Q(viewer_key=f"u{user.pk}")).update(
        user_id=None,
        query="",
        viewer_key=Concat(Value("e"), Cast("id", output_field=CharField())),
    )
    bump_version()
