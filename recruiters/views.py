"""Agency pages under /recruiter/, the client team's view of agency submissions,
and the candidate's /recruiter-requests/.

Each view: find the agency (404 for non-members) → check access → validate a
form → call one service → redirect. Service errors land next to the fields
(ValidationError) or as a message (Conflict, PermissionDenied).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import audit
from accounts.models import AuditAction, User
from companies.models import Company
from hotgigs.errors import Conflict, add_form_errors
from jobs.forms import JobForm
from jobs.models import Job
from recruiters import permissions, reports, selectors, services
from recruiters.forms import (
    PLACEMENT_ACTIONS,
    ClientEngagementForm,
    EngagementForm,
    FeeForm,
    PlacementRecordForm,
    PoolAddForm,
    PoolEditForm,
    SplitsForm,
    SubmissionForm,
)
from recruiters.models import (
    ClientEngagement,
    EngagementStatus,
    Placement,
    PlacementStatus,
    PoolSource,
    Submission,
    SubmissionStatus,
    TalentPoolEntry,
)


def _agency(request):
    """The signed-in recruiter's agency; 403 for anyone without one."""
    agency = permissions.agencies_for(request.user).first()
    if agency is None:
        raise PermissionDenied("Only members of a recruiting agency can open this.")
    return agency


def _id_param(raw) -> int | None:
    """An object id from a query or form value: ASCII digits that fit a bigint
    ("²".isdigit() is true, and a 30-digit id overflows the database)."""
    raw = raw or ""
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return int(raw)
    return None


def _engagement(request, pk) -> ClientEngagement:
    engagement = get_object_or_404(
        ClientEngagement.objects.select_related("agency", "client"), pk=pk
    )
    if not permissions.can_view_engagement(request.user, engagement):
        raise Http404("No such client.")
    return engagement


# --- dashboard and clients ----------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    agency = _agency(request)
    context = {
        "agency": agency,
        "counts": selectors.dashboard_counts(agency),
        "recent_submissions": list(selectors.submissions_for_agency(agency)[:10]),
        "recent_placements": list(selectors.placements_for_agency(agency)[:5]),
        "hired_unplaced": list(selectors.hired_unplaced(agency)[:10]),
    }
    return render(request, "recruiters/dashboard.html", context)


@login_required
@require_GET
def client_list(request):
    agency = _agency(request)
    status = request.GET.get("status", "")
    if status not in EngagementStatus.values:
        status = ""
    engagements = list(selectors.engagements_for_agency(agency, status=status))
    return render(
        request,
        "recruiters/client_list.html",
        {
            "agency": agency,
            "engagements": engagements,
            "status": status,
            "statuses": EngagementStatus.choices,
            "can_manage": permissions.can_manage_agency(request.user, agency),
        },
    )


@login_required
def client_new(request):
    agency = _agency(request)
    if not permissions.can_manage_agency(request.user, agency):
        raise PermissionDenied("Only owners and admins of the agency add clients.")
    form = EngagementForm(
        request.POST or None,
        agency=agency,
        initial={"recruiters": [request.user], "currency": "EUR"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_create(
                user=request.user,
                agency=agency,
                client=form.cleaned_data["client"],
                client_name=form.cleaned_data["client_name"],
                recruiters=form.cleaned_data["recruiters"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            if engagement.is_proposed:
                messages.success(
                    request,
                    f"Your proposal is sent to {engagement.client.name}. You can "
                    "post jobs and submit candidates once its team accepts.",
                )
            else:
                messages.success(request, f"{engagement.client.name} is now a client.")
            return redirect(engagement)
    return render(
        request, "recruiters/client_form.html", {"form": form, "engagement": None}
    )


@login_required
@require_GET
def client_detail(request, pk):
    engagement = _engagement(request, pk)
    return render(
        request,
        "recruiters/client_detail.html",
        {
            "engagement": engagement,
            "recruiters": list(engagement.recruiters.all()),
            "jobs": list(selectors.jobs_for_engagement(engagement)),
            "submissions": list(
                selectors.submissions_for_agency(
                    engagement.agency, engagement=engagement
                )[:100]
            ),
            "can_manage": permissions.can_manage_engagement(request.user, engagement),
            "can_act": permissions.can_act_for_engagement(request.user, engagement),
        },
    )


@login_required
def client_edit(request, pk):
    engagement = _engagement(request, pk)
    if not permissions.can_manage_engagement(request.user, engagement):
        raise PermissionDenied("Only owners and admins of the agency edit clients.")
    if not engagement.is_open:
        messages.error(request, services.ENDED_MESSAGE)
        return redirect(engagement)
    if engagement.is_proposed:
        messages.error(
            request,
            "The client has not answered this proposal yet: withdraw it and "
            "propose new terms instead.",
        )
        return redirect(engagement)
    form = EngagementForm(
        request.POST or None, instance=engagement, agency=engagement.agency
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_update(
                user=request.user,
                engagement=ClientEngagement.objects.get(pk=engagement.pk),
                status=form.cleaned_data["status"] or None,
                recruiters=form.cleaned_data["recruiters"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The terms are saved.")
            return redirect(engagement)
    return render(
        request,
        "recruiters/client_form.html",
        {"form": form, "engagement": engagement},
    )


@login_required
@require_POST
def client_end(request, pk):
    """End an engagement, or withdraw a proposal the client has not answered."""
    engagement = _engagement(request, pk)
    was_proposed = engagement.is_proposed
    try:
        services.engagement_end(user=request.user, engagement=engagement)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"The proposal to {engagement.client} is withdrawn."
            if was_proposed
            else f"The engagement with {engagement.client} has ended; "
            "its open jobs are closed.",
        )
    return redirect(engagement)


# --- the client's side: agencies working for my company -------------------------


def _client_engagement(request, pk) -> ClientEngagement:
    engagement = get_object_or_404(
        ClientEngagement.objects.select_related("agency", "client"), pk=pk
    )
    if not permissions.can_view_client_engagement(request.user, engagement):
        raise Http404("No such engagement.")
    return engagement


@login_required
@require_GET
def agency_engagements(request):
    """Agencies proposing to recruit for, or working for, the user's companies."""
    engagements = list(selectors.engagements_for_client_member(request.user))
    managed = set(
        permissions.client_companies_for(request.user).values_list("pk", flat=True)
    )
    for engagement in engagements:
        engagement.can_manage = engagement.client_id in managed
    return render(
        request,
        "recruiters/agency_engagements.html",
        {
            "proposals": [e for e in engagements if e.is_proposed],
            "current": [e for e in engagements if e.status in ("active", "paused")],
            "past": [e for e in engagements if not e.is_open],
            "can_engage": bool(managed),
        },
    )


@login_required
def agency_engagement_new(request):
    """An owner or admin of an employer engages an agency (active at once)."""
    companies = permissions.client_companies_for(request.user)
    if not companies.exists():
        raise PermissionDenied(
            "Only owners and admins of an employer company engage agencies."
        )
    form = ClientEngagementForm(
        request.POST or None,
        companies=companies,
        initial={"client": companies.first(), "currency": "EUR"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_create_by_client(
                user=request.user,
                client=form.cleaned_data["client"],
                agency=form.cleaned_data["agency"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{engagement.agency.name} now recruits for {engagement.client}.",
            )
            return redirect("recruiters:agency_engagements")
    return render(request, "recruiters/agency_engagement_form.html", {"form": form})


CLIENT_ACTIONS = {
    "accept": (
        services.engagement_accept,
        "You accepted {agency}: it may now post "
        "jobs and submit candidates for {client}.",
    ),
    "decline": (services.engagement_decline, "You declined {agency}'s proposal."),
    "end": (
        services.engagement_end,
        "The engagement with {agency} has ended; its "
        "open jobs for {client} are closed.",
    ),
}


@login_required
@require_POST
def agency_engagement_action(request, pk, action):
    engagement = _client_engagement(request, pk)
    if action not in CLIENT_ACTIONS:
        raise Http404("Accept, decline or end.")
    service, done = CLIENT_ACTIONS[action]
    try:
        service(user=request.user, engagement=engagement)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            done.format(agency=engagement.agency.name, client=engagement.client.name),
        )
    return redirect("recruiters:agency_engagements")


# --- jobs for clients ---------------------------------------------------------


def _job_form(request, *, engagement, job=None):
    form = JobForm(
        request.POST or None,
        instance=job,
        companies=Company.objects.filter(pk=engagement.client_id),
        initial={"company": engagement.client_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if job is None:
                job = services.job_create_for_client(
                    user=request.user,
                    engagement=engagement,
                    data=form.job_data(),
                    skills=form.skill_rows(),
                )
                messages.success(request, f"“{job.title}” is saved as a draft.")
            else:
                job = services.job_update_for_client(
                    user=request.user,
                    job=job,
                    data=form.job_data(),
                    skills=form.skill_rows(),
                )
                messages.success(request, f"“{job.title}” is saved.")
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(engagement)
    return render(
        request,
        "recruiters/job_form.html",
        {"form": form, "engagement": engagement, "job": job},
    )


@login_required
def client_job_new(request, pk):
    engagement = _engagement(request, pk)
    if not permissions.can_act_for_engagement(request.user, engagement):
        messages.error(request, services.ENDED_MESSAGE)
        return redirect(engagement)
    return _job_form(request, engagement=engagement)


def _agency_job(request, pk):
    agency = _agency(request)
    job = get_object_or_404(Job.objects.select_related("company"), pk=pk, agency=agency)
    engagement = services.engagement_for_job(job)
    if engagement is None:
        raise Http404("This job's engagement has ended.")
    return job, engagement


@login_required
def client_job_edit(request, pk):
    job, engagement = _agency_job(request, pk)
    if not permissions.can_act_for_engagement(request.user, engagement):
        messages.error(request, services.ENDED_MESSAGE)
        return redirect(engagement)
    return _job_form(request, engagement=engagement, job=job)


@login_required
@require_POST
def client_job_status(request, pk):
    job, engagement = _agency_job(request, pk)
    status = request.POST.get("status", "")
    try:
        job = services.job_set_status_for_client(
            user=request.user, job=job, status=status
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:  # JobTransitionError is one too
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"“{job.title}” is now {job.get_status_display().lower()}."
        )
    return redirect(engagement)


# --- talent pool --------------------------------------------------------------


@login_required
@require_GET
def pool(request):
    agency = _agency(request)
    tag = request.GET.get("tag", "").strip()[:50]
    q = request.GET.get("q", "").strip()[:100]
    entries = list(selectors.pool_for_agency(agency, tag=tag, q=q)[:200])
    return render(
        request,
        "recruiters/pool.html",
        {
            "agency": agency,
            "entries": entries,
            "tag": tag,
            "q": q,
            "tags": list(agency.pool_tags.all()),
        },
    )


@login_required
def pool_add(request):
    agency = _agency(request)
    candidate_id = _id_param(
        request.GET.get("candidate") or request.POST.get("candidate")
    )
    if candidate_id is None:
        raise Http404("Choose a candidate from candidate search.")
    # The same rule as the API: a missing id, a non-candidate and a profile the
    # agency may not see are all 404.
    profile = services.candidate_profile_for_agency(
        user=request.user, agency=agency, candidate_id=candidate_id
    )
    if profile is None:
        raise Http404("No such candidate.")
    candidate = profile.user
    form = PoolAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.talent_pool_add(
                user=request.user,
                agency=agency,
                candidate=candidate,
                tags=form.cleaned_data["tags"],
                notes=form.cleaned_data["notes"],
                source=PoolSource.SEARCH,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            messages.info(request, str(exc))
            return redirect("recruiters:pool")
        else:
            messages.success(request, f"{candidate.full_name} is in your talent pool.")
            return redirect("recruiters:pool")
    return render(
        request,
        "recruiters/pool_add.html",
        {"form": form, "candidate": candidate, "profile": profile},
    )


def _entry(request, pk) -> TalentPoolEntry:
    agency = _agency(request)
    return get_object_or_404(
        TalentPoolEntry.objects.select_related("candidate"), pk=pk, agency=agency
    )


@login_required
def pool_edit(request, pk):
    entry = _entry(request, pk)
    initial = {
        "email": entry.email,
        "phone": entry.phone,
        "notes": entry.notes,
        "tags": ", ".join(t.name for t in entry.tags.all()),
    }
    form = PoolEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.talent_pool_update(
                user=request.user, entry=entry, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("recruiters:pool")
    return render(request, "recruiters/pool_edit.html", {"form": form, "entry": entry})


@login_required
@require_POST
def pool_remove(request, pk):
    entry = _entry(request, pk)
    services.talent_pool_remove(user=request.user, entry=entry)
    messages.success(request, f"{entry.candidate.full_name} left the pool.")
    return redirect("recruiters:pool")


@login_required
def pool_duplicates(request):
    agency = _agency(request)
    if request.method == "POST":
        keep_id = _id_param(request.POST.get("keep"))
        merge_id = _id_param(request.POST.get("merge"))
        if keep_id is None or merge_id is None:
            messages.error(request, "Choose the entry to keep and the one to merge.")
        else:
            entries = TalentPoolEntry.objects.filter(agency=agency)
            keep = entries.filter(pk=keep_id).first()
            merge = entries.filter(pk=merge_id).first()
            if keep is None or merge is None:
                messages.error(request, "One of these entries no longer exists.")
            else:
                try:
                    services.talent_pool_merge(
                        user=request.user, keep=keep, merge=merge
                    )
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                except Conflict as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, "The entries are merged.")
        return redirect("recruiters:pool_duplicates")
    return render(
        request,
        "recruiters/duplicates.html",
        {"groups": selectors.pool_duplicates(agency)},
    )


# --- submissions --------------------------------------------------------------


@login_required
@require_GET
def submission_list(request):
    agency = _agency(request)
    status = request.GET.get("status", "")
    if status not in SubmissionStatus.values:
        status = ""
    return render(
        request,
        "recruiters/submission_list.html",
        {
            "submissions": list(
                selectors.submissions_for_agency(agency, status=status)[:200]
            ),
            "status": status,
            "statuses": SubmissionStatus.choices,
        },
    )


@login_required
def submission_new(request):
    agency = _agency(request)
    jobs = selectors.open_jobs_for_agency(agency)
    candidates = User.objects.filter(
        pk__in=TalentPoolEntry.objects.filter(agency=agency).values("candidate_id")
    ).order_by("full_name")
    initial = {}
    for name in ("candidate", "job"):
        if (value := _id_param(request.GET.get(name))) is not None:
            initial[name] = value
    form = SubmissionForm(
        request.POST or None, jobs=jobs, candidates=candidates, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        job = form.cleaned_data["job"]
        engagement = selectors.active_engagements(agency).get(client_id=job.company_id)
        try:
            submission = services.submission_create(
                user=request.user,
                engagement=engagement,
                job=job,
                candidate=form.cleaned_data["candidate"],
                pitch=form.cleaned_data["pitch"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{submission.candidate.full_name} was asked to accept the submission.",
            )
            return redirect("recruiters:submissions")
    return render(request, "recruiters/submission_form.html", {"form": form})


@login_required
@require_POST
def submission_withdraw(request, pk):
    agency = _agency(request)
    submission = get_object_or_404(Submission, pk=pk, agency=agency)
    try:
        services.submission_withdraw(user=request.user, submission=submission)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The submission is withdrawn.")
    return redirect("recruiters:submissions")


@login_required
@require_GET
def client_submissions(request):
    """The client team's view: agencies' submissions to its jobs, no fees."""
    submissions = list(selectors.submissions_for_client_member(request.user)[:200])
    return render(
        request, "recruiters/client_submissions.html", {"submissions": submissions}
    )


# --- candidate side -------------------------------------------------------------


@login_required
@require_GET
def requests(request):
    return render(
        request,
        "recruiters/requests.html",
        {"submissions": list(selectors.requests_for_candidate(request.user)[:100])},
    )


@login_required
@require_POST
def request_answer(request, pk, answer):
    if answer not in ("accept", "decline"):
        raise Http404("Accept or decline.")
    submission = get_object_or_404(Submission, pk=pk)
    if not permissions.can_answer_submission(request.user, submission):
        raise Http404("No such request.")
    service = (
        services.submission_accept
        if answer == "accept"
        else services.submission_decline
    )
    try:
        service(user=request.user, submission=submission)
    except Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "You applied through the agency."
            if answer == "accept"
            else "You declined the request.",
        )
    return redirect("recruiters:requests")


# --- placements -----------------------------------------------------------------


@login_required
@require_GET
def placement_list(request):
    agency = _agency(request)
    status = request.GET.get("status", "")
    if status not in PlacementStatus.values:
        status = ""
    return render(
        request,
        "recruiters/placement_list.html",
        {
            "placements": list(
                selectors.placements_for_agency(agency, status=status)[:200]
            ),
            "hired_unplaced": list(selectors.hired_unplaced(agency)[:50]),
            "status": status,
            "statuses": PlacementStatus.choices,
        },
    )


@login_required
def placement_record(request, application_id):
    agency = _agency(request)
    application = get_object_or_404(selectors.hired_unplaced(agency), pk=application_id)
    engagement = application.submission.engagement
    form = PlacementRecordForm(
        request.POST or None, initial={"currency": engagement.currency}
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create_from_application(
                user=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Placement recorded: fee {placement.fee} {placement.currency}.",
            )
            return redirect("recruiters:placement_detail", pk=placement.pk)
    return render(
        request,
        "recruiters/placement_record.html",
        {"form": form, "application": application, "engagement": engagement},
    )


def _placement(request, pk) -> Placement:
    agency = _agency(request)
    return get_object_or_404(
        selectors.placements_for_agency(agency).select_related("engagement"), pk=pk
    )


@login_required
def placement_detail(request, pk):
    placement = _placement(request, pk)
    members = [
        m.user
        for m in placement.agency.memberships.select_related("user").order_by(
            "user__full_name"
        )
    ]
    can_manage = permissions.can_manage_placement(request.user, placement)
    fee_form = FeeForm(initial={"fee": placement.fee})
    shares = {s.recruiter_id: s.percent for s in placement.splits.all()}
    splits_form = SplitsForm(
        members=members,
        initial={f"share_{uid}": pct for uid, pct in shares.items()},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Only owners and admins of the agency can do this.")
        action = request.POST.get("action", "")
        try:
            if action == "fee":
                fee_form = FeeForm(request.POST)
                if fee_form.is_valid():
                    services.placement_update_fee(
                        user=request.user, placement=placement, **fee_form.cleaned_data
                    )
                    messages.success(request, "The fee is updated.")
                    return redirect("recruiters:placement_detail", pk=pk)
            elif action == "splits":
                splits_form = SplitsForm(request.POST, members=members)
                if splits_form.is_valid():
                    services.placement_set_splits(
                        user=request.user,
                        placement=placement,
                        splits=splits_form.shares(),
                    )
                    messages.success(request, "The commission split is saved.")
                    return redirect("recruiters:placement_detail", pk=pk)
            elif action in PlacementStatus.values:
                services.placement_transition(
                    user=request.user, placement=placement, to_status=action
                )
                messages.success(request, "The status is updated.")
                return redirect("recruiters:placement_detail", pk=pk)
            else:
                messages.error(request, "Unknown action.")
                return redirect("recruiters:placement_detail", pk=pk)
        except ValidationError as exc:
            form = splits_form if action == "splits" else fee_form
            add_form_errors(form, exc)
        except Conflict as exc:
            messages.error(request, str(exc))
            return redirect("recruiters:placement_detail", pk=pk)
    return render(
        request,
        "recruiters/placement_detail.html",
        {
            "placement": placement,
            "fee_form": fee_form,
            "splits_form": splits_form,
            "can_manage": can_manage,
            "actions": [
                (value, label)
                for value, label in PLACEMENT_ACTIONS
                if value in services.PLACEMENT_TRANSITIONS[placement.status]
            ],
        },
    )


# --- reports --------------------------------------------------------------------


@login_required
@require_GET
def report_page(request):
    agency = _agency(request)
    return render(
        request,
        "recruiters/reports.html",
        {
            "by_recruiter": reports.report_by_recruiter(agency),
            "by_client": reports.report_by_client(agency),
            "csv_recruiter": reverse("recruiters:reports_csv") + "?by=recruiter",
            "csv_client": reverse("recruiters:reports_csv") + "?by=client",
        },
    )


@login_required
@require_GET
def report_csv(request):
    agency = _agency(request)
    by = request.GET.get("by", "recruiter")
    if by not in ("recruiter", "client"):
        return HttpResponseBadRequest("by must be recruiter or client.")
    rows = (
        reports.report_by_recruiter(agency)
        if by == "recruiter"
        else reports.report_by_client(agency)
    )
    audit.record(
        action=AuditAction.REPORT_EXPORTED,
        request=request,
        target=agency,
        report=f"recruiters-by-{by}",
    )
    response = StreamingHttpResponse(
        reports.csv_rows(rows, label=by), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{agency.slug}-by-{by}.csv"'
    )
    response["X-Total-Rows"] = str(len(rows))  # for the progress bar (site.js)
    return response
