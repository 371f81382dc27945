"""Insights pages: one role-aware dashboard, a per-job view, and CSV exports."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import audit
from accounts.models import AuditAction
from analytics.exports import csv_response
from analytics.forms import DateRangeForm
from analytics.permissions import employer_companies
from analytics.selectors import dashboard_for_user, job_for_analytics

TEMPLATES = {
    "candidate": "analytics/candidate.html",
    "employer": "analytics/employer.html",
    "recruiter": "analytics/recruiter.html",
    "staff": "analytics/platform.html",
}


def _dashboard(request, *, job_id=None):
    form = DateRangeForm(request.GET)
    if not form.is_valid():
        return form, None, None
    form.show_effective_range()
    role, data = dashboard_for_user(
        request.user,
        since=form.cleaned_data["since"],
        until=form.cleaned_data["until"],
        job_id=job_id or form.cleaned_data.get("job"),
        company_slug=request.GET.get("company") or None,
    )
    return form, role, data


@require_GET
@login_required
def insights(request):
    form, role, data = _dashboard(request)
    if role is None:
        return render(request, "analytics/invalid.html", {"form": form}, status=400)
    context = {
        "form": form,
        "role": role,
        "data": data,
        "query": request.GET.urlencode(),
    }
    if role == "employer":
        context["companies"] = list(employer_companies(request.user))
        form.offer_jobs((data or {}).get("tables", {}).get("jobs", []))
    return render(request, TEMPLATES[role], context)


@require_GET
@login_required
def job_insights(request, pk):
    job = job_for_analytics(request.user, pk)
    request.GET = request.GET.copy()
    request.GET["company"] = job.company.slug
    request.GET["job"] = str(job.pk)
    form, role, data = _dashboard(request, job_id=job.pk)
    if role is None:
        return render(request, "analytics/invalid.html", {"form": form}, status=400)
    if role != "employer":
        raise Http404("No such job.")
    form.offer_jobs(data["tables"].get("jobs", []))
    context = {
        "form": form,
        "role": role,
        "data": data,
        "job": job,
        "query": request.GET.urlencode(),
        "companies": [],
    }
    return render(request, "analytics/employer.html", context)


@require_GET
@login_required
def export_csv(request, table):
    form, role, data = _dashboard(request)
    if role is None:
        return render(request, "analytics/invalid.html", {"form": form}, status=400)
    tables = (data or {}).get("tables", {})
    if table not in tables:
        raise Http404("No such table.")
    audit.record(
        action=AuditAction.REPORT_EXPORTED, request=request, report=f"{role}-{table}"
    )
    return csv_response(tables[table], filename=f"{role}-{table}.csv")
