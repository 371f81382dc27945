"""The recruiter dashboard: the views over the recruiters app's own reports.

`recruiters.reports` defines every figure (submissions, interviews, placements,
fall-offs, fees invoiced and paid, commission, fill rate, time to fill) per
client, per recruiter and by month (the last 12, each figure in the month its
event happened); this module only picks the user's agency, caches, and adds the
headline totals.
"""

from analytics.cache import cached
from companies.models import CompanyKind
from companies.selectors import companies_for_user
from recruiters.reports import (
    report_by_client,
    report_by_month,
    report_by_recruiter,
)

HEADLINE_FIELDS = ["submissions", "interviews", "placements", "fees_invoiced"]


def agency_for(user):
    return companies_for_user(user).filter(kind=CompanyKind.AGENCY).first()


def _compute(agency):
    by_client = report_by_client(agency)
    return {
        "available": True,
        "agency": {"id": agency.pk, "name": agency.name, "slug": agency.slug},
        "headline": {
            field: sum(row[field] for row in by_client) for field in HEADLINE_FIELDS
        },
        "tables": {
            "by_client": by_client,
            "by_recruiter": report_by_recruiter(agency),
            "by_month": report_by_month(agency),
        },
    }


def recruiter_report(*, user):
    agency = agency_for(user)
    if agency is None:
        return {"available": False, "headline": {}, "tables": {}}
    return cached("recruiter", {"agency": agency.pk}, lambda: _compute(agency))
