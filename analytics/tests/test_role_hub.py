"""The dashboard is each role's hub: its sections link every page of the role,
and the objects people work on link straight to their pages."""

import re

import pytest

from candidates.tests.factories import make_profile
from e2e.conftest import open_job
from jobs.models import Application

pytestmark = pytest.mark.django_db

EVERYONE = [
    "/messages/",
    "/notifications/",
    "/notifications/preferences/",
    "/insights/",
    "/accounts/settings/",
    "/accounts/password/change/",
]


def hub_links(client):
    html = client.get("/dashboard/").content.decode()
    hub = html[html.index('<div class="grid hub">') :]
    return re.findall(r'<li><a href="([^"]+)">', hub)


@pytest.fixture
def job(acme):
    return open_job(acme, title="Backend Developer", slug="backend", skills=["python"])


def test_candidate_hub_lists_recommendations_and_applications(client, alice, job):
    make_profile(alice, skills=["Python"], headline="Python developer")
    other = open_job(job.company, title="Data Engineer", slug="data", skills=["python"])
    application = Application.objects.create(job=other, candidate=alice)
    client.force_login(alice)

    html = client.get("/dashboard/").content.decode()

    assert hub_links(client) == [
        "/jobs/",
        "/recommendations/",
        "/saved-jobs/",
        "/alerts/",
        "/profile/",
        "/documents/",
        "/resume-analysis/",
        "/applications/",
        "/recruiter-requests/",
        *EVERYONE,
    ]
    assert '<a href="/jobs/backend/">Backend Developer</a>' in html
    assert '<a href="/jobs/backend/match/">' in html
    assert f'<a href="/applications/{application.pk}/">Data Engineer</a>' in html


def test_employer_hub_links_each_open_job_and_the_newest_applications(
    client, olivia, alice, job, django_assert_max_num_queries
):
    application = Application.objects.create(job=job, candidate=alice)
    client.force_login(olivia)

    with django_assert_max_num_queries(12):
        html = client.get("/dashboard/").content.decode()

    assert hub_links(client) == [
        "/jobs/new/",
        "/company-jobs/",
        "/candidates/",
        "/agency-engagements/",
        "/agency-submissions/",
        "/companies/acme/",
        "/companies/acme/team/",
        "/companies/acme/settings/",
        "/companies/new/",
        *EVERYONE,
    ]
    for href in [
        "/jobs/backend/pipeline/",
        "/jobs/backend/ranked/",
        "/jobs/backend/advice/",
        "/jobs/backend/edit/",
        f"/insights/jobs/{job.pk}/",
        f"/applications/{application.pk}/",
    ]:
        assert f'<a href="{href}">' in html, href


def test_recruiter_hub_starts_with_the_agency_desk(client, rita, agency):
    client.force_login(rita)

    assert hub_links(client)[:7] == [
        "/recruiter/",
        "/recruiter/clients/",
        "/recruiter/pool/",
        "/recruiter/submissions/",
        "/recruiter/placements/",
        "/recruiter/reports/",
        "/jobs/new/",
    ]


def test_staff_hub_links_the_admin_and_candidate_search(client, alice):
    alice.is_staff = True
    alice.save()
    client.force_login(alice)

    assert hub_links(client)[-2:] == ["/admin/", "/candidates/"]


@pytest.fixture
def rita_agency_job(rita, agency, acme, olivia):
    """rita's agency runs a job for its client Acme."""
    from jobs.tests.factories import JobFactory
    from recruiters import services

    engagement = services.engagement_create(
        user=rita,
        agency=agency,
        client=acme,
        fee_type="percent",
        fee_percent="20.00",
        currency="EUR",
        guarantee_days=90,
        contact_name="Olivia Owner",
        contact_email="olivia@acme.test",
        recruiters=[rita],
    )
    engagement = services.engagement_accept(user=olivia, engagement=engagement)
    job = JobFactory(company=acme, agency=agency, posted_by=rita, slug="run")
    return rita, engagement, job


def test_a_recruiter_hub_links_each_client_and_agency_job(client, rita_agency_job):
    rita, engagement, job = rita_agency_job
    client.force_login(rita)

    links = hub_links(client)

    position = links.index(f"/recruiter/clients/{engagement.pk}/")
    assert links[position : position + 4] == [
        f"/recruiter/clients/{engagement.pk}/",
        f"/recruiter/clients/{engagement.pk}/edit/",
        f"/recruiter/clients/{engagement.pk}/jobs/new/",
        f"/recruiter/jobs/{job.pk}/edit/",
    ]


def test_an_outsider_hub_shows_no_other_company(client, eve, job, alice):
    Application.objects.create(job=job, candidate=alice)
    client.force_login(eve)

    html = client.get("/dashboard/").content.decode()

    assert "/jobs/backend/pipeline/" not in html
    assert "acme" not in html


def test_the_hub_needs_login(client, db):
    assert client.get("/dashboard/")["Location"] == "/accounts/login/?next=/dashboard/"
