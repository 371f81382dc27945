"""Reads for the agency pages and API: querysets with what templates need
prefetched, so a template never queries."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from jobs.models import Application, Job, Source, Stage
from recruiters.models import (
    ClientEngagement,
    EngagementStatus,
    Placement,
    PlacementSplit,
    Submission,
    SubmissionStatus,
    TalentPoolEntry,
)


def engagements_for_agency(agency, *, status: str | None = None):
    qs = (
        ClientEngagement.objects.filter(agency=agency)
        .select_related("client", "agency")
        .prefetch_related("recruiters")
        .annotate(
            submission_count=Count("submissions", distinct=True),
            placement_count=Count(
                "placements", filter=~Q(placements__status="cancelled"), distinct=True
            ),
        )
        .order_by("status", "client__name", "-created_at")
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def engagements_for_client_member(user):
    """The client's side: engagements with every company the user belongs to,
    proposals first, then the newest."""
    return (
        ClientEngagement.objects.filter(client__memberships__user=user)
        .select_related("agency", "client", "created_by", "responded_by")
        .order_by("client__name", "-created_at", "-id")
    )


def active_engagements(agency):
    return (
        ClientEngagement.objects.filter(agency=agency, status=EngagementStatus.ACTIVE)
        .select_related("client")
        .order_by("client__name")
    )


def jobs_for_engagement(engagement):
    return (
        Job.objects.filter(company=engagement.client, agency=engagement.agency)
        .select_related("company")
        .annotate(application_count=Count("applications"))
        .order_by("-created_at")
    )


def agency_jobs(agency):
    return Job.objects.filter(agency=agency).select_related("company")


def open_jobs_for_agency(agency):
    """Public jobs of the agency's active clients: what a recruiter submits to."""
    client_ids = ClientEngagement.objects.filter(
        agency=agency, status=EngagementStatus.ACTIVE
    ).values("client_id")
    return (
        Job.objects.published()
        .filter(company_id__in=client_ids)
        .select_related("company")
        .order_by("company__name", "title")
    )


def submissions_for_agency(agency, *, status: str | None = None, engagement=None):
    qs = (
        Submission.objects.filter(agency=agency)
        .select_related(
            "job__company", "candidate", "recruiter", "engagement", "application"
        )
        .order_by("-created_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    if engagement is not None:
        qs = qs.filter(engagement=engagement)
    return qs


def submissions_for_client_member(user):
    """What a client's team sees: agencies' submissions to its jobs (no fees),
    once the candidate has consented — a request still waiting for consent, or
    declined, is between the agency and the candidate."""
    return (
        Submission.objects.filter(
            job__company__memberships__user=user, status=SubmissionStatus.ACCEPTED
        )
        .select_related(
            "job__company", "agency", "candidate", "engagement", "application"
        )
        .order_by("-created_at", "-id")
    )


def requests_for_candidate(user):
    return (
        Submission.objects.filter(candidate=user)
        .select_related("job__company", "agency", "recruiter", "engagement")
        .order_by("-created_at", "-id")
    )


def pool_for_agency(agency, *, tag: str | None = None, q: str | None = None):
    qs = (
        TalentPoolEntry.objects.filter(agency=agency)
        .select_related("candidate", "added_by")
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )
    if tag:
        qs = qs.filter(tags__name=tag.strip().lower())
    if q:
        qs = qs.filter(
            Q(candidate__full_name__icontains=q)
            | Q(email__icontains=q)
            | Q(notes__icontains=q)
        )
    return qs


def pool_duplicates(agency) -> list[list[TalentPoolEntry]]:
    """Groups of entries that share an email or a phone (one person, twice)."""
    entries = list(
        TalentPoolEntry.objects.filter(agency=agency)
        .select_related("candidate")
        .prefetch_related("tags")
        .order_by("created_at", "id")
    )
    parent = {e.pk: e.pk for e in entries}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for key in ("email", "phone"):
        first = {}
        for entry in entries:
            value = getattr(entry, key)
            if not value:
                continue
            if value in first:
                parent[find(entry.pk)] = find(first[value])
            else:
                first[value] = entry.pk
    groups = defaultdict(list)
    for entry in entries:
        groups[find(entry.pk)].append(entry)
    return [group for group in groups.values() if len(group) > 1]


def placements_for_agency(agency, *, status: str | None = None):
    qs = (
        Placement.objects.filter(agency=agency)
        .select_related("job__company", "candidate", "engagement__client")
        .prefetch_related(
            Prefetch(
                "splits",
                queryset=PlacementSplit.objects.select_related("recruiter"),
            )
        )
        .order_by("-created_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def hired_unplaced(agency):
    """Hired applications the agency submitted, without a placement yet."""
    return (
        Application.objects.filter(
            stage=Stage.HIRED,
            source=Source.RECRUITER,
            submission__agency=agency,
            placement__isnull=True,
        )
        .select_related("job__company", "candidate", "submission__engagement")
        .order_by("-stage_changed_at")
    )


def dashboard_counts(agency) -> dict:
    subs = Submission.objects.filter(agency=agency).aggregate(
        pending=Count("id", filter=Q(status=SubmissionStatus.PENDING_CONSENT)),
        accepted=Count("id", filter=Q(status=SubmissionStatus.ACCEPTED)),
    )
    return {
        "active_clients": ClientEngagement.objects.filter(
            agency=agency, status=EngagementStatus.ACTIVE
        ).count(),
        "open_jobs": Job.objects.filter(agency=agency, status="published").count(),
        "pool": TalentPoolEntry.objects.filter(agency=agency).count(),
        "pending_submissions": subs["pending"],
        "accepted_submissions": subs["accepted"],
        "placements": Placement.objects.filter(agency=agency)
        .exclude(status="cancelled")
        .count(),
    }


def engagements_for_hub(user, *, limit: int):
    """A recruiter's client engagements for their hub: active first, by client."""
    return list(
        ClientEngagement.objects.filter(agency__memberships__user=user)
        .select_related("client")
        .order_by("status", "client__name", "pk")[:limit]
    )


def agency_jobs_for_hub(user, *, limit: int):
    """The jobs a recruiter's agency runs for its clients, newest first."""
    return list(
        Job.objects.filter(agency__memberships__user=user)
        .select_related("company")
        .order_by("-created_at", "-pk")[:limit]
    )
