"""Who sees which dashboard, through the API and the pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from analytics import forms as analytics_forms
from analytics.reports.common import default_range
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/api/v1/analytics/dashboard/"
PLATFORM = "/api/v1/analytics/platform/"


def job_url(job):
    return f"/api/v1/analytics/jobs/{job.pk}/"


def test_anonymous_gets_401_everywhere(api, funnel):
    for url in (DASHBOARD, PLATFORM, job_url(funnel)):
        response = api.get(url)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("persona", ["olivia", "tom"])
def test_acme_members_see_acme_only(persona, request, api_as, funnel, globex_job):
    user = request.getfixturevalue(persona)
    client = api_as(user)

    dashboard = client.get(DASHBOARD).json()
    assert dashboard["role"] == "employer"
    assert dashboard["data"]["company"]["slug"] == "acme"
    assert dashboard["data"]["headline"]["applies"] == 5
    assert client.get(job_url(funnel)).json()["headline"]["applies"] == 5
    assert client.get(job_url(globex_job)).status_code == 404
    assert client.get(DASHBOARD, {"company": "globex"}).status_code == 404
    assert client.get(DASHBOARD, {"job": globex_job.pk}).status_code == 404
    assert client.get(PLATFORM).status_code == 403


def test_eve_sees_globex_only(api_as, eve, funnel, globex_job):
    client = api_as(eve)
    data = client.get(DASHBOARD).json()["data"]
    assert data["company"]["slug"] == "globex"
    assert [r["count"] for r in data["tables"]["funnel"]] == [7, 1, 1, 1, 1, 1]
    assert client.get(job_url(funnel)).status_code == 404


def test_candidates_see_their_own(api_as, alice, bob, funnel):
    from analytics.tests.conftest import make_application

    make_application(funnel, alice)
    alice_data = api_as(alice).get(DASHBOARD).json()
    bob_data = api_as(bob).get(DASHBOARD).json()
    assert alice_data["role"] == "candidate"
    assert alice_data["data"]["headline"]["applications"] == 1
    assert bob_data["data"]["headline"]["applications"] == 0
    assert api_as(alice).get(job_url(funnel)).status_code == 404
    assert api_as(alice).get(PLATFORM).status_code == 403


def test_recruiter_gets_her_agency_only(api_as, rita, agency, funnel):
    from companies.models import CompanyKind, MembershipRole
    from companies.tests.factories import CompanyFactory, MembershipFactory

    other = CompanyFactory(name="Rival", slug="rival", kind=CompanyKind.AGENCY)
    MembershipFactory(company=other, role=MembershipRole.OWNER)

    body = api_as(rita).get(DASHBOARD).json()

    assert body["role"] == "recruiter"
    assert body["data"]["agency"]["slug"] == "hire-partners"
    assert body["data"]["headline"] == {
        "submissions": 0,
        "interviews": 0,
        "placements": 0,
        "fees_invoiced": 0,
    }
    assert body["data"]["tables"]["by_client"] == []
    assert [r["name"] for r in body["data"]["tables"]["by_recruiter"]] == [
        "Rita Recruiter"
    ]
    assert api_as(rita).get(job_url(funnel)).status_code == 404


def test_recruiter_without_agency(api_as, rita):
    body = api_as(rita).get(DASHBOARD).json()
    assert body["data"] == {"available": False, "headline": {}, "tables": {}}


def test_agency_running_the_job_sees_its_analytics(api_as, rita, agency, funnel):
    funnel.agency = agency
    funnel.save(update_fields=["agency"])
    assert api_as(rita).get(job_url(funnel)).status_code == 200


def test_staff_see_the_platform_not_company_jobs(api_as, sam, funnel):
    client = api_as(sam)
    platform = client.get(PLATFORM)
    assert platform.status_code == 200
    assert platform.json()["headline"]["applications"] == 6
    assert client.get(DASHBOARD).json()["role"] == "staff"
    assert client.get(job_url(funnel)).status_code == 404


@pytest.mark.parametrize(
    "params, field",
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2024-13-01"}, "until"),
        ({"since": "2025-02-01", "until": "2025-01-01"}, "non_field_errors"),
        ({"since": "2000-01-01", "until": "2025-01-01"}, "non_field_errors"),
        ({"job": "abc"}, "job"),
    ],
)
def test_bad_filters_answer_400(params, field, api_as, olivia, acme):
    response = api_as(olivia).get(DASHBOARD, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_pages_per_persona(
    client, olivia, eve, alice, sam, rita, agency, funnel, globex_job
):
    page = reverse("analytics:insights")
    job_page = reverse("analytics:job", args=[funnel.pk])
    response = client.get(page)
    assert response.status_code == 302 and "/login" in response["Location"]

    client.force_login(olivia)
    response = client.get(page)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Insights: Acme" in body and "<svg" in body and "Download CSV" in body
    # Report keys read as words, and each CSV link says which table it downloads.
    assert '<th scope="col">Apply rate %</th>' in body
    # A stage's code is not shown beside its label (the CSV keeps both).
    assert '<th scope="col">Label</th>' not in body
    assert (
        '<th scope="col">Step</th><th scope="col">Count</th>'
        '<th scope="col">Conversion %</th>'
    ) in body
    assert "<td>Screening</td>" in body and "<td>screening</td>" not in body
    # Filters: the browser's date pickers and a list of the company's jobs.
    since, until = default_range()
    assert f'<input type="date" name="since" value="{since:%Y-%m-%d}"' in body
    assert f'<input type="date" name="until" value="{until:%Y-%m-%d}"' in body
    assert (
        '<select name="job" id="id_job">\n  <option value="" selected>All jobs</option>'
        f'\n\n  <option value="{funnel.pk}">{funnel.title}</option>'
    ) in body
    assert "Applyrate" not in body and "apply_rate" not in body
    # The accessible name starts with the visible text (WCAG 2.5.3).
    assert (
        'data-export>Download CSV<span class="visually-hidden"> of Jobs</span></a>'
        in body
    )
    assert client.get(job_page).status_code == 200
    assert client.get(reverse("analytics:job", args=[globex_job.pk])).status_code == 404
    assert client.get(page, {"since": "nope"}).status_code == 400

    client.force_login(eve)
    assert client.get(job_page).status_code == 404
    client.force_login(alice)
    assert "Your insights" in client.get(page).content.decode()
    client.force_login(rita)
    assert "Agency insights" in client.get(page).content.decode()
    client.force_login(sam)
    assert "Platform statistics" in client.get(page).content.decode()


@pytest.mark.parametrize("persona", ["olivia", "alice", "sam", "rita"])
def test_account_dashboard_links_insights_and_its_headline(
    persona, request, client, api_as, funnel, agency
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'href="/insights/"' in body
    assert 'data-insights-url="/api/v1/analytics/dashboard/"' in body
    assert "js/charts-headline.js" in body
    # The numbers the card shows come from the dashboard API's headline.
    headline = api_as(user).get("/api/v1/analytics/dashboard/").json()["data"]
    expected = {
        "olivia": {"views": 12, "applies": 5, "apply_rate": 41.7, "hires": 1},
        "sam": {"applications": 6, "hires": 2},
    }.get(persona, {})
    for key, value in expected.items():
        assert headline["headline"][key] == value


def test_the_dashboards_404_for_someone_elses_job_is_documented():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    answers = schema["paths"]["/api/v1/analytics/dashboard/"]["get"]["responses"]
    assert answers["404"]["description"] == "The job or company is not one of yours."
    assert answers["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_the_job_filter_offers_the_newest_jobs_not_thousands(
    client, olivia, acme, monkeypatch
):
    monkeypatch.setattr(analytics_forms, "JOB_CHOICES", 2)
    now = timezone.now()
    for days, title in [(3, "Oldest"), (2, "Middle"), (1, "Newest")]:
        JobFactory(
            company=acme,
            title=title,
            status="published",
            published_at=now - datetime.timedelta(days=days),
        )
    client.force_login(olivia)
    body = client.get(reverse("analytics:insights")).content.decode()
    select = re.search(r'<select name="job"[^>]*>(.*?)</select>', body, re.S)
    assert re.findall(r"<option[^>]*>([^<]+)</option>", select.group(1)) == [
        "All jobs",
        "Newest",
        "Middle",
    ]
    # The list names its limit, and the select is described by that note.
    assert (
        '<small class="help" id="id_job_helptext">'
        "The 2 most recently published of 3.</small>"
    ) in body
    assert '<select name="job" aria-describedby="id_job_helptext"' in body
