"""Agency reports per recruiter and per client, and their CSV export.

Definitions (what each column counts):

- submissions: submissions made (any status).
- interviews: submissions whose application reached "interview" or a later stage
  (interview, offer or hired ever appears in its stage history).
- placements: placements not cancelled; fall_offs: cancelled inside the guarantee
  period (``Placement.is_fall_off``).
- fees_invoiced: fees of placements invoiced or paid; fees_paid: fees of paid ones.
- commission: the recruiter's split amounts on paid placements (per client: the
  sum of all split amounts on its paid placements).
- fill_rate: filled openings / openings, in percent to 2 places, over the jobs the
  agency runs (per client: that client's; per recruiter: the ones they posted);
  a job's filled openings are its non-cancelled placements, at most its openings.
  None when there are no openings.
- time_to_fill_days: the median of whole days from the job's first publication
  to the placement's creation, over non-cancelled placements; None without any.

A fixed number of queries whatever the agency's size; the rows are small.
"""

import csv
import statistics
from collections import Counter
from decimal import Decimal

from django.db.models import Exists, OuterRef

from jobs.models import ApplicationEvent, Job, Stage
from recruiters.models import (
    ClientEngagement,
    Placement,
    PlacementSplit,
    PlacementStatus,
    Submission,
)

ZERO = Decimal("0.00")
REACHED_INTERVIEW = [Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
COLUMNS = [
    "submissions",
    "interviews",
    "placements",
    "fall_offs",
    "fees_invoiced",
    "fees_paid",
    "commission",
    "fill_rate",
    "time_to_fill_days",
]


def _empty():
    return {
        "submissions": 0,
        "interviews": 0,
        "placements": 0,
        "fall_offs": 0,
        "fees_invoiced": ZERO,
        "fees_paid": ZERO,
        "commission": ZERO,
        "_days": [],
        "_openings": 0,
        "_filled": 0,
    }


def _finish(row):
    days = row.pop("_days")
    openings, filled = row.pop("_openings"), row.pop("_filled")
    row["fill_rate"] = (
        (Decimal(filled) * 100 / openings).quantize(Decimal("0.01"))
        if openings
        else None
    )
    row["time_to_fill_days"] = statistics.median(days) if days else None
    return row


def _data(agency):
    reached = ApplicationEvent.objects.filter(
        application_id=OuterRef("application_id"), to_stage__in=REACHED_INTERVIEW
    )
    submissions = list(
        Submission.objects.filter(agency=agency)
        .annotate(reached_interview=Exists(reached))
        .values("recruiter_id", "engagement__client_id", "reached_interview")
    )
    placements = list(
        Placement.objects.filter(agency=agency).select_related("job", "submission")
    )
    splits = list(
        PlacementSplit.objects.filter(
            placement__agency=agency, placement__status=PlacementStatus.PAID
        ).values("recruiter_id", "amount", "placement__engagement__client_id")
    )
    jobs = list(
        Job.objects.filter(agency=agency).values(
            "id", "company_id", "posted_by_id", "openings"
        )
    )
    return submissions, placements, splits, jobs


def _report(agency, key_of_sub, key_of_placement, key_of_split, key_of_job, rows):
    submissions, placements, splits, jobs = _data(agency)
    for s in submissions:
        row = rows.get(key_of_sub(s))
        if row is None:
            continue
        row["submissions"] += 1
        row["interviews"] += int(s["reached_interview"])
    filled_by_job = Counter()
    for p in placements:
        row = rows.get(key_of_placement(p))
        if p.status != PlacementStatus.CANCELLED:
            filled_by_job[p.job_id] += 1
        if row is None:
            continue
        if p.status == PlacementStatus.CANCELLED:
            row["fall_offs"] += int(p.is_fall_off)
            continue
        row["placements"] += 1
        if p.status in (PlacementStatus.INVOICED, PlacementStatus.PAID):
            row["fees_invoiced"] += p.fee
        if p.status == PlacementStatus.PAID:
            row["fees_paid"] += p.fee
        if p.job.published_at:
            row["_days"].append(max((p.created_at - p.job.published_at).days, 0))
    for s in splits:
        row = rows.get(key_of_split(s))
        if row is not None:
            row["commission"] += s["amount"]
    for job in jobs:
        row = rows.get(key_of_job(job))
        if row is None:
            continue
        row["_openings"] += job["openings"]
        row["_filled"] += min(filled_by_job[job["id"]], job["openings"])
    return rows


def report_by_recruiter(agency) -> list[dict]:
    members = list(
        agency.memberships.select_related("user").order_by("user__full_name", "user_id")
    )
    rows = {m.user_id: _empty() for m in members}

    def placement_recruiter(p):
        return p.submission.recruiter_id if p.submission else None

    _report(
        agency,
        lambda s: s["recruiter_id"],
        placement_recruiter,
        lambda s: s["recruiter_id"],
        lambda j: j["posted_by_id"],
        rows,
    )
    return [
        {
            "id": m.user_id,
            "name": m.user.full_name or m.user.email,
            **_finish(rows[m.user_id]),
        }
        for m in members
    ]


def report_by_client(agency) -> list[dict]:
    engagements = (
        ClientEngagement.objects.filter(agency=agency)
        .select_related("client")
        .order_by("client__name", "-created_at")
    )
    clients = {}
    for e in engagements:
        clients.setdefault(e.client_id, e.client)
    rows = {cid: _empty() for cid in clients}
    _report(
        agency,
        lambda s: s["engagement__client_id"],
        lambda p: p.job.company_id,
        lambda s: s["placement__engagement__client_id"],
        lambda j: j["company_id"],
        rows,
    )
    return [
        {"id": cid, "name": company.name, **_finish(rows[cid])}
        for cid, company in clients.items()
    ]


# --- CSV -------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab /
    carriage return) gets a leading apostrophe. Numbers are written as numbers."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_rows(rows: list[dict], *, label: str):
    """Yield CSV lines (header first) for ``StreamingHttpResponse``."""
    writer = csv.writer(_Echo())
    yield writer.writerow([label, *COLUMNS])
    for row in rows:
        yield writer.writerow(
            [safe_cell(row["name"]), *(safe_cell(row[c]) for c in COLUMNS)]
        )
