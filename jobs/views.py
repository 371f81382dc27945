"""Job pages: search, detail (with JobPosting JSON-LD), post/edit with preview,
and the members' "my company's jobs" list with status actions."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analytics import tracking
from hotgigs.richtext import html_to_text, sanitize_html
from hotgigs.search import InvalidCursor, count_display
from jobs.alerts.forms import AlertForm, alert_query_from
from jobs.forms import JobForm
from jobs.models import JobStatus
from jobs.permissions import can_edit_job
from jobs.ranking.advice import job_advice_for
from jobs.ranking.selectors import job_match_panel_for
from jobs.search import JobSearchForm, SortOrder, search_jobs
from jobs.search_match import SortUnavailable, match_viewer_for
from jobs.selectors.applications import job_actions_for
from jobs.selectors.jobs import companies_for_poster, company_jobs_for, job_for_viewer
from jobs.services import (
    TRANSITIONS,
    JobTransitionError,
    job_create,
    job_set_status,
    job_update,
)

PAGE_SIZE = 20
STATUS_ACTIONS = {
    JobStatus.PUBLISHED: "Publish",
    JobStatus.PAUSED: "Pause",
    JobStatus.CLOSED: "Close",
    JobStatus.ARCHIVED: "Archive",
}

# json_script's escaping: the JSON can never close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _page_link(request, cursor):
    if not cursor:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return "?" + query.urlencode()


@require_GET
def job_search(request):
    form = JobSearchForm(request.GET)
    result, status, error = None, 200, ""
    if form.is_valid():
        try:
            params, viewer = form.params(), None
            if params.effective_sort == SortOrder.MATCH:
                viewer = match_viewer_for(request.user)
            result = search_jobs(
                params,
                cursor=request.GET.get("cursor") or None,
                page_size=PAGE_SIZE,
                viewer=viewer,
            )
            tracking.record_search(
                request=request,
                query=form.cleaned_data.get("q") or "",
                results=[(r["id"], r["company"]["id"]) for r in result.results],
            )
        except InvalidCursor:
            status, error = 400, "That results page link is no longer valid."
        except SortUnavailable as exc:
            form.add_error("sort", str(exc))
            status = 400
    else:
        status = 400
    context = {
        "form": form,
        "filters_key": _filters_key(request),
        "result": result,
        "error": error,
        "next_link": _page_link(request, result and result.next_cursor),
        "previous_link": _page_link(request, result and result.previous_cursor),
        "facet_links": _facet_links(request, result) if result else {},
        "suggestion": _suggestion_link(request, result and result.suggestion),
        "alert_form": _alert_form(request, form) if result else None,
    }
    return render(request, "jobs/search.html", context, status=status)


def _filters_key(request) -> str:
    """The rendered filter form's cache key: its query string without the page."""
    query = request.GET.copy()
    query.pop("cursor", None)
    return query.urlencode()


def _alert_form(request, form):
    """ "Save this search as an alert", for candidates searching with a filter."""
    if not (request.user.is_authenticated and request.user.is_candidate):
        return None
    query = alert_query_from(request.GET)
    if not query:
        return None
    params = QueryDict(mutable=True)
    for key, value in query.items():
        params.setlist(key, value if isinstance(value, list) else [value])
    name = (form.cleaned_data.get("q") or "").strip()[:100] or "My job search"
    return AlertForm(initial={"name": name, "query": params.urlencode()})


def _facet_count(result, count) -> str:
    """A facet count as the page shows it: "696" or "about 284,000"."""
    return count_display(count, estimate=result.facets_are_estimates)


def _suggestion_link(request, suggestion):
    """ "Did you mean …": the corrected search's link and what it reads."""
    if not suggestion:
        return None
    query = request.GET.copy()
    query.pop("cursor", None)
    for name, value in suggestion.items():
        query[name] = value
    label = " · ".join(str(value) for value in suggestion.values())
    return {"url": "?" + query.urlencode(), "label": label}


def _facet_links(request, result):
    """Each facet value as a link that adds it to the current filters."""
    links = {}
    labels = {
        "employment_type": dict(JobSearchForm.base_fields["employment_type"].choices),
        "experience_level": dict(JobSearchForm.base_fields["experience_level"].choices),
        "remote_policy": dict(JobSearchForm.base_fields["remote_policy"].choices),
    }
    base = request.GET.copy()
    base.pop("cursor", None)
    for name, counts in result.facets.items():
        if name == "locations":
            continue
        items = []
        for value, count in counts.items():
            if not count:
                continue
            query = base.copy()
            query.setlist(name, [value])
            items.append(
                {
                    "label": labels[name][value],
                    "count": _facet_count(result, count),
                    "url": "?" + query.urlencode(),
                }
            )
        links[name] = items
    locations = []
    for row in result.facets["locations"]:
        query = base.copy()
        query["city"], query["country"] = row["city"], row["country"]
        locations.append(
            {
                **row,
                "count": _facet_count(result, row["count"]),
                "url": "?" + query.urlencode(),
            }
        )
    links["locations"] = locations
    return links


def job_posting_ld(job, request) -> str:
    """schema.org JobPosting as JSON safe to put inside <script>."""
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": sanitize_html(job.description),
        "identifier": {
            "@type": "PropertyValue",
            "name": job.company.name,
            "value": job.slug,
        },
        "datePosted": job.published_at.isoformat() if job.published_at else None,
        "validThrough": job.expires_at.isoformat() if job.expires_at else None,
        "employmentType": job.employment_type.upper() if job.employment_type else None,
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.company.name,
            "sameAs": job.company.website or None,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": job.city or None,
                "addressRegion": job.region or None,
                "addressCountry": job.country or None,
            },
        },
        "url": request.build_absolute_uri(job.get_absolute_url()),
        "skills": ", ".join(js.skill.name for js in job.job_skills.all()) or None,
    }
    if job.agency_id:
        # A recruiting agency runs the job for the hiring organisation: it is
        # the contact for applications, and the description says so.
        agency_url = request.build_absolute_uri(job.agency.get_absolute_url())
        data["applicationContact"] = {
            "@type": "ContactPoint",
            "contactType": "recruiting agency",
            "name": job.agency.name,
            "url": agency_url,
        }
        data["employerOverview"] = (
            f"Recruiting agency {job.agency.name} runs this job for {job.company.name}."
        )
    if job.remote_policy == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
        if job.country:
            data["applicantLocationRequirements"] = {
                "@type": "Country",
                "name": job.country,
            }
    if job.salary_min is not None or job.salary_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": job.salary_period.upper()}
        if job.salary_min is not None:
            value["minValue"] = job.salary_min
        if job.salary_max is not None:
            value["maxValue"] = job.salary_max
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": job.salary_currency,
            "value": value,
        }
    data = _drop_none(data)
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped like django's json_script


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value


@require_GET
def job_detail(request, slug):
    job = job_for_viewer(user=request.user, slug=slug)
    context = {
        "job": job,
        "json_ld": job_posting_ld(job, request) if job.is_public else "",
        # A company an agency listed itself (no members yet): the page says so.
        "client_unclaimed": bool(job.agency_id)
        and not job.company.memberships.exists(),
        "can_edit": can_edit_job(request.user, job),
        "summary": html_to_text(job.description)[:160],
    }
    tracking.record(
        tracking.EventKind.JOB_VIEW,
        request=request,
        job_id=job.pk,
        company_id=job.company_id,
        is_own_team=context["can_edit"],
    )
    # Apply / save buttons and the pipeline link (applications).
    context.update(job_actions_for(request.user, job))
    # The candidate's "why" panel and similar jobs (ranking), in one batch.
    context.update(job_match_panel_for(job=job, user=request.user))
    return render(request, "jobs/detail.html", context)


def _apply_service_errors(form, exc: ValidationError):
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, error if target else f"{field}: {error}")


def _advice_draft(form) -> dict:
    """What posting advice reads of the typed (unsaved) form."""
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": html_to_text(sanitize_html(data["description"])),
        "skills": [*data["skills"], *data["nice_skills"]],
        "level": data["experience_level"],
        "min_years": data["min_years_experience"],
        "city": data["city"],
        "country": data["country"],
        "remote_policy": data["remote_policy"],
        "salary_min": data["salary_min"],
        "salary_max": data["salary_max"],
        "salary_currency": data["salary_currency"],
        "salary_period": data["salary_period"],
    }


def _job_form_page(request, *, job=None):
    companies = companies_for_poster(request.user)
    if job is None and not companies.exists():
        raise PermissionDenied("Join a company to post jobs.")
    form = JobForm(
        request.POST or None,
        instance=job,
        companies=companies,
        initial={"company": companies.first()} if job is None else None,
    )
    preview = advice = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "preview")
        if action == "advice":
            advice = job_advice_for(
                draft=_advice_draft(form), exclude_job_id=job.pk if job else None
            )
        elif action == "preview":
            preview = {
                "data": form.cleaned_data,
                "description": sanitize_html(form.cleaned_data["description"]),
            }
        else:
            try:
                with transaction.atomic():
                    if job is None:
                        saved = job_create(
                            company=form.cleaned_data["company"],
                            posted_by=request.user,
                            data=form.job_data(),
                            skills=form.skill_rows(),
                        )
                    else:
                        saved = job_update(
                            job=job,
                            user=request.user,
                            data=form.job_data(),
                            skills=form.skill_rows(),
                        )
                    if action == "publish" and saved.status != JobStatus.PUBLISHED:
                        saved = job_set_status(
                            job=saved, user=request.user, status=JobStatus.PUBLISHED
                        )
            except ValidationError as exc:
                _apply_service_errors(form, exc)
            except JobTransitionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Saved “{saved.title}”.")
                return redirect("jobs:company_jobs")
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "jobs/form.html",
        {"form": form, "job": job, "preview": preview, "advice": advice},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def job_create_view(request):
    return _job_form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def job_edit(request, slug):
    job = job_for_viewer(user=request.user, slug=slug)
    if not can_edit_job(request.user, job):
        raise PermissionDenied("Only the company's members can edit this job.")
    return _job_form_page(request, job=job)


@login_required
@require_POST
def job_status(request, slug):
    job = job_for_viewer(user=request.user, slug=slug)
    if not can_edit_job(request.user, job):
        raise PermissionDenied("Only the company's members can change this job.")
    try:
        job = job_set_status(
            job=job, user=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(
            request,
            " ".join(
                f"{k.replace('_', ' ')}: {' '.join(v)}"
                for k, v in exc.message_dict.items()
            ),
        )
    except JobTransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"“{job.title}” is now {job.get_status_display().lower()}."
        )
    return redirect("jobs:company_jobs")


@login_required
@require_GET
def company_jobs(request):
    status = request.GET.get("status", "")
    if status not in JobStatus.values:
        status = ""
    jobs = list(company_jobs_for(request.user, status=status)[:200])
    rows = [
        {
            "job": job,
            "actions": [
                (target, STATUS_ACTIONS[target])
                for target in sorted(
                    TRANSITIONS[JobStatus(job.status)], key=list(STATUS_ACTIONS).index
                )
            ],
        }
        for job in jobs
    ]
    context = {
        "rows": rows,
        "status": status,
        "statuses": JobStatus.choices,
        "can_post": companies_for_poster(request.user).exists(),
    }
    return render(request, "jobs/company_jobs.html", context)
