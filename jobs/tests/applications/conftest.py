"""Fixtures and builders of the applications tests."""

import datetime
import hashlib
import itertools

import pytest
from django.utils import timezone

from jobs.models import Application, ApplicationEvent, Stage
from jobs.tests.factories import JobFactory

_counter = itertools.count(1)


def make_document(owner, *, kind="resume", is_default=False, name="CV"):
    """A ready Document row over a StoredFile row (no bytes needed)."""
    from documents.models import Document, DocumentStatus, StoredFile

    n = next(_counter)
    sha = hashlib.sha256(f"doc-{n}-{owner.pk}".encode()).hexdigest()
    blob = StoredFile.objects.create(
        sha256=sha, storage_name=f"test/{sha}", size=100, content_type="application/pdf"
    )
    return Document.objects.create(
        owner=owner,
        kind=kind,
        name=name,
        original_filename=f"{name}.pdf",
        content_type="application/pdf",
        size=100,
        sha256=sha,
        blob=blob,
        status=DocumentStatus.READY,
        is_default=is_default,
    )


def make_application(job, candidate, *, stage=Stage.APPLIED, **fields):
    """An application written directly in `stage`, with its 'applied' event."""
    if stage == Stage.REJECTED:
        fields.setdefault("rejection_reason", "skills")
    application = Application.objects.create(
        job=job, candidate=candidate, stage=stage, **fields
    )
    ApplicationEvent.objects.create(
        application=application, actor=candidate, from_stage="", to_stage="applied"
    )
    if stage != Stage.APPLIED:
        ApplicationEvent.objects.create(
            application=application, from_stage="applied", to_stage=stage
        )
    return application


@pytest.fixture
def acme_job(acme, olivia):
    return JobFactory(
        company=acme,
        posted_by=olivia,
        title="Backend Engineer",
        slug="backend",
        published=True,
    )


@pytest.fixture
def globex_job(globex):
    return JobFactory(
        company=globex, title="Globex Analyst", slug="analyst", published=True
    )


@pytest.fixture
def closed_job(acme):
    from jobs.models import JobStatus

    return JobFactory(
        company=acme,
        slug="closed-role",
        status=JobStatus.CLOSED,
        published_at=timezone.now() - datetime.timedelta(days=30),
    )


@pytest.fixture
def alice_resume(alice):
    return make_document(alice, is_default=True, name="Alice CV")


@pytest.fixture
def alice_application(acme_job, alice):
    return make_application(acme_job, alice)


def future(days=3, hour=14):
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)
