"""Every dashboard runs a fixed number of queries, whatever the data size."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.tests.factories import UserFactory
from analytics.tests.conftest import make_application, view_events
from jobs.models import Stage
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

# Session/user/membership lookups + the report's own queries.
EMPLOYER_MAX = 16
CANDIDATE_MAX = 8
PLATFORM_MAX = 14


def _grow(company, n):
    for i in range(n):
        job = JobFactory(company=company, slug=f"grow-{company.pk}-{i}", published=True)
        make_application(
            job,
            UserFactory(email=f"grow{company.pk}-{i}@example.com"),
            path=[(Stage.SCREENING, job.created_at)],
        )
        view_events(job, count=2, day=job.created_at.date())


@pytest.mark.parametrize("size", [0, 6])
def test_employer_page_and_api(
    size, client, api_as, olivia, acme, funnel, django_assert_max_num_queries
):
    _grow(acme, size)
    client.force_login(olivia)
    with django_assert_max_num_queries(EMPLOYER_MAX):
        assert client.get(reverse("analytics:insights")).status_code == 200
    cache.clear()  # the API computes afresh
    with django_assert_max_num_queries(EMPLOYER_MAX):
        assert api_as(olivia).get("/api/v1/analytics/dashboard/").status_code == 200


@pytest.mark.parametrize("size", [0, 6])
def test_candidate_page(size, client, alice, acme, django_assert_max_num_queries):
    for i in range(size):
        make_application(JobFactory(company=acme, slug=f"cand-{i}"), alice)
    client.force_login(alice)
    with django_assert_max_num_queries(CANDIDATE_MAX):
        assert client.get(reverse("analytics:insights")).status_code == 200


@pytest.mark.parametrize("size", [0, 6])
def test_platform_page(size, client, sam, acme, funnel, django_assert_max_num_queries):
    _grow(acme, size)
    client.force_login(sam)
    with django_assert_max_num_queries(PLATFORM_MAX):
        assert client.get(reverse("analytics:insights")).status_code == 200


def test_repeat_page_within_the_version_runs_no_report_query(
    client, olivia, funnel, django_assert_max_num_queries
):
    client.force_login(olivia)
    client.get(reverse("analytics:insights"))
    # Only the session, the user and the company choice remain.
    with django_assert_max_num_queries(5):
        client.get(reverse("analytics:insights"))
