"""Invite a candidate to apply, from their profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from candidates.models import CandidateProfile
from candidates.permissions import can_view_profile, company_ids_for
from hotgigs.errors import NotAllowed
from jobs.invites.forms import InviteToApplyForm
from jobs.services.invites import invitable_jobs, job_invite_candidate
from notifications.views import MESSAGE_PAGE_RATE


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=MESSAGE_PAGE_RATE, method="POST", block=True)
def candidate_invite(request, pk):
    profile = get_object_or_404(CandidateProfile.objects.select_related("user"), pk=pk)
    if not can_view_profile(request.user, profile) or request.user == profile.user:
        raise Http404("No such candidate.")
    # Agencies do not invite to their clients' jobs: they submit candidates
    # with consent (recruiters.services) or add them to their talent pool.
    if not request.user.is_employer or not company_ids_for(request.user):
        raise PermissionDenied("Only an employer's team invites candidates.")
    jobs = invitable_jobs(request.user)
    form = InviteToApplyForm(request.POST or None, jobs=jobs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            job = form.cleaned_data["job"]
            try:
                conversation = job_invite_candidate(
                    user=request.user,
                    job=job,
                    candidate=profile.user,
                    note=form.cleaned_data["note"],
                )
            except NotAllowed as exc:
                form.add_error(None, str(exc))
                status = 403
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    f"{profile.user.full_name} is invited to apply to “{job.title}”.",
                )
                return redirect("notifications:conversation", pk=conversation.pk)
    return render(
        request,
        "jobs/invite.html",
        {"form": form, "profile": profile, "has_jobs": jobs.exists()},
        status=status,
    )
