"""Every page of each role, taken from the URLconf and filled with demo rows.

`role_pages(user)` walks the URLconf (everything but the API, the admin and
operations), fills each parameterised route with an object of that user (their
job, application, document, conversation, client…) and keeps the routes a GET
by that user answers with an HTML page: POST-only actions (405), downloads and
redirects drop out by themselves, and so do confirmation steps (a page whose
form carries `_confirmed`, reached by a button, not a link).

A parameterised route needs a filler in FILLERS; a new route without one fails
the hub test with its name, so no page can be left out silently. Routes that
are never a signed-in user's page (a token from an email, the sign-up form)
are in NOT_A_ROLE_PAGE with the reason.
"""

import re
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIPPED_PREFIXES = ("api/", "admin/", "health", "metrics", "^api/", "^media/", "__")

NOT_A_ROLE_PAGE = {
    # Signed-out pages: a signed-in user is sent on.
    "accounts:signup": "signed-out only",
    "accounts:login": "signed-out only",
    "accounts:password_reset": "signed-out only",
    "accounts:password_reset_done": "after a reset request",
    "accounts:password_reset_confirm": "a token from an email",
    "accounts:password_reset_complete": "after a reset",
    "companies:invitation": "a token from an email",
    "notifications:unsubscribe": "a token from an email",
    "favicon": "not a page",
    "accounts:signup_sent": "after signing up, signed out",
    "accounts:signup_confirm": "a token from an email",
    "companies:invitation-mine": "an invitation from an email or a notification",
}

# Pages that answer every signed-in user but belong to some roles only: the
# crawl from another role's home is not expected to reach them. "staff" is the
# staff demo account (the candidate role with `is_staff`), whose work is the
# admin, insights and candidate search, not job hunting.
CANDIDATE = {"candidate"}
TEAMS = {"employer", "recruiter"}
ROLE_ONLY = {
    "documents:list": CANDIDATE,
    "jobs:my-applications": CANDIDATE,
    "jobs:saved-jobs": CANDIDATE,
    "jobs:apply": CANDIDATE,
    "ranking:job-match": CANDIDATE,
    "recruiters:requests": CANDIDATE,
    "jobs:company_jobs": TEAMS,
    # Agencies submit candidates with consent instead (recruiters:submissions).
    "jobs:candidate-invite": {"employer"},
    "recruiters:agency_engagements": {"employer"},
    "recruiters:client_submissions": {"employer"},
}


def role_of(user) -> str:
    return "staff" if user.is_staff else user.role


@dataclass
class Page:
    name: str
    path: str


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def routes():
    """(route, name) of every named route outside the API, admin and operations."""
    return [
        (route, name)
        for route, name in _walk(get_resolver().url_patterns)
        if not route.startswith(SKIPPED_PREFIXES)
    ]


def _first(queryset):
    row = queryset.first()
    return None if row is None else row


def _fillers():
    from companies.models import Company
    from documents.models import Document
    from jobs.models import Application, Interview, Job
    from notifications.models import Conversation
    from recruiters.models import ClientEngagement, Placement, TalentPoolEntry

    def company(user):
        return _first(Company.objects.filter(memberships__user=user).order_by("pk"))

    def team_job(user):
        return _first(
            Job.objects.filter(
                company__memberships__user=user, status="published"
            ).order_by("pk")
        )

    def public_job(user):
        return _first(Job.objects.published().order_by("pk"))

    def job_for(user):
        return team_job(user) or public_job(user)

    def unapplied_job(user):
        return _first(
            Job.objects.published().exclude(applications__candidate=user).order_by("pk")
        )

    def application(user):
        mine = Application.objects.filter(candidate=user)
        team = Application.objects.filter(job__company__memberships__user=user)
        return _first((mine if mine.exists() else team).order_by("pk"))

    def interview(user):
        from django.db.models import Q

        return _first(
            Interview.objects.filter(
                Q(application__candidate=user)
                | Q(application__job__company__memberships__user=user)
            )
            .distinct()
            .order_by("pk")
        )

    def document(user):
        return _first(Document.objects.filter(owner=user).order_by("pk"))

    def conversation(user):
        return _first(
            Conversation.objects.filter(candidate=user).order_by("pk")
        ) or _first(
            Conversation.objects.filter(company__memberships__user=user).order_by("pk")
        )

    def profile(user):
        from candidates.models import CandidateProfile

        return _first(
            CandidateProfile.objects.filter(visibility="public")
            .exclude(user=user)
            .order_by("pk")
        )

    def engagement(user):
        return _first(
            ClientEngagement.objects.filter(agency__memberships__user=user).order_by(
                "pk"
            )
        )

    def agency_job(user):
        return _first(Job.objects.filter(agency__memberships__user=user).order_by("pk"))

    def pool_entry(user):
        return _first(
            TalentPoolEntry.objects.filter(agency__memberships__user=user).order_by(
                "pk"
            )
        )

    def placement(user):
        return _first(
            Placement.objects.filter(agency__memberships__user=user).order_by("pk")
        )

    def interview_args(user):
        found = interview(user)
        return found and (found.application_id, found.pk)

    def member_args(user):
        from companies.models import Membership

        found = _first(
            Membership.objects.filter(company__memberships__user=user)
            .exclude(user=user)
            .order_by("pk")
        )
        return found and (found.company.slug, found.pk)

    def slug_of(find):
        return lambda user: (found := find(user)) and (found.slug,)

    def pk_of(find):
        return lambda user: (found := find(user)) and (found.pk,)

    team_job_slug = slug_of(job_for)
    return {
        "companies:detail": slug_of(lambda u: company(u) or _first(Company.objects)),
        "companies:settings": slug_of(company),
        "companies:team": slug_of(company),
        "companies:leave": slug_of(company),
        "candidates:detail": pk_of(profile),
        "candidates:message": pk_of(profile),
        "jobs:candidate-invite": pk_of(profile),
        "jobs:detail": slug_of(job_for),
        "jobs:edit": slug_of(team_job),
        "jobs:apply": slug_of(unapplied_job),
        "jobs:pipeline": slug_of(team_job),
        "jobs:application-detail": pk_of(application),
        "jobs:application-withdraw": pk_of(application),
        "jobs:interview-new": pk_of(application),
        "jobs:interview-edit": interview_args,
        "jobs:interview-ics": interview_args,
        "documents:rename": pk_of(document),
        "documents:replace": pk_of(document),
        "documents:delete": pk_of(document),
        "documents:download": pk_of(document),
        "ranking:job-match": team_job_slug,
        "ranking:ranked": slug_of(team_job),
        "ranking:advice": slug_of(team_job),
        "ranking:resume-fill": pk_of(document),
        "notifications:conversation": pk_of(conversation),
        "notifications:start-application": pk_of(application),
        "analytics:job": pk_of(team_job),
        "analytics:export": lambda user: ("funnel",),
        "companies:member-remove": member_args,
        "recruiters:client_detail": pk_of(engagement),
        "recruiters:client_edit": pk_of(engagement),
        "recruiters:client_end": pk_of(engagement),
        "recruiters:client_job_new": pk_of(engagement),
        "recruiters:job_edit": pk_of(agency_job),
        "recruiters:pool_edit": pk_of(pool_entry),
        "recruiters:placement_detail": pk_of(placement),
        "recruiters:placement_record": pk_of(application),
    }


def _dummy_path(route: str) -> str:
    path = re.sub(r"<int:[^>]+>", "999999", route)
    path = re.sub(r"<[^>]+>", "no-such-thing", path)
    return "/" + path


def role_pages(user) -> tuple[list[Page], list[str]]:
    """(the user's pages, the parameterised routes nobody knows how to fill)."""
    fillers = _fillers()
    client = Client()
    client.force_login(user)
    pages, unfilled = [], []
    for route, name in routes():
        if name in NOT_A_ROLE_PAGE:
            continue
        if name in ROLE_ONLY and role_of(user) not in ROLE_ONLY[name]:
            continue
        if "<" in route or "(?P" in route:
            if name not in fillers:
                # A POST-only action needs no filler: it answers 405 to a GET
                # whatever its arguments. Anything else needs one.
                if client.get(_dummy_path(route)).status_code != 405:
                    unfilled.append(name)
                continue
            args = fillers[name](user)
            if not args:
                continue  # this user has no such object: not their page
            path = reverse(name, args=args)
        else:
            path = reverse(name)
        response = client.get(path)
        if response.status_code != 200:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if b'name="_confirmed"' in response.content:
            continue
        pages.append(Page(name, path))
    return pages, unfilled
