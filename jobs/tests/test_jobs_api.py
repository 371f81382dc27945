import datetime

import pytest
from django.utils import timezone

from jobs.models import Job
from jobs.services import refresh_search_vectors
from jobs.tests.factories import JobFactory, JobSkillFactory
from matching.tests.factories import SkillFactory

LIST = "/api/v1/jobs/"


def detail(job):
    return f"/api/v1/jobs/{job.pk}/"


@pytest.fixture
def public_job(acme):
    job = JobFactory(
        company=acme,
        title="Backend Engineer",
        slug="backend-engineer",
        salary_min=50000,
        salary_max=70000,
        salary_currency="EUR",
        status="published",
        published_at=datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC),
    )
    JobSkillFactory(job=job, skill=SkillFactory(name="Python", slug="python"))
    refresh_search_vectors()
    return job


@pytest.fixture
def draft_job(acme):
    return JobFactory(company=acme, title="Secret Draft", slug="secret-draft")


def test_list_answers_the_contract(api, public_job, draft_job):
    response = api.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["results"] == [
        {
            "id": public_job.pk,
            "slug": "backend-engineer",
            "title": "Backend Engineer",
            "url": "/jobs/backend-engineer/",
            "company": {"id": public_job.company_id, "name": "Acme", "slug": "acme"},
            "agency": None,
            "location": {"city": "Berlin", "region": "", "country": "DE"},
            "employment_type": "full_time",
            "experience_level": "mid",
            "remote_policy": "hybrid",
            "salary": {"min": 50000, "max": 70000, "currency": "EUR", "period": "year"},
            "published_at": "2026-01-05T09:00:00Z",
        }
    ]
    assert body["next"] is None
    assert body["previous"] is None
    assert (body["count"], body["count_capped"]) == (1, False)
    assert body["facets"]["employment_type"]["full_time"] == 1
    assert body["facets"]["locations"] == [
        {"city": "Berlin", "country": "DE", "count": 1}
    ]


def test_list_filters_through_the_same_parameters(api, public_job, acme):
    JobFactory(
        company=acme,
        title="Contract Designer",
        employment_type="contract",
        status="published",
        published_at=timezone.now(),
    )
    refresh_search_vectors()
    response = api.get(LIST, {"employment_type": "contract,part_time"})
    assert [r["title"] for r in response.json()["results"]] == ["Contract Designer"]
    response = api.get(LIST, {"q": "python", "skills": "python", "country": "de"})
    assert [r["title"] for r in response.json()["results"]] == ["Backend Engineer"]


def test_list_cursor_pages(api, acme):
    for n in range(3):
        JobFactory(
            company=acme,
            title=f"Job {n}",
            status="published",
            published_at=timezone.now() - datetime.timedelta(hours=n),
        )
    first = api.get(LIST, {"page_size": 2}).json()
    assert [r["title"] for r in first["results"]] == ["Job 0", "Job 1"]
    assert first["next"].startswith("http://testserver/api/v1/jobs/?")
    second = api.get(first["next"]).json()
    assert [r["title"] for r in second["results"]] == ["Job 2"]
    assert second["next"] is None
    back = api.get(second["previous"]).json()
    assert [r["title"] for r in back["results"]] == ["Job 0", "Job 1"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 1000}, "q"),  # past the search limit, below the 414
        ({"employment_type": "gig"}, "employment_type"),
        ({"experience_level": "guru"}, "experience_level"),
        ({"remote_policy": "mars"}, "remote_policy"),
        ({"salary_min": 9, "salary_max": 1}, "salary_max"),
        ({"salary_min": "many"}, "salary_min"),
        ({"country": "ZZ"}, "country"),
        ({"salary_currency": "BTC1"}, "salary_currency"),
        ({"posted_within_days": "-1"}, "posted_within_days"),
        ({"sort": "cheapest"}, "sort"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
    ],
)
def test_list_bad_input_is_a_clear_400(api, public_job, params, field):
    response = api.get(LIST, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]
    assert error["message"].startswith(f"{field}: ")


@pytest.mark.parametrize(
    "params",
    [{"company": "9" * 30}, {"skills": "no-such-skill"}, {"city": "Atlantis"}],
)
def test_list_unknown_values_give_an_empty_result(api, public_job, params):
    response = api.get(LIST, params)
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("q", ['"unclosed', "(((", "a & | ! b", "-", "or or"])
def test_list_broken_query_syntax_is_not_an_error(api, public_job, q):
    response = api.get(LIST, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize("page_size", [5, 50])
def test_list_query_count_does_not_grow_with_page_size(
    api, acme, globex, page_size, django_assert_max_num_queries
):
    skill = SkillFactory(name="Go", slug="go")
    for n in range(60):
        job = JobFactory(
            company=acme if n % 2 else globex,
            status="published",
            published_at=timezone.now() - datetime.timedelta(minutes=n),
        )
        JobSkillFactory(job=job, skill=skill)
    refresh_search_vectors()
    # One query for the page, one for the facets, whatever the page size; on
    # PostgreSQL two planner look-ups pick the plan (jobs.search._fenced).
    with django_assert_max_num_queries(4):
        response = api.get(
            LIST, {"page_size": page_size, "skills": "go", "q": "job", "sort": "newest"}
        )
    assert len(response.json()["results"]) == page_size


def test_repeated_search_runs_no_query(api, public_job, django_assert_num_queries):
    params = {"q": "engineer", "country": "DE"}
    first = api.get(LIST, params).json()
    with django_assert_num_queries(0):
        again = api.get(LIST, params)
    assert again.json() == first


def test_a_job_change_through_the_api_invalidates_search(
    api, api_as, olivia, public_job, django_capture_on_commit_callbacks
):
    assert api.get(LIST).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(olivia).post(
            f"{detail(public_job)}status/", {"status": "paused"}
        )
    assert response.status_code == 200
    assert api.get(LIST).json()["count"] == 0


# --- detail, per persona -------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "draft_status"),
    [
        ("olivia", 200),
        ("tom", 200),
        ("eve", 404),
        ("alice", 404),
        ("sam", 200),
        (None, 404),
    ],
)
def test_detail_per_persona(
    request, api, api_as, globex, public_job, draft_job, persona, draft_status
):
    client = api_as(request.getfixturevalue(persona)) if persona else api
    assert client.get(detail(public_job)).status_code == 200
    response = client.get(detail(draft_job))
    assert response.status_code == draft_status
    if draft_status == 200:
        assert response.json()["status"] == "draft"
        assert response.json()["title"] == "Secret Draft"


def test_detail_shows_skills_and_hides_unknown_ids(api, public_job):
    body = api.get(detail(public_job)).json()
    assert body["skills"] == [
        {"skill": "python", "name": "Python", "is_required": True, "min_years": None}
    ]
    assert api.get("/api/v1/jobs/999999/").status_code == 404
    assert api.get("/api/v1/jobs/abc/").status_code == 404
    assert api.get("/api/v1/jobs/" + "9" * 30 + "/").status_code == 404


# --- create / update / status ---------------------------------------------------------

NEW_JOB = {
    "title": "Site Reliability Engineer",
    "description": "<p>Keep things up.</p><img src=x onerror=alert(1)>",
    "employment_type": "full_time",
    "experience_level": "senior",
    "city": "Hamburg",
    "country": "DE",
    "remote_policy": "hybrid",
    "salary_min": 70000,
    "salary_max": 90000,
    "salary_currency": "EUR",
    "skills": [{"skill": "python", "is_required": False, "min_years": 2}],
}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("olivia", 201), ("tom", 201), ("eve", 403), ("alice", 403), ("sam", 403)],
)
def test_create_per_persona(request, api_as, acme, globex, persona, expected):
    SkillFactory(name="Python", slug="python")
    client = api_as(request.getfixturevalue(persona))
    response = client.post(LIST, {**NEW_JOB, "company": acme.pk}, format="json")
    assert response.status_code == expected
    if expected == 201:
        body = response.json()
        assert body["status"] == "draft"
        assert body["description"] == "<p>Keep things up.</p>"
        assert body["skills"] == [
            {"skill": "python", "name": "Python", "is_required": False, "min_years": 2}
        ]
        assert Job.objects.get().company == acme
    else:
        assert Job.objects.count() == 0


def test_create_anonymous_is_401(api, acme):
    response = api.post(LIST, {**NEW_JOB, "company": acme.pk}, format="json")
    assert response.status_code == 401
    assert Job.objects.count() == 0


def test_create_keeps_a_skill_it_cannot_link_as_free_text(api_as, olivia, acme):
    SkillFactory(name="Python", slug="python")
    payload = {
        **NEW_JOB,
        "company": acme.pk,
        "skills": [{"skill": "no-such-skill-zz"}, {"skill": "Python"}],
    }

    response = api_as(olivia).post(LIST, payload, format="json")

    assert response.status_code == 201
    body = response.json()
    assert [s["skill"] for s in body["skills"]] == ["python"]
    assert body["other_skills"] == ["no-such-skill-zz"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"salary_min": 100, "salary_max": 50}, "salary_max"),
        ({"salary_currency": "EURO"}, "salary_currency"),
        ({"country": "XX"}, "country"),
        ({"employment_type": "gig"}, "employment_type"),
        ({"skills": [{"skill": "x" * 121}]}, "skills"),
        ({"skills": [{"is_required": True}]}, "skills"),
        ({"company": 999999}, "company"),
        ({"title": ""}, "title"),
        ({"expires_at": "soon"}, "expires_at"),
    ],
)
def test_create_bad_input_is_400(api_as, olivia, acme, changes, field):
    SkillFactory(name="Python", slug="python")
    payload = {**NEW_JOB, "company": acme.pk, **changes}
    response = api_as(olivia).post(LIST, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert Job.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "on_draft", "on_public"),
    [
        ("olivia", 200, 200),
        ("tom", 200, 200),
        ("eve", 404, 403),
        ("sam", 403, 403),  # staff see drafts but edit through the admin
    ],
)
def test_update_per_persona(
    request, api_as, globex, public_job, draft_job, persona, on_draft, on_public
):
    client = api_as(request.getfixturevalue(persona))
    response = client.patch(detail(draft_job), {"title": "Renamed"}, format="json")
    assert response.status_code == on_draft
    response = client.patch(detail(public_job), {"title": "Renamed"}, format="json")
    assert response.status_code == on_public
    expected = "Renamed" if on_public == 200 else "Backend Engineer"
    assert Job.objects.get(pk=public_job.pk).title == expected


def test_update_anonymous_is_401(api, public_job):
    assert (
        api.patch(detail(public_job), {"title": "x"}, format="json").status_code == 401
    )


def test_status_actions(api_as, olivia, draft_job, public_job):
    client = api_as(olivia)
    url = f"{detail(draft_job)}status/"
    # Incomplete? The factory job is complete, so it publishes.
    response = client.post(url, {"status": "published"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["published_at"] is not None

    response = client.post(url, {"status": "archived"}, format="json")
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "conflict",
        "message": "A published job cannot become archived.",
        "fields": {},
    }
    response = client.post(url, {"status": "deleted"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["status"]
    assert Job.objects.get(pk=draft_job.pk).status == "published"


def test_publishing_an_incomplete_draft_is_400_naming_the_fields(api_as, olivia, acme):
    job = JobFactory(company=acme, description="", employment_type="")
    response = api_as(olivia).post(
        f"{detail(job)}status/", {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == [
        "description",
        "employment_type",
    ]


@pytest.mark.parametrize("persona", ["eve", "alice"])
def test_status_by_outsiders(request, api_as, globex, public_job, draft_job, persona):
    client = api_as(request.getfixturevalue(persona))
    assert (
        client.post(f"{detail(public_job)}status/", {"status": "closed"}).status_code
        == 403
    )
    assert (
        client.post(f"{detail(draft_job)}status/", {"status": "published"}).status_code
        == 404
    )
    assert Job.objects.get(pk=public_job.pk).status == "published"


# --- company-jobs ------------------------------------------------------------------


def test_company_jobs_per_persona(
    api,
    api_as,
    olivia,
    tom,
    eve,
    alice,
    globex,
    public_job,
    draft_job,
    django_assert_max_num_queries,
):
    other = JobFactory(company=globex, title="Globex Draft")
    with django_assert_max_num_queries(4):
        body = api_as(olivia).get("/api/v1/company-jobs/").json()
    assert [r["title"] for r in body["results"]] == ["Secret Draft", "Backend Engineer"]
    assert [
        r["title"]
        for r in api_as(tom).get("/api/v1/company-jobs/?status=draft").json()["results"]
    ] == ["Secret Draft"]
    assert [
        r["title"] for r in api_as(eve).get("/api/v1/company-jobs/").json()["results"]
    ] == [other.title]
    assert api_as(alice).get("/api/v1/company-jobs/").json()["results"] == []
    assert api.get("/api/v1/company-jobs/").status_code == 401
    bad = api_as(olivia).get("/api/v1/company-jobs/?status=gone")
    assert bad.status_code == 400
