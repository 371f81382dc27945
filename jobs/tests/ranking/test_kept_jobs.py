"""The JobData a process keeps between recommendations (`builders.kept_jobs`):
a kept job is served without reading its rows again, and never once the job,
its skills or the taxonomy changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import Job
from jobs.ranking import builders
from jobs.services.jobs import job_update
from jobs.tests.ranking.wiring import backend_job, published_job
from matching.models import Skill
from matching.services import taxonomy_bump_version
from matching.skills import taxonomy_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(acme):
    return [
        backend_job(acme),
        published_job("Data Engineer", skills=("python", "docker"), company=acme),
    ]


def _queries(ids) -> tuple[list, int]:
    taxonomy_version()  # the token is cached apart from the jobs
    with CaptureQueriesContext(connection) as captured:
        data = builders.job_data_for_ids(ids)
    return sorted(data, key=lambda d: d.id), len(captured)


def test_a_kept_job_costs_one_query_and_is_the_same_data(jobs):
    ids = [j.pk for j in jobs]
    first, cold = _queries(ids)
    again, warm = _queries(ids)

    assert (cold, warm) == (3, 1)  # stamps, then rows and skills only on a miss
    assert again == first == sorted(builders.load_job_data(ids), key=lambda d: d.id)
    assert all(a is b for a, b in zip(again, first, strict=True))  # kept objects
    assert len(builders.kept_jobs) == 2


def test_only_the_jobs_not_kept_are_read(jobs, acme, monkeypatch):
    builders.job_data_for_ids([jobs[0].pk])
    third = published_job("Platform Engineer", skills=("go",), company=acme)
    loaded = []
    load = builders.load_job_data
    monkeypatch.setattr(
        builders, "load_job_data", lambda ids: loaded.append(list(ids)) or load(ids)
    )

    data = builders.job_data_for_ids([jobs[0].pk, third.pk])

    assert sorted(d.id for d in data) == sorted([jobs[0].pk, third.pk])
    assert loaded == [[third.pk]]


def test_an_edited_job_is_read_again(jobs, olivia):
    job = jobs[0]
    builders.job_data_for_ids([job.pk])

    job_update(
        job=job,
        user=olivia,
        data={"title": "Staff Backend Developer"},
        skills=[{"skill": "go", "is_required": True}, {"skill": "Basket weaving"}],
    )
    (data,), queries = _queries([job.pk])

    assert queries == 3
    assert data.title == "Staff Backend Developer"
    assert [s.slug for s in data.skills] == ["go"]
    assert data.text.startswith("Staff Backend Developer\nGo Basket weaving\n")
    assert data == builders.job_data_for(builders.jobs_for_scoring().get(pk=job.pk))


def test_a_renamed_skill_is_read_again(jobs):
    job = jobs[1]
    builders.job_data_for_ids([job.pk])
    Skill.objects.filter(slug="docker").update(name="Docker Engine")
    taxonomy_bump_version()

    (data,), queries = _queries([job.pk])

    assert queries == 3
    assert sorted(s.name for s in data.skills) == ["Docker Engine", "Python"]


def test_a_deleted_job_is_not_served(jobs):
    ids = [j.pk for j in jobs]
    builders.job_data_for_ids(ids)
    Job.objects.filter(pk=ids[0]).delete()

    data, queries = _queries(ids)

    assert [d.id for d in data] == [ids[1]]
    assert queries == 1


def test_the_kept_jobs_are_bounded(jobs, monkeypatch):
    small = type(builders.kept_jobs)(1)
    monkeypatch.setattr(builders, "kept_jobs", small)

    builders.job_data_for_ids([j.pk for j in jobs])
    assert len(small) == 1
    _, queries = _queries([jobs[0].pk, jobs[1].pk])
    assert queries == 3  # one of the two was dropped: read again


def test_stamps_read_with_the_ids_spare_the_stamps_query(jobs):
    stamps = dict(Job.objects.values_list("id", "updated_at"))
    builders.job_data_for_stamps(stamps)
    taxonomy_version()

    with CaptureQueriesContext(connection) as captured:
        data = builders.job_data_for_stamps(stamps)

    assert len(captured) == 0
    assert sorted(d.id for d in data) == sorted(stamps)
    assert builders.job_data_for_stamps({}) == []


def test_the_recommendation_pool_reads_its_jobs_stamps(alice, jobs, acme):
    from jobs.ranking import pools
    from jobs.tests.ranking.wiring import alice_profile

    profile = builders.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    candidate = builders.candidate_data_for(profile)

    stamps = pools.recommendation_pool_stamps(profile=profile, candidate=candidate)

    assert stamps == dict(Job.objects.values_list("id", "updated_at"))
    assert pools.recommendation_pool(profile=profile, candidate=candidate) == sorted(
        stamps, reverse=True
    )
