"""{% load role_hub %}{% role_hub %}: the dashboard as each role's hub.

Every page of a role is one or two clicks from here (a test crawls it:
e2e/test_hubs.py): the role's sections as cards of links, and for the objects
people work on (an employer's open jobs, the newest applications, a candidate's
recommendations and applications) direct links to their pages. Kept out of
accounts, which sits below the apps whose rows it lists (see the layers in
docs/architecture.md); analytics owns the per-role dashboards.
"""

from django import template
from django.urls import reverse

from companies.selectors import companies_for_user
from jobs.ranking.builders import profile_for_scoring
from jobs.ranking.selectors import recommendations_for
from jobs.selectors.applications import (
    applications_for_candidate,
    applications_for_team,
)
from jobs.selectors.jobs import company_jobs_for
from recruiters.selectors import agency_jobs_for_hub, engagements_for_hub

register = template.Library()

HUB_ROWS = 5


def _link(name, text, *args, hint=""):
    return {"href": reverse(name, args=args), "text": text, "hint": hint}


def _candidate_hub(user):
    profile = profile_for_scoring(user)
    recommended = recommendations_for(profile=profile, limit=3) if profile else []
    applications = list(applications_for_candidate(user)[:HUB_ROWS])
    sections = [
        (
            "Find work",
            [
                _link("jobs:search", "Search jobs"),
                _link("ranking:recommendations", "Recommended for you"),
                _link("jobs:saved-jobs", "Saved jobs"),
                _link("jobs:alerts", "Job alerts"),
            ],
        ),
        (
            "Your profile",
            [
                _link("candidates:profile", "Profile"),
                _link("documents:list", "Resume and documents"),
                _link("ranking:resume-analysis", "Resume analysis"),
            ],
        ),
        (
            "Applications",
            [
                _link("jobs:my-applications", "My applications"),
                _link("recruiters:requests", "Recruiter requests"),
            ],
        ),
    ]
    return {
        "sections": sections,
        "recommended": recommended,
        "applications": applications,
    }


def _team_hub(user):
    companies = list(companies_for_user(user).distinct()[:HUB_ROWS])
    jobs = list(company_jobs_for(user).filter(status="published")[:HUB_ROWS])
    applications = list(
        applications_for_team(user).select_related("candidate")[:HUB_ROWS]
    )
    hiring = [
        _link("jobs:create", "Post a job"),
        _link("jobs:company_jobs", "Your company's jobs"),
        _link("candidates:search", "Search candidates"),
    ]
    if user.role == "employer":
        hiring += [
            _link("recruiters:agency_engagements", "Agencies"),
            _link("recruiters:client_submissions", "Agency submissions"),
        ]
    company_links = []
    for company in companies:
        company_links += [
            _link("companies:detail", f"{company.name}: public page", company.slug),
            _link("companies:team", f"{company.name}: team", company.slug),
            _link("companies:settings", f"{company.name}: settings", company.slug),
        ]
    company_links.append(_link("companies:new", "Create a company"))
    sections = [("Hiring", hiring), ("Company", company_links)]
    if user.role == "recruiter":
        sections.insert(
            0,
            (
                "Agency desk",
                [
                    _link("recruiters:dashboard", "Recruiter desk"),
                    _link("recruiters:clients", "Clients"),
                    _link("recruiters:pool", "Talent pool"),
                    _link("recruiters:submissions", "Submissions"),
                    _link("recruiters:placements", "Placements"),
                    _link("recruiters:reports", "Reports"),
                ],
            ),
        )
        sections.insert(1, ("Clients", _client_links(user)))
    return {"sections": sections, "jobs": jobs, "team_applications": applications}


def _client_links(user):
    """A recruiter's newest active clients, each with its edit and new-job pages,
    and the jobs the agency runs for them, each with its edit page."""
    links = []
    for engagement in engagements_for_hub(user, limit=HUB_ROWS):
        name = engagement.client.name
        links += [
            _link("recruiters:client_detail", name, engagement.pk),
            _link("recruiters:client_edit", f"{name}: edit", engagement.pk),
            _link("recruiters:client_job_new", f"{name}: new job", engagement.pk),
        ]
    for job in agency_jobs_for_hub(user, limit=HUB_ROWS):
        links.append(_link("recruiters:job_edit", f"Edit “{job.title}”", job.pk))
    return links


@register.inclusion_tag("analytics/_role_hub.html", takes_context=True)
def role_hub(context):
    user = context["user"]
    hub = _team_hub(user) if user.role in ("employer", "recruiter") else {}
    if not hub:
        hub = _candidate_hub(user)
    everyone = [
        _link("notifications:inbox", "Messages"),
        _link("notifications:centre", "Notifications"),
        _link("notifications:preferences", "Notification settings"),
        _link("analytics:insights", "Insights"),
        _link("accounts:settings", "Account settings"),
        _link("accounts:password_change", "Change password"),
    ]
    if user.is_staff:
        everyone += [
            _link("admin:index", "Admin"),
            _link("candidates:search", "Search candidates"),
        ]
    hub["sections"] = [*hub["sections"], ("You", everyone)]
    hub["user"] = user
    return hub
