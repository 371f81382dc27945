"""Renamed companies: the beat task re-indexes their jobs (companies cannot call
jobs), in bounded batches that continue where they stopped."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from companies.models import Company
from companies.services import company_update
from jobs.search_cache import search_version
from jobs.services import jobs as job_services
from jobs.services import jobs_refresh_changed_companies, refresh_search_vectors
from jobs.tasks import refresh_changed_companies
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def settled(acme, globex):
    """Two acme jobs and one globex job, indexed; every company long unchanged and
    the last run 30 minutes ago."""
    jobs = [
        JobFactory(company=acme, title="Backend Engineer", published=True),
        JobFactory(company=acme, title="Designer", published=True),
        JobFactory(company=globex, title="Analyst", published=True),
    ]
    refresh_search_vectors()
    now = timezone.now()
    Company.objects.update(updated_at=now - datetime.timedelta(hours=1))
    cache.set(
        job_services.CHANGED_COMPANIES_MARK,
        (now - datetime.timedelta(minutes=30), 0, True),
        None,
    )
    return jobs


def _indexed_for(word):
    from django.contrib.postgres.search import SearchQuery

    from jobs.models import Job

    found = Job.objects.filter(search_vector=SearchQuery(word, config="english"))
    return sorted(found.values_list("title", flat=True))


def test_renamed_company_jobs_are_reindexed_once(
    settled, acme, olivia, django_capture_on_commit_callbacks
):
    company_update(user=olivia, company=acme, name="Initech")
    before = search_version()

    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_changed_companies() == 2

    assert search_version() != before
    with django_capture_on_commit_callbacks(execute=True):
        # the overlap looks back 2 minutes: acme again, nothing else
        assert jobs_refresh_changed_companies() == 2
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert jobs_refresh_changed_companies(now=later) == 2  # still in the overlap
    later += datetime.timedelta(minutes=5)
    assert jobs_refresh_changed_companies(now=later) == 0


@pytest.mark.postgres
def test_search_finds_jobs_under_the_new_name(
    settled, acme, olivia, django_capture_on_commit_callbacks
):
    if connection.vendor != "postgresql":
        pytest.skip("search vectors are PostgreSQL only")
    company_update(user=olivia, company=acme, name="Initech")
    assert _indexed_for("initech") == []

    with django_capture_on_commit_callbacks(execute=True):
        refresh_changed_companies()

    assert _indexed_for("initech") == ["Backend Engineer", "Designer"]
    assert _indexed_for("acme") == []


def test_nothing_changed_is_a_no_op(settled):
    before = search_version()
    assert jobs_refresh_changed_companies() == 0
    assert search_version() == before


def test_full_batches_continue_where_they_stopped(
    settled, acme, globex, olivia, eve, monkeypatch
):
    monkeypatch.setattr(job_services, "CHANGED_COMPANIES_BATCH", 1)
    company_update(user=olivia, company=acme, name="Initech")
    company_update(user=eve, company=globex, name="Globex Corporation")
    now = timezone.now()

    assert jobs_refresh_changed_companies(now=now) == 2  # acme's two jobs
    mark = cache.get(job_services.CHANGED_COMPANIES_MARK)
    assert mark == (Company.objects.get(pk=acme.pk).updated_at, acme.pk, False)
    assert jobs_refresh_changed_companies(now=now) == 1  # globex's one
    assert jobs_refresh_changed_companies(now=now) == 0  # batch not full: done
    assert cache.get(job_services.CHANGED_COMPANIES_MARK) == (now, 0, True)


def test_lost_mark_looks_back_one_day(settled, acme):
    cache.delete(job_services.CHANGED_COMPANIES_MARK)
    Company.objects.filter(pk=acme.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=23)
    )
    Company.objects.exclude(pk=acme.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert jobs_refresh_changed_companies() == 2
