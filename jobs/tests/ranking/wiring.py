"""Hand-made jobs and profiles for the wiring tests (rows, not engine dataclasses)."""

import datetime

from django.utils import timezone

from candidates.tests.factories import make_profile
from companies.tests.factories import CompanyFactory
from jobs.models import JobSkill, JobStatus
from jobs.tests.factories import JobFactory
from matching.models import Skill


def add_skills(job, required=(), nice=()):
    for slug in required:
        JobSkill.objects.create(job=job, skill=Skill.objects.get(slug=slug))
    for slug in nice:
        JobSkill.objects.create(
            job=job, skill=Skill.objects.get(slug=slug), is_required=False
        )
    return job


def backend_job(company, **kw):
    """Acme's backend job: Python and Django required, Docker nice to have."""
    fields = {
        "company": company,
        "title": "Backend Developer",
        "slug": "backend-developer",
        "description": "<p>Build our Python and Django services.</p>",
        "experience_level": "mid",
        "min_years_experience": 3,
        "city": "Berlin",
        "country": "DE",
        "remote_policy": "onsite",
        "salary_min": 60000,
        "salary_max": 80000,
        "salary_currency": "EUR",
        "published": True,
    } | kw
    job = JobFactory(**fields)
    return add_skills(job, required=["python", "django"], nice=["docker"])


def published_job(title, *, skills=("python",), days_ago=1, company=None, **kw):
    job = JobFactory(
        company=company or CompanyFactory(),
        title=title,
        status=JobStatus.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
        **kw,
    )
    return add_skills(job, required=skills)


def alice_profile(alice, **kw):
    fields = {
        "headline": "Python developer",
        "city": "Berlin",
        "country": "DE",
        "years_experience": 5,
        "experience_level": "mid",
        "desired_salary_min": 65000,
        "salary_currency": "EUR",
    } | kw
    return make_profile(alice, skills=["Python", "Django"], **fields)
