"""Who may see which scores: plain predicates shared by the pages and the API.

- A candidate sees their own score for any job they can see (even after opting
  out: opting out stops scoring *for employers*).
- Scores of other candidates, ranked lists and job-posting advice: members of the
  job's company only. A candidate asking gets 403 (candidates never rank other
  candidates); anyone else who is not on the team gets 404 (the team's view of a
  job does not exist for them). Staff use the admin.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from companies.permissions import is_member
from documents.models import Document
from jobs.models import Job
from jobs.permissions import can_view_job
from jobs.ranking.builders import jobs_for_scoring


def team_job_or_404(user, *, pk=None, slug=None):
    """The job (loaded for scoring) if `user` is on its company's team.

    Raises PermissionDenied for candidates, Http404 for everyone else off the team.
    """
    if user.is_authenticated and user.is_candidate and not user.is_staff:
        raise PermissionDenied("Candidates cannot rank or score other candidates.")
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    job = jobs_for_scoring(Job.objects.filter(**lookup)).first()
    if job is None or not is_member(user, job.company):
        raise Http404("No such job.")
    return job


def require_candidate(user):
    if not (user.is_authenticated and user.is_candidate):
        raise PermissionDenied("Only candidates have match scores of their own.")


def visible_job_or_404(user, *, pk=None, slug=None):
    """The job (loaded for scoring) if `user` may see it (jobs' own rule)."""
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    job = jobs_for_scoring(Job.objects.filter(**lookup)).first()
    if job is None or not can_view_job(user, job):
        raise Http404("No such job.")
    return job


def own_document_or_404(user, pk):
    """The user's own document (never a snapshot), else Http404."""
    document = Document.objects.visible().owned_by(user).filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return document
