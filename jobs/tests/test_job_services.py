import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.models import Job, JobStatus
from jobs.services import (
    JobTransitionError,
    job_create,
    job_set_status,
    job_update,
    jobs_close_expired,
)
from jobs.tasks import close_expired_jobs
from jobs.tests.factories import JobFactory
from matching.tests.factories import SkillFactory

COMPLETE = {
    "title": "  Senior   Python Developer ",
    "description": "<p>Build APIs.</p><script>alert(1)</script>",
    "employment_type": "full_time",
    "experience_level": "senior",
    "city": "Berlin",
    "country": "de",
    "remote_policy": "hybrid",
    "salary_min": 5000,
    "salary_max": 6000,
    "salary_currency": "eur",
    "salary_period": "month",
}


@pytest.fixture
def draft(acme, olivia):
    return job_create(company=acme, posted_by=olivia, data=dict(COMPLETE))


def test_member_creates_a_normalised_draft(acme, tom):
    SkillFactory(name="Python", slug="python")
    job = job_create(
        company=acme,
        posted_by=tom,
        data=dict(COMPLETE),
        skills=[{"skill": "python", "is_required": False, "min_years": 3}],
    )
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT
    assert job.title == "Senior Python Developer"
    assert job.description == "<p>Build APIs.</p>"
    assert job.country == "DE"
    assert job.salary_currency == "EUR"
    assert (job.salary_min_yearly, job.salary_max_yearly) == (60000, 72000)
    assert job.slug.startswith("senior-python-developer-")
    assert job.published_at is None
    assert job.posted_by == tom
    assert [
        (s.skill.slug, s.is_required, s.min_years) for s in job.job_skills.all()
    ] == [("python", False, 3)]


def test_a_draft_may_be_incomplete(acme, olivia):
    job = job_create(company=acme, posted_by=olivia, data={"title": "Untitled role"})
    assert job.status == JobStatus.DRAFT
    assert job.description == ""


@pytest.mark.parametrize("persona", ["eve", "alice", "sam"])
def test_non_members_cannot_create(request, acme, globex, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        job_create(company=acme, posted_by=user, data=dict(COMPLETE))
    assert Job.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"salary_min": 7000, "salary_max": 6000}, "salary_max"),
        ({"salary_currency": "EURO"}, "salary_currency"),
        ({"salary_currency": "XYZ"}, "salary_currency"),
        ({"salary_currency": ""}, "salary_currency"),
        ({"country": "XX"}, "country"),
        ({"employment_type": "gig"}, "employment_type"),
        ({"title": ""}, "title"),
        ({"openings": 0}, "openings"),
    ],
)
def test_invalid_fields_are_refused_with_the_field_named(acme, olivia, changes, field):
    with pytest.raises(ValidationError) as exc:
        job_create(company=acme, posted_by=olivia, data={**COMPLETE, **changes})
    assert field in exc.value.message_dict
    assert Job.objects.count() == 0


def test_a_skill_that_does_not_link_is_kept_as_free_text(acme, olivia):
    job = job_create(
        company=acme,
        posted_by=olivia,
        data=dict(COMPLETE),
        skills=[{"skill": "no-such-skill-zz"}, {"skill": "python"}],
    )

    job.refresh_from_db()
    assert job.other_skills == ["no-such-skill-zz"]
    assert [js.skill.slug for js in job.job_skills.all()] == ["python"]


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("MS Excel", "microsoft-excel"),
        ("C#", "c-sharp"),
        ("C++", "c-plus-plus"),
        ("React.js", "react"),
        ("Structured query language (SQL)", "sql"),
        ("python", "python"),
    ],
)
def test_skills_as_written_are_linked_through_the_one_linker(
    acme, olivia, written, slug
):
    job = job_create(
        company=acme,
        posted_by=olivia,
        data=dict(COMPLETE),
        skills=[{"skill": written}],
    )

    job.refresh_from_db()
    assert [js.skill.slug for js in job.job_skills.all()] == [slug]
    assert job.other_skills == []


def test_updating_skills_replaces_the_free_text_ones_too(acme, olivia):
    job = job_create(
        company=acme,
        posted_by=olivia,
        data=dict(COMPLETE),
        skills=[{"skill": "Underwater basket weaving"}],
    )

    job_update(job=job, user=olivia, data={}, skills=[{"skill": "python"}])

    job.refresh_from_db()
    assert job.other_skills == []


def test_database_refuses_salary_min_above_max(acme):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobFactory(company=acme, salary_min=10, salary_max=5, salary_currency="EUR")


ALLOWED = {
    ("draft", "published"),
    ("published", "paused"),
    ("published", "closed"),
    ("paused", "published"),
    ("paused", "closed"),
    ("closed", "archived"),
}


@pytest.mark.parametrize("source", JobStatus.values)
@pytest.mark.parametrize("target", JobStatus.values)
def test_status_changes_follow_the_allowed_paths(acme, olivia, source, target):
    job = JobFactory(company=acme, status=source)
    if (source, target) in ALLOWED:
        job = job_set_status(job=job, user=olivia, status=target)
        assert Job.objects.get(pk=job.pk).status == target
    else:
        with pytest.raises(JobTransitionError):
            job_set_status(job=job, user=olivia, status=target)
        assert Job.objects.get(pk=job.pk).status == source


def test_closing_a_job_records_when_and_archiving_keeps_it(acme, olivia):
    job = JobFactory(company=acme, published=True)
    closed_at = timezone.now() - datetime.timedelta(days=2)

    job_set_status(job=job, user=olivia, status="paused", now=closed_at)
    assert Job.objects.get(pk=job.pk).closed_at is None
    job_set_status(job=job, user=olivia, status="closed", now=closed_at)
    assert Job.objects.get(pk=job.pk).closed_at == closed_at
    job_set_status(job=job, user=olivia, status="archived")
    assert Job.objects.get(pk=job.pk).closed_at == closed_at


def test_migration_dates_closed_jobs_by_their_last_change(acme):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "jobs.migrations.0008_job_closed_at_application_created_index"
    )
    changed = timezone.now() - datetime.timedelta(days=9)
    closed = JobFactory(company=acme, status="closed")
    archived = JobFactory(company=acme, status="archived")
    published = JobFactory(company=acme, published=True)
    Job.objects.update(updated_at=changed)

    migration.backfill_closed_at(apps, None)

    assert dict(Job.objects.values_list("pk", "closed_at")) == {
        closed.pk: changed,
        archived.pk: changed,
        published.pk: None,
    }


def test_unknown_status_is_a_validation_error(acme, olivia):
    job = JobFactory(company=acme)
    with pytest.raises(ValidationError):
        job_set_status(job=job, user=olivia, status="deleted")


def test_publishing_sets_published_at_once(draft, olivia):
    first = timezone.now() - datetime.timedelta(hours=2)
    job_set_status(job=draft, user=olivia, status="published", now=first)
    job_set_status(job=draft, user=olivia, status="paused")
    job_set_status(job=draft, user=olivia, status="published")
    draft.refresh_from_db()
    assert draft.status == JobStatus.PUBLISHED
    assert draft.published_at == first


def test_publishing_an_incomplete_draft_names_what_is_missing(acme, olivia):
    job = job_create(company=acme, posted_by=olivia, data={"title": "Barista"})
    with pytest.raises(ValidationError) as exc:
        job_set_status(job=job, user=olivia, status="published")
    assert sorted(exc.value.message_dict) == [
        "country",
        "description",
        "employment_type",
        "experience_level",
        "remote_policy",
    ]
    assert Job.objects.get(pk=job.pk).status == JobStatus.DRAFT


def test_publishing_needs_an_expiry_in_the_future(draft, olivia):
    Job.objects.filter(pk=draft.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError) as exc:
        job_set_status(job=draft, user=olivia, status="published")
    assert exc.value.message_dict == {
        "expires_at": ["The expiry date must be in the future."]
    }


@pytest.mark.parametrize("persona", ["eve", "alice", "sam"])
def test_only_members_change_status_or_edit(request, draft, globex, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        job_set_status(job=draft, user=user, status="published")
    with pytest.raises(PermissionDenied):
        job_update(job=draft, user=user, data={"title": "Hacked"})
    draft.refresh_from_db()
    assert (draft.status, draft.title) == ("draft", "Senior Python Developer")


def test_teammate_edits_and_a_published_job_stays_complete(draft, tom):
    job_set_status(job=draft, user=tom, status="published")
    job = job_update(job=draft, user=tom, data={"title": "Staff Python Developer"})
    assert job.title == "Staff Python Developer"
    with pytest.raises(ValidationError) as exc:
        job_update(job=draft, user=tom, data={"employment_type": ""})
    assert list(exc.value.message_dict) == ["employment_type"]
    assert Job.objects.get(pk=draft.pk).employment_type == "full_time"


def test_expired_jobs_leave_search_and_get_closed(acme):
    past = timezone.now() - datetime.timedelta(hours=1)
    future = timezone.now() + datetime.timedelta(days=3)
    expired = JobFactory(company=acme, published=True, expires_at=past)
    paused = JobFactory(company=acme, status="paused", expires_at=past)
    current = JobFactory(company=acme, published=True, expires_at=future)
    forever = JobFactory(company=acme, published=True)
    assert set(Job.objects.published()) == {current, forever}

    assert close_expired_jobs.delay().get() == 2

    assert {j.pk: j.status for j in Job.objects.all()} == {
        expired.pk: "closed",
        paused.pk: "closed",
        current.pk: "published",
        forever.pk: "published",
    }
    closed_at = Job.objects.get(pk=expired.pk).closed_at
    assert past < closed_at <= timezone.now()
    assert Job.objects.get(pk=paused.pk).closed_at == closed_at
    assert Job.objects.get(pk=current.pk).closed_at is None
    assert jobs_close_expired() == 0


def test_visible_to_per_persona(acme, globex, alice, olivia, tom, eve, sam):
    public = JobFactory(company=acme, published=True)
    draft = JobFactory(company=acme)
    other_draft = JobFactory(company=globex)
    from django.contrib.auth.models import AnonymousUser

    assert set(Job.objects.visible_to(AnonymousUser())) == {public}
    assert set(Job.objects.visible_to(alice)) == {public}
    assert set(Job.objects.visible_to(olivia)) == {public, draft}
    assert set(Job.objects.visible_to(tom)) == {public, draft}
    assert set(Job.objects.visible_to(eve)) == {public, other_draft}
    assert set(Job.objects.visible_to(sam)) == {public, draft, other_draft}
