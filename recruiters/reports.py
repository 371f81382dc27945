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

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

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


# --- By month ----------------------------------------------------------------------

# The report's columns but the per-client rates, which a month does not have.
MONTH_COLUMNS = [c for c in COLUMNS if c not in ("fill_rate", "time_to_fill_days")]


def _month(value) -> str | None:
    return timezone.localtime(value).strftime("%Y-%m") if value else None


def _months(count: int) -> list[str]:
    """The last ``count`` months as YYYY-MM, the current one last."""
    today = timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def report_by_month(agency, *, months: int = 12) -> list[dict]:
    """The agency's activity per month (site time zone), the last ``months`` months
    oldest first, months without activity as zeros. Each figure counts in the month
    its event happened:

    - submissions: made that month; interviews: submissions whose application first
      reached interview (or a later stage) that month;
    - placements: not cancelled, recorded that month; fall_offs: cancelled that
      month inside the guarantee period;
    - fees_invoiced: fees of invoiced or paid placements, by invoice month (the
      placement's month when no invoice time was stored); fees_paid: fees of paid
      placements by payment month; commission: the split amounts of paid
      placements by payment month (the agency's total, as per client).

    Three queries whatever the agency's size.
    """
    labels = _months(months)
    rows = {
        label: {
            "month": label,
            **{
                c: (ZERO if "fee" in c or c == "commission" else 0)
                for c in MONTH_COLUMNS
            },
        }
        for label in labels
    }

    def add(month, field, value=1):
        if month in rows:
            rows[month][field] += value

    first_interview = (
        ApplicationEvent.objects.filter(
            application_id=OuterRef("application_id"),
            to_stage__in=REACHED_INTERVIEW,
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    for created_at, interviewed_at in (
        Submission.objects.filter(agency=agency)
        .annotate(interviewed_at=Subquery(first_interview))
        .values_list("created_at", "interviewed_at")
    ):
        add(_month(created_at), "submissions")
        add(_month(interviewed_at), "interviews")
    for p in Placement.objects.filter(agency=agency).only(
        "status",
        "fee",
        "created_at",
        "updated_at",
        "invoiced_at",
        "paid_at",
        "cancelled_at",
        "is_fall_off",
    ):
        if p.status == PlacementStatus.CANCELLED:
            if p.is_fall_off:
                add(_month(p.cancelled_at or p.updated_at), "fall_offs")
            continue
        add(_month(p.created_at), "placements")
        if p.status in (PlacementStatus.INVOICED, PlacementStatus.PAID):
            add(_month(p.invoiced_at or p.created_at), "fees_invoiced", p.fee)
        if p.status == PlacementStatus.PAID:
            add(_month(p.paid_at or p.created_at), "fees_paid", p.fee)
    for amount, paid_at, created_at in PlacementSplit.objects.filter(
        placement__agency=agency, placement__status=PlacementStatus.PAID
    ).values_list("amount", "placement__paid_at", "placement__created_at"):
        add(_month(paid_at or created_at), "commission", amount)
    return list(rows.values())


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
