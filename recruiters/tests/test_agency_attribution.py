"""A job an agency runs says so everywhere it is shown: the
job page, the search cards, the company page, the apply page, the API and the
JSON-LD. `client_job` is Acme's "Backend Engineer", run by Hire Partners."""

import json
import re

import pytest

from jobs.tests.factories import JobFactory
from recruiters import services

ATTRIBUTION = (
    'Recruiting agency <a href="/companies/hire-partners/">Hire Partners</a> '
    "runs this job for Acme"
)


def _ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.fixture
def own_job(acme):
    return JobFactory(
        company=acme, title="Office Manager", slug="office-manager", published=True
    )


def test_job_page_names_the_agency(client, client_job, own_job):
    html = client.get(f"/jobs/{client_job.slug}/").content.decode()
    assert ATTRIBUTION in html
    assert "has no account on HotGigs" not in html
    assert (
        "Recruiting agency" not in client.get("/jobs/office-manager/").content.decode()
    )


def test_json_ld_names_the_agency(client, client_job, own_job):
    data = _ld(client.get(f"/jobs/{client_job.slug}/").content.decode())
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Acme"}
    assert data["applicationContact"] == {
        "@type": "ContactPoint",
        "contactType": "recruiting agency",
        "name": "Hire Partners",
        "url": "http://testserver/companies/hire-partners/",
    }
    assert data["employerOverview"] == (
        "Recruiting agency Hire Partners runs this job for Acme."
    )
    own = _ld(client.get("/jobs/office-manager/").content.decode())
    assert "applicationContact" not in own and "employerOverview" not in own


def test_search_cards_name_the_agency(client, client_job, own_job):
    html = client.get("/jobs/").content.decode()
    cards = html.split('<li class="card job-result">')[1:]
    by_title = {
        title: card
        for card in cards
        for title in ("Backend Engineer", "Office Manager")
        if f">{title}</a>" in card
    }
    assert (
        'via agency <a href="/companies/hire-partners/">Hire Partners</a>'
        in (by_title["Backend Engineer"])
    )
    assert "via agency" not in by_title["Office Manager"]


def test_company_page_names_the_agency(client, client_job, own_job):
    html = client.get("/companies/acme/").content.decode()
    assert '<span class="pill">via agency Hire Partners</span>' in html
    assert html.count("via agency") == 1


def test_apply_page_names_the_agency(client, alice, client_job):
    client.force_login(alice)
    html = client.get(f"/jobs/{client_job.slug}/apply/").content.decode()
    assert "Acme · via recruiting agency Hire Partners" in html


def test_api_job_detail_and_search_carry_the_agency(api, client_job, own_job):
    detail = api.get(f"/api/v1/jobs/{client_job.pk}/").json()
    assert detail["agency"] == {"name": "Hire Partners", "slug": "hire-partners"}
    assert api.get(f"/api/v1/jobs/{own_job.pk}/").json()["agency"] is None
    results = {
        r["slug"]: r["agency"] for r in api.get("/api/v1/jobs/").json()["results"]
    }
    assert results == {
        "backend-engineer": {"name": "Hire Partners", "slug": "hire-partners"},
        "office-manager": None,
    }


def test_api_company_jobs_carry_the_agency(api_as, olivia, client_job, own_job):
    body = api_as(olivia).get("/api/v1/company-jobs/").json()
    assert {r["slug"]: r["agency"] for r in body["results"]} == {
        "backend-engineer": {"name": "Hire Partners", "slug": "hire-partners"},
        "office-manager": None,
    }


def test_a_company_the_agency_listed_says_so(client, rita, agency):
    engagement = services.engagement_create(
        user=rita,
        agency=agency,
        client_name="Initech",
        fee_type="flat",
        flat_fee="5000",
        currency="EUR",
    )
    job = JobFactory(
        company=engagement.client, agency=agency, slug="initech-role", published=True
    )
    html = client.get(f"/jobs/{job.slug}/").content.decode()
    assert (
        "Initech has no account on HotGigs: Hire Partners listed it and has not "
        "been confirmed by the company."
    ) in html


def test_job_page_query_count_does_not_grow_with_the_agency(
    client, client_job, own_job, django_assert_max_num_queries
):
    client.get("/jobs/office-manager/")  # warm caches (similar jobs)
    client.get(f"/jobs/{client_job.slug}/")
    with django_assert_max_num_queries(30) as own:
        client.get("/jobs/office-manager/")
    # One more: does the client company have members (listed by the agency)?
    with django_assert_max_num_queries(len(own.captured_queries) + 1):
        client.get(f"/jobs/{client_job.slug}/")
