"""Recruiting records in the personal-data export and account erasure
(discovered by accounts/privacy.py).

Export: for a candidate, the agencies' talent-pool entries about them (with the
contact copies and notes the agency keeps), the recruiter requests (submissions)
they received and the placements made with them; for a recruiter, the
engagements and submissions they worked on (ids and statuses only: the rest is
the agency's record).

Erasure: pool entries and submissions about the person go; their contact details
leave any client engagement that names them as the client contact. Placements
are the agency's invoicing record and PROTECT their candidate and recruiters:
while one exists, deletion is refused with a clear message (staff settle the
record first) instead of failing half-way.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from recruiters.models import (
    ClientEngagement,
    Placement,
    PlacementSplit,
    Submission,
    TalentPoolEntry,
)

PLACEMENT_BLOCKS_ERASURE = (
    "Your account is part of a placement record an agency must keep for its "
    "accounts. Contact support to have it settled, then delete your account."
)

EXPORTED = {
    "recruiters.TalentPoolEntry.candidate",
    "recruiters.Submission.candidate",
    "recruiters.Submission.recruiter",
    "recruiters.Placement.candidate",
    "recruiters.PlacementSplit.recruiter",
    "recruiters.ClientEngagement.created_by",
}
ERASED = {
    "recruiters.TalentPoolEntry.candidate",
    "recruiters.Submission.candidate",
}


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    entries = (
        TalentPoolEntry.objects.filter(candidate=user)
        .select_related("agency")
        .prefetch_related("tags")
        .order_by("created_at", "id")
    )
    requests = (
        Submission.objects.filter(candidate=user)
        .select_related("agency", "job")
        .order_by("created_at", "id")
    )
    placements = (
        Placement.objects.filter(candidate=user)
        .select_related("agency", "job")
        .order_by("created_at", "id")
    )
    return {
        "talent_pool_entries": [
            {
                "agency": e.agency.name,
                "email": e.email,
                "phone": e.phone,
                "notes": e.notes,
                "tags": sorted(t.name for t in e.tags.all()),
                "source": e.source,
                "added_at": _iso(e.created_at),
            }
            for e in entries
        ],
        "recruiter_requests": [
            {
                "agency": s.agency.name,
                "job": s.job.title,
                "pitch": s.pitch,
                "status": s.status,
                "created_at": _iso(s.created_at),
                "responded_at": _iso(s.responded_at),
            }
            for s in requests
        ],
        "placements": [
            {
                "agency": p.agency.name,
                "job": p.job.title,
                "status": p.status,
                "start_date": _iso(p.start_date),
                "created_at": _iso(p.created_at),
            }
            for p in placements
        ],
        "submissions_made": [
            {"id": s.pk, "job_id": s.job_id, "status": s.status}
            for s in Submission.objects.filter(recruiter=user).order_by("id")
        ],
        "placement_shares": [
            {"placement_id": s.placement_id, "percent": str(s.percent)}
            for s in PlacementSplit.objects.filter(recruiter=user).order_by("id")
        ],
        "engagements_created": [
            {"id": e.pk, "status": e.status}
            for e in ClientEngagement.objects.filter(created_by=user).order_by("id")
        ],
    }


def erase(user) -> None:
    if (
        Placement.objects.filter(candidate=user).exists()
        or PlacementSplit.objects.filter(recruiter=user).exists()
    ):
        raise ValidationError(PLACEMENT_BLOCKS_ERASURE, code="placement")
    TalentPoolEntry.objects.filter(candidate=user).delete()
    Submission.objects.filter(candidate=user).delete()
    ClientEngagement.objects.filter(Q(contact_email__iexact=user.email)).update(
        contact_name="", contact_email="", contact_phone=""
    )
