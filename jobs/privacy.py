"""The jobs app's personal data for the export and account erasure
(discovered by accounts/privacy.py).

Applications: the candidate's own (stage, dates, what they sent, the stage history —
never the team's notes, ratings or internal reasons, which are the company's
records). Saved jobs. On erasure a candidate's applications go (their history,
notes, ratings and interviews cascade); a team member's notes, ratings, events and
interviews keep their text without the author (SET_NULL on the author fields).
Saved searches (job alerts) with their criteria. For a team member: the
applications they submitted for candidates (recruiters), notes and ratings they
wrote are the company's records (exported as counts only; notes keep their text
without the author on erasure, ratings go).
"""

from jobs.models import (
    Application,
    ApplicationNote,
    ApplicationRating,
    SavedJob,
    SavedSearch,
)

EXPORTED = {
    "jobs.Application.candidate",
    "jobs.SavedJob.user",
    "jobs.SavedSearch.user",
    "jobs.ApplicationNote.author",
    "jobs.ApplicationRating.rater",
}
ERASED = {
    "jobs.Application.candidate",
    "jobs.SavedJob.user",
    "jobs.SavedSearch.user",
    "jobs.ApplicationRating.rater",
}


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    applications = (
        Application.objects.filter(candidate=user)
        .select_related("job__company")
        .prefetch_related("events")
        .order_by("created_at", "id")
    )
    return {
        "applications": [
            {
                "job": a.job.title,
                "company": a.job.company.name,
                "stage": a.stage,
                "source": a.source,
                "cover_letter": a.cover_letter,
                "withdrawal_reason": a.withdrawal_reason,
                "created_at": _iso(a.created_at),
                "history": [
                    {
                        "from_stage": e.from_stage,
                        "to_stage": e.to_stage,
                        "at": _iso(e.created_at),
                    }
                    for e in a.events.all()
                    if e.from_stage != e.to_stage
                ],
            }
            for a in applications
        ],
        "saved_jobs": [
            {"job": s.job.title, "saved_at": _iso(s.created_at)}
            for s in SavedJob.objects.filter(user=user).select_related("job")
        ],
        "saved_searches": [
            {
                "name": s.name,
                "query": s.query,
                "frequency": s.frequency,
                "last_run_at": _iso(s.last_run_at),
                "created_at": _iso(s.created_at),
            }
            for s in SavedSearch.objects.filter(user=user).order_by("created_at", "id")
        ],
        "notes_written": ApplicationNote.objects.filter(author=user).count(),
        "ratings_given": ApplicationRating.objects.filter(rater=user).count(),
    }


def erase(user) -> None:
    Application.objects.filter(candidate=user).delete()
    SavedJob.objects.filter(user=user).delete()
    SavedSearch.objects.filter(user=user).delete()
    ApplicationRating.objects.filter(rater=user).delete()
