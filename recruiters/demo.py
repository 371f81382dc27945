"""Demo agency data (idempotent): TalentBridge Partners (talentbridge, owner
recruiter@hotgigs.test) proposed to work for Globex Health (20 %) and Initech
Finance (flat fee), and their owners accepted; it runs a job for each, has a
talent pool (candidates visible to recruiters), submissions in every status and
one invoiced placement. Its proposal to Northwind Labs waits for an answer (the
employer's /agency-engagements/ page). Skips quietly when the demo companies or
users are missing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from companies.models import Company
from jobs.models import Job
from jobs.services.applications import application_transition
from recruiters import services
from recruiters.models import ClientEngagement, Submission
from recruiters.permissions import MANAGER_ROLES

JOBS = {
    "globex-health": {
        "title": "Platform Engineer (Healthcare)",
        "description": "<p>Run the platform behind our telemedicine products.</p>",
        "employment_type": "full_time",
        "experience_level": "senior",
        "remote_policy": "hybrid",
        "city": "Boston",
        "country": "US",
        "salary_min": 130000,
        "salary_max": 160000,
        "salary_currency": "USD",
        "openings": 2,
    },
    "initech-finance": {
        "title": "Payments Backend Engineer",
        "description": "<p>Build the ledger and payment rails banks rely on.</p>",
        "employment_type": "full_time",
        "experience_level": "mid",
        "remote_policy": "remote",
        "country": "GB",
        "salary_min": 70000,
        "salary_max": 90000,
        "salary_currency": "GBP",
        "openings": 1,
    },
}

TERMS = {
    "globex-health": {"fee_type": "percent", "fee_percent": "20.00", "currency": "USD"},
    "initech-finance": {"fee_type": "flat", "flat_fee": "9000.00", "currency": "GBP"},
}


def _client_manager(client):
    return (
        User.objects.filter(
            memberships__company=client, memberships__role__in=MANAGER_ROLES
        )
        .order_by("memberships__created_at", "pk")
        .first()
    )


def _proposal(owner, agency, client, terms):
    existing = ClientEngagement.objects.filter(agency=agency, client=client).open()
    if existing.exists():
        return existing.get()
    return services.engagement_create(
        user=owner,
        agency=agency,
        client=client,
        guarantee_days=90,
        payment_terms_days=30,
        contact_name=f"{client.name} hiring team",
        recruiters=[owner],
        **terms,
    )


def _engagement(owner, agency, client):
    """The agency proposes; the client's owner accepts (as on the site)."""
    engagement = _proposal(owner, agency, client, TERMS[client.slug])
    if engagement.is_proposed:
        engagement = services.engagement_accept(
            user=_client_manager(client), engagement=engagement
        )
    return engagement


def _job(owner, engagement):
    data = JOBS[engagement.client.slug]
    job = Job.objects.filter(
        agency=engagement.agency, company=engagement.client, title=data["title"]
    ).first()
    if job is None:
        job = services.job_create_for_client(
            user=owner, engagement=engagement, data=data
        )
    if job.status == "draft":
        job = services.job_set_status_for_client(
            user=owner, job=job, status="published"
        )
    return job


@transaction.atomic
def seed(*, options, log):
    agency = Company.objects.filter(slug="talentbridge").first()
    owner = User.objects.filter(email="recruiter@hotgigs.test").first()
    clients = list(Company.objects.filter(slug__in=list(JOBS)).order_by("slug"))
    if (
        agency is None
        or owner is None
        or len(clients) != 2
        or not all(_client_manager(c) for c in clients)
    ):
        log("recruiters: demo companies missing, skipped")
        return
    engagements = {c.slug: _engagement(owner, agency, c) for c in clients}
    jobs = {slug: _job(owner, e) for slug, e in engagements.items()}
    northwind = Company.objects.filter(slug="northwind-labs").first()
    if northwind is not None and _client_manager(northwind) is not None:
        _proposal(
            owner, agency, northwind, {"fee_type": "percent", "fee_percent": "18.00"}
        )
    if Submission.objects.filter(agency=agency).exists():
        log("recruiters: demo agency ready (already seeded)")
        return
    # Only candidates the agency may see go into its pool (and get submitted).
    people = [
        user
        for user in User.objects.filter(email__startswith="demo-candidate-").order_by(
            "email"
        )
        if services.candidate_profile_for_agency(
            user=owner, agency=agency, candidate_id=user.pk
        )
    ][:6]
    if len(people) < 5:
        log("recruiters: demo candidates missing, pool and submissions skipped")
        return
    for n, person in enumerate(people):
        services.talent_pool_add(
            user=owner,
            agency=agency,
            candidate=person,
            tags=["demo", "senior" if n % 2 else "mid"],
            notes="Met at the Amsterdam meetup." if n == 0 else "",
            source="search",
        )
    globex, initech = engagements["globex-health"], engagements["initech-finance"]
    g_job, i_job = jobs["globex-health"], jobs["initech-finance"]

    def submit(engagement, job, person, pitch):
        return services.submission_create(
            user=owner, engagement=engagement, job=job, candidate=person, pitch=pitch
        )

    submit(globex, g_job, people[1], "Strong Kubernetes background; open to Boston.")
    accepted = submit(globex, g_job, people[2], "Led a platform team of five.")
    services.submission_accept(user=people[2], submission=accepted)
    declined = submit(globex, g_job, people[3], "Great fit on paper.")
    services.submission_decline(user=people[3], submission=declined)
    withdrawn = submit(initech, i_job, people[4], "Payments experience.")
    services.submission_withdraw(user=owner, submission=withdrawn)
    placed = submit(initech, i_job, people[0], "Built a ledger at a fintech.")
    placed = services.submission_accept(user=people[0], submission=placed)
    hirer = User.objects.filter(memberships__company=initech.client).first() or owner
    application_transition(
        application=placed.application,
        to_stage="hired",
        actor=hirer,
        notify_candidate=False,
    )
    placement = services.placement_create_from_application(
        user=owner,
        application=placed.application,
        agreed_annual_salary="85000.00",
        currency="GBP",
        start_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    services.placement_transition(user=owner, placement=placement, to_status="invoiced")
    log("recruiters: TalentBridge clients, jobs, pool, submissions, placement ready")
