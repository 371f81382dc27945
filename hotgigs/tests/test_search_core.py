"""The search core both searches share (hotgigs.search): one cache-key digest,
one weighted-vector builder."""

import hashlib
from datetime import date

import pytest
from django.db import connection

from candidates.search import CandidateSearchParams
from hotgigs.search import params_digest
from jobs.search import JobSearchParams
from jobs.services import refresh_search_vectors
from jobs.tests.factories import JobFactory, JobSkillFactory
from matching.tests.factories import SkillFactory


def test_params_digest_is_the_sha256_of_sorted_json():
    value = {"b": 1, "a": date(2026, 1, 2)}
    expected = hashlib.sha256(b'{"a": "2026-01-02", "b": 1}').hexdigest()
    assert params_digest(value) == expected[:32]
    assert params_digest(value, length=64) == expected


def test_params_digest_reads_dataclasses_and_tells_searches_apart():
    assert params_digest(JobSearchParams(q="python")) == params_digest(
        JobSearchParams(q="python")
    )
    assert params_digest(JobSearchParams(q="python")) != params_digest(
        JobSearchParams(q="django")
    )
    key = CandidateSearchParams(q="python").cache_key("v1")
    assert key.startswith("candidates:search:v1:")
    # `extra` (unvalidated page state) never splits the cache.
    assert CandidateSearchParams(q="python", extra={"page": 2}).cache_key("v1") == key


# The statement refresh_search_vectors ran before it used weighted_vector.
RAW_JOB_VECTOR = """
SELECT j.id, j.search_vector::text, (
    setweight(to_tsvector('english', j.title), 'A')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(s.name, ' ')
        FROM jobs_jobskill js JOIN matching_skill s ON s.id = js.skill_id
        WHERE js.job_id = j.id), '')), 'B')
    || setweight(to_tsvector('english', c.name), 'C')
    || setweight(to_tsvector('english', j.description), 'D'))::text
FROM jobs_job j JOIN companies_company c ON c.id = j.company_id ORDER BY j.id
"""


def job_vectors():
    with connection.cursor() as cursor:
        cursor.execute(RAW_JOB_VECTOR)
        return cursor.fetchall()


@pytest.mark.postgres(reason="the stored tsvector exists only on PostgreSQL")
@pytest.mark.django_db
def test_job_vector_is_the_weighted_title_skills_company_description(acme):
    job = JobFactory(
        company=acme, title="Backend Engineer", description="<p>Ship it</p>"
    )
    JobSkillFactory(job=job, skill=SkillFactory(name="Python", slug="python"))
    other = JobFactory(company=acme, title="Designer")
    refresh_search_vectors(job_ids=[job.pk])
    first, second = job_vectors()
    assert first == (
        job.pk,
        "'acm':4C 'backend':1A 'engin':2A 'python':3B 'ship':5",
        "'acm':4C 'backend':1A 'engin':2A 'python':3B 'ship':5",
    )
    assert second[:2] == (other.pk, None)  # only the jobs asked for
    refresh_search_vectors(missing_only=True)
    first, second = job_vectors()
    assert second[1] == second[2] != first[1]
