"""Pages of applications: apply, my applications, saved jobs (candidates); the
pipeline board and the team's application page (members of the hiring company).

Each view: check access (404 for outsiders, so ids cannot be probed) → validate a
form → call one service → redirect with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from hotgigs.errors import Conflict, add_form_errors
from jobs.applications import forms
from jobs.ics import interview_ics
from jobs.models import (
    CANDIDATE_REJECTION_TEXT,
    Application,
    Interview,
    InterviewStatus,
    Job,
    SavedJob,
    Stage,
)
from jobs.permissions import can_manage_application, can_manage_pipeline, is_applicant
from jobs.ranking.selectors import applicant_scores_for
from jobs.selectors.applications import (
    application_for_team_detail,
    applications_for_candidate,
    pipeline_board,
    saved_jobs_for,
)
from jobs.services.applications import (
    application_bulk_transition,
    application_note_add,
    application_rating_set,
    application_submit,
    application_transition,
    application_withdraw,
    saved_job_add,
)
from jobs.services.interviews import (
    interview_cancel,
    interview_reschedule,
    interview_schedule,
)


def _posted(request):
    """The POST data to bind, even when empty (an empty POST is still a submit)."""
    return request.POST if request.method == "POST" else None


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _team_application(request, pk):
    application = get_object_or_404(Application.objects.select_related("job"), pk=pk)
    if not can_manage_application(request.user, application):
        raise Http404
    return application


def _public_job(slug):
    job = get_object_or_404(Job.objects.select_related("company"), slug=slug)
    if not job.is_public:
        raise Http404
    return job


# ——— candidates ————————————————————————————————————————————————————————————


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    job = _public_job(slug)
    if request.user.role != Role.CANDIDATE:
        messages.error(request, "Only candidates can apply to jobs.")
        return redirect(job.get_absolute_url())
    existing = Application.objects.filter(job=job, candidate=request.user).first()
    if existing:
        messages.info(request, "You have already applied to this job.")
        return redirect(existing.get_absolute_url())
    form = forms.ApplyForm(_posted(request), candidate=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                candidate=request.user,
                job=job,
                resume=form.cleaned_data["resume"],
                cover_letter=form.cleaned_data["cover_letter"],
                cover_letter_document=form.cleaned_data["cover_letter_document"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            messages.info(request, str(exc))
            return redirect("jobs:my-applications")
        else:
            messages.success(request, f"You applied to {job.title}.")
            return redirect(application.get_absolute_url())
    profile = getattr(request.user, "candidate_profile", None)
    return render(
        request,
        "jobs/applications/apply.html",
        {
            "job": job,
            "form": form,
            "profile": profile,
            "has_resumes": form.fields["resume"].queryset.exists(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_applications(request):
    return render(
        request,
        "jobs/applications/mine.html",
        {"applications": list(applications_for_candidate(request.user))},
    )


@login_required
def application_detail(request, pk):
    application = get_object_or_404(Application.objects.only("pk", "candidate"), pk=pk)
    if is_applicant(request.user, application):
        application = applications_for_candidate(request.user).get(pk=pk)
        return render(
            request,
            "jobs/applications/candidate_detail.html",
            {
                "application": application,
                "rejection_text": CANDIDATE_REJECTION_TEXT,
                "withdraw_form": forms.WithdrawForm(),
            },
        )
    application = get_object_or_404(Application.objects.select_related("job"), pk=pk)
    if not can_manage_application(request.user, application):
        raise Http404
    return _render_team_detail(request, application)


def _render_team_detail(request, application, *, status=200, **forms_in_error):
    detail = application_for_team_detail(Application.objects.all(), application.pk)
    my_rating = next(
        (r.score for r in detail.ratings.all() if r.rater_id == request.user.pk), None
    )
    context = {
        "application": detail,
        "move_form": forms.MoveForm(application=detail),
        "reject_form": forms.RejectForm(),
        "note_form": forms.NoteForm(),
        "rating_form": forms.RatingForm(initial={"score": my_rating}),
        "my_rating": my_rating,
        "scheduled": [
            i for i in detail.interviews.all() if i.status == InterviewStatus.SCHEDULED
        ],
    }
    context.update(forms_in_error)
    return render(request, "jobs/applications/team_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    application = get_object_or_404(Application.objects.select_related("job"), pk=pk)
    if not is_applicant(request.user, application):
        raise Http404
    form = forms.WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application_withdraw(
                application=application,
                candidate=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            messages.error(request, str(exc))
            return redirect(application.get_absolute_url())
        else:
            messages.success(request, "Your application was withdrawn.")
            return redirect("jobs:my-applications")
    return render(
        request,
        "jobs/applications/withdraw.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def saved_jobs(request):
    return render(
        request,
        "jobs/applications/saved_jobs.html",
        {"saved_jobs": list(saved_jobs_for(request.user))},
    )


@login_required
@require_POST
def save_job(request, slug):
    job = get_object_or_404(Job, slug=slug)
    if request.POST.get("action") == "unsave":
        SavedJob.objects.filter(user=request.user, job=job).delete()
        messages.success(request, "Removed from your saved jobs.")
    else:
        try:
            saved_job_add(user=request.user, job=job)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "Saved to your list.")
    return redirect(_safe_next(request, job.get_absolute_url()))


# ——— hiring team ———————————————————————————————————————————————————————————


@login_required
def pipeline(request, slug):
    job = get_object_or_404(Job.objects.select_related("company"), slug=slug)
    if not can_manage_pipeline(request.user, job):
        raise Http404
    columns = pipeline_board(job)
    return render(
        request,
        "jobs/applications/pipeline.html",
        {
            "job": job,
            "columns": columns,
            "bulk_form": forms.BulkForm(application_ids=[]),
            # {application pk: MatchResult or None}, one ranking batch
            "scores": applicant_scores_for(job=job),
        },
    )


@login_required
@require_POST
def pipeline_bulk(request, slug):
    job = get_object_or_404(Job.objects.select_related("company"), slug=slug)
    if not can_manage_pipeline(request.user, job):
        raise Http404
    ids = list(job.applications.values_list("pk", flat=True))
    form = forms.BulkForm(request.POST, application_ids=ids)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}".lstrip(": "))
        return redirect("jobs:pipeline", slug=job.slug)
    data = form.cleaned_data
    reject = data["action"] == "reject"
    try:
        moved, skipped = application_bulk_transition(
            job=job,
            application_ids=data["applications"],
            to_stage=Stage.REJECTED if reject else data["to_stage"],
            rejection_reason=data["rejection_reason"] if reject else None,
            notify_candidate=data["notify_candidate"],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{len(moved)} moved.")
        if skipped:
            messages.warning(
                request, f"{len(skipped)} skipped: their stage does not allow it."
            )
    return redirect("jobs:pipeline", slug=job.slug)


@login_required
@require_POST
def move(request, pk):
    application = _team_application(request, pk)
    reject = request.POST.get("to_stage") == Stage.REJECTED
    form = (
        forms.RejectForm(request.POST)
        if reject
        else forms.MoveForm(request.POST, application=application)
    )
    fallback = application.get_absolute_url()
    if form.is_valid():
        data = form.cleaned_data
        try:
            application_transition(
                application=application,
                actor=request.user,
                to_stage=Stage.REJECTED if reject else data["to_stage"],
                note=data.get("note", ""),
                rejection_reason=data.get("rejection_reason") or None,
                rejection_note=data.get("rejection_note", ""),
                notify_candidate=data.get("notify_candidate", True),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            messages.error(request, str(exc))
            return redirect(_safe_next(request, fallback))
        else:
            stage = Stage.REJECTED if reject else Stage(data["to_stage"])
            messages.success(request, f"Moved to {stage.label}.")
            return redirect(_safe_next(request, fallback))
    key = "reject_form" if reject else "move_form"
    return _render_team_detail(request, application, status=400, **{key: form})


@login_required
@require_POST
def add_note(request, pk):
    application = _team_application(request, pk)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        application_note_add(
            application=application, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, "Note added.")
        return redirect(application.get_absolute_url())
    return _render_team_detail(request, application, status=400, note_form=form)


@login_required
@require_POST
def rate(request, pk):
    application = _team_application(request, pk)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        application_rating_set(
            application=application,
            rater=request.user,
            score=form.cleaned_data["score"],
        )
        messages.success(request, "Rating saved.")
        return redirect(application.get_absolute_url())
    return _render_team_detail(request, application, status=400, rating_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request, pk, interview_pk=None):
    """Schedule (no interview_pk) or reschedule an interview."""
    application = _team_application(request, pk)
    interview = None
    if interview_pk is not None:
        interview = get_object_or_404(
            Interview.objects.prefetch_related("interviewers"),
            pk=interview_pk,
            application=application,
        )
    company = application.job.company
    initial = forms.InterviewForm.initial_for(interview) if interview else None
    form = forms.InterviewForm(_posted(request), company=company, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "actor": request.user,
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "timezone_name": data["timezone"],
            "interviewers": list(data["interviewers"]),
            "location": data["location"],
            "video_url": data["video_url"],
        }
        try:
            if interview is None:
                interview_schedule(application=application, **values)
            else:
                interview_reschedule(interview=interview, **values)
        except ValidationError as exc:
            add_form_errors(form, exc)
        except Conflict as exc:
            messages.error(request, str(exc))
            return redirect(application.get_absolute_url())
        else:
            messages.success(
                request,
                "Interview scheduled." if interview is None else "Interview updated.",
            )
            return redirect(application.get_absolute_url())
    return render(
        request,
        "jobs/applications/interview_form.html",
        {"application": application, "interview": interview, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def interview_cancel_view(request, pk, interview_pk):
    application = _team_application(request, pk)
    interview = get_object_or_404(Interview, pk=interview_pk, application=application)
    try:
        interview_cancel(interview=interview, actor=request.user)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Interview cancelled; the candidate was told.")
    return redirect(application.get_absolute_url())


@login_required
def interview_ics_download(request, pk, interview_pk):
    """The invitation as a file, for the candidate and the team."""
    application = get_object_or_404(
        Application.objects.select_related("job__company", "candidate"), pk=pk
    )
    if not (
        is_applicant(request.user, application)
        or can_manage_application(request.user, application)
    ):
        raise Http404
    interview = get_object_or_404(Interview, pk=interview_pk, application=application)
    interview.application = application
    response = HttpResponse(
        interview_ics(interview), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="interview-{interview.pk}.ics"'
    )
    return response
