"""The recruiter dashboard: over recruiters' own report selectors when they exist.

The recruiters issue provides the numbers (submissions, interviews, placements,
fees and commission by client and by month, fill rate, time to fill) in
`recruiters.reports`; until it does, the dashboard reports "not available yet".
"""

import importlib


def recruiter_report(*, user):
    try:
        reports = importlib.import_module("recruiters.reports")
    except ImportError:
        return {"available": False, "tables": {}, "headline": {}}
    build = getattr(reports, "dashboard_for_user", None)
    if build is None:
        return {"available": False, "tables": {}, "headline": {}}
    data = build(user=user)
    return {"available": True, **data}
