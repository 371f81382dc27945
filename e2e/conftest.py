"""What the journeys share: private files in a temp folder, and seed builders.

Journeys seed what they need through factories and services (never through the
demo command), then drive the site in a real browser like its users do.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.utils import timezone

from hotgigs.testing import deployed
from jobs.models import JobSkill
from jobs.tests.factories import JobFactory
from matching.models import Skill


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    if deployed.BASE_URL:
        return  # the deployment's own folder, which its nodes read too
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def taxonomy(request):
    """The skills taxonomy: loaded by a migration, but a transactional test
    before this one may have flushed it."""
    if "django_db" not in {m.name for m in request.node.iter_markers()}:
        return
    request.getfixturevalue("db")
    from matching.services import taxonomy_load

    if not Skill.objects.exists():
        taxonomy_load()


def off_loop(function, /, *args, **kwargs):
    """Call a service from a plain thread: Playwright's sync API keeps an event
    loop in the test's thread, where the services' live pushes (async_to_sync)
    would refuse to run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_closing_connections, function, *args, **kwargs).result()


def _closing_connections(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    finally:
        connections.close_all()


def open_job(company, *, title, slug, skills=(), nice=(), **fields):
    """A published job with required and nice-to-have skills, searchable now."""
    from jobs.services.jobs import refresh_search_vectors

    values = {
        "company": company,
        "title": title,
        "slug": slug,
        "description": f"<p>{title}: build and run our services with us.</p>",
        "city": "Berlin",
        "country": "DE",
        "experience_level": "mid",
        "salary_min": 60000,
        "salary_max": 80000,
        "salary_currency": "EUR",
        "published": True,
        "published_at": timezone.now(),
    } | fields
    job = JobFactory(**values)
    for slug_ in skills:
        JobSkill.objects.create(job=job, skill=Skill.objects.get(slug=slug_))
    for slug_ in nice:
        JobSkill.objects.create(
            job=job, skill=Skill.objects.get(slug=slug_), is_required=False
        )
    refresh_search_vectors(job_ids=[job.pk])
    return job
