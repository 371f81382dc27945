import datetime
import json
import re

import pytest
from django.utils import timezone

from candidates.tests.factories import make_profile
from jobs.models import Job
from jobs.services import refresh_search_vectors
from jobs.tests.factories import JobFactory, JobSkillFactory
from matching.tests.factories import SkillFactory


@pytest.fixture
def public_job(acme):
    job = JobFactory(
        company=acme,
        title="Backend Engineer",
        slug="backend-engineer",
        description="<p>Python services.</p>",
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
def contract_job(globex):
    job = JobFactory(
        company=globex,
        title="Contract Designer",
        slug="contract-designer",
        employment_type="contract",
        city="Paris",
        country="FR",
        status="published",
        published_at=timezone.now(),
    )
    refresh_search_vectors()
    return job


@pytest.fixture
def draft_job(acme):
    return JobFactory(company=acme, title="Secret Draft", slug="secret-draft")


def ld_json(html):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    return json.loads(match.group(1)) if match else None


# --- search page ------------------------------------------------------------------


def test_search_page_lists_public_jobs_with_labelled_filters(
    client, public_job, contract_job, draft_job
):
    response = client.get("/jobs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Backend Engineer" in html
    assert "Contract Designer" in html
    assert "Secret Draft" not in html
    assert '<label for="id_q">Keywords</label>' in html
    assert "<legend>Employment type</legend>" in html
    assert "2 jobs" in html
    assert 'href="?employment_type=contract"' in html  # facet link


def test_search_page_takes_the_api_parameters(client, public_job, contract_job):
    html = client.get("/jobs/?employment_type=contract&country=fr").content.decode()
    assert "Contract Designer" in html
    assert "Backend Engineer" not in html
    html = client.get("/jobs/?q=python&skills=python").content.decode()
    assert "Backend Engineer" in html
    assert "Contract Designer" not in html


def test_search_page_empty_state(client, public_job):
    response = client.get("/jobs/?q=astronaut")
    assert response.status_code == 200
    assert "No jobs match this search." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["?employment_type=gig", "?salary_min=9&salary_max=1", "?country=ZZ", "?cursor=x"],
)
def test_search_page_bad_input_is_a_400_page(client, public_job, query):
    response = client.get("/jobs/" + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Backend Engineer" not in html


def test_search_page_long_query_is_a_400_not_a_500(client, public_job):
    # Past the search limit, below the query-string limit (414, test_error_edges).
    assert client.get("/jobs/", {"q": "x" * 1000}).status_code == 400


def test_search_page_repeat_runs_no_query(
    client, public_job, django_assert_num_queries
):
    client.get("/jobs/?q=engineer")
    with django_assert_num_queries(0):
        assert client.get("/jobs/?q=engineer").status_code == 200


def _filters(response):
    return re.search(r'<form method="get".*?</form>', response.text, re.S).group(0)


def test_search_filters_render_once_per_query_string(client, public_job):
    first = client.get("/jobs/?q=python&country=DE")
    assert "django/forms/widgets/select.html" in [t.name for t in first.templates]
    assert '<option value="DE" selected>Germany</option>' in _filters(first)
    again = client.get("/jobs/?q=python&country=DE")
    assert "django/forms/widgets/select.html" not in [t.name for t in again.templates]
    assert _filters(again) == _filters(first)
    other = client.get("/jobs/?q=python&country=FR")
    assert '<option value="FR" selected>France</option>' in _filters(other)
    assert 'value="DE" selected' not in _filters(other)


def test_a_field_error_is_never_read_from_the_cached_filters(client, alice, public_job):
    make_profile(alice, skills=["Python"], country="DE")
    client.force_login(alice)
    assert client.get("/jobs/", {"sort": "match"}).status_code == 200
    client.logout()
    response = client.get("/jobs/", {"sort": "match"})
    assert response.status_code == 400
    assert "Sorting by match is for signed-in candidates" in _filters(response)


def test_search_page_next_link(client, acme):
    for n in range(21):
        JobFactory(
            company=acme,
            title=f"Role {n:02d}",
            status="published",
            published_at=timezone.now() - datetime.timedelta(minutes=n),
        )
    html = client.get("/jobs/?country=DE").content.decode()
    assert "Role 19" in html and "Role 20" not in html
    next_link = re.search(r'href="(\?[^"]*cursor=[^"]*)" rel="next"', html).group(1)
    assert "country=DE" in next_link
    second = client.get("/jobs/" + next_link.replace("&amp;", "&")).content.decode()
    assert "Role 20" in second and "Role 19" not in second


# --- detail page ------------------------------------------------------------------


def test_detail_has_job_posting_json_ld(client, public_job):
    response = client.get("/jobs/backend-engineer/")
    assert response.status_code == 200
    data = ld_json(response.content.decode())
    assert data == {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Backend Engineer",
        "description": "<p>Python services.</p>",
        "identifier": {
            "@type": "PropertyValue",
            "name": "Acme",
            "value": "backend-engineer",
        },
        "datePosted": "2026-01-05T09:00:00+00:00",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Berlin",
                "addressCountry": "DE",
            },
        },
        "url": "http://testserver/jobs/backend-engineer/",
        "skills": "Python",
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "unitText": "YEAR",
                "minValue": 50000,
                "maxValue": 70000,
            },
        },
    }


def test_json_ld_cannot_break_out_of_its_script(client, acme):
    JobFactory(
        company=acme,
        title="</script><script>alert(1)</script>",
        slug="evil",
        status="published",
        published_at=timezone.now(),
    )
    html = client.get("/jobs/evil/").content.decode()
    assert "<script>alert(1)" not in html
    assert ld_json(html)["title"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, 404),
        ("alice", 404),
        ("eve", 404),
        ("tom", 200),
        ("olivia", 200),
        ("sam", 200),
    ],
)
def test_draft_detail_per_persona(
    request, client, globex, draft_job, persona, expected
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get("/jobs/secret-draft/")
    assert response.status_code == expected
    if expected == 200:
        assert ld_json(response.content.decode()) is None  # drafts are not indexed


# --- post / edit --------------------------------------------------------------------

FORM = {
    "company": "",
    "title": "Platform Engineer",
    "description": "<p>Run the platform.</p>",
    "employment_type": "full_time",
    "experience_level": "senior",
    "city": "Berlin",
    "country": "DE",
    "remote_policy": "hybrid",
    "salary_min": "70000",
    "salary_max": "90000",
    "salary_currency": "eur",
    "salary_period": "year",
    "openings": "1",
    "skills": "Python",
}


def test_post_job_anonymous_goes_to_login(client):
    response = client.get("/jobs/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_post_job_without_a_company_is_403(client, alice):
    client.force_login(alice)
    assert client.get("/jobs/new/").status_code == 403


def test_post_job_preview_then_publish(client, olivia, acme):
    SkillFactory(name="Python", slug="python")
    client.force_login(olivia)
    page = client.get("/jobs/new/")
    assert page.status_code == 200
    assert '<label for="id_title">Title</label>' in page.content.decode()

    data = {**FORM, "company": acme.pk}
    preview = client.post("/jobs/new/", {**data, "action": "preview"})
    assert preview.status_code == 200
    assert "Preview" in preview.content.decode()
    assert "<p>Run the platform.</p>" in preview.content.decode()
    assert '<span class="pill pill-ok">Python</span>' in preview.content.decode()
    assert Job.objects.count() == 0

    response = client.post("/jobs/new/", {**data, "action": "publish"})
    assert response.status_code == 302
    assert response["Location"] == "/company-jobs/"
    job = Job.objects.get()
    assert (job.status, job.salary_currency, job.posted_by) == (
        "published",
        "EUR",
        olivia,
    )
    assert [js.skill.slug for js in job.job_skills.all()] == ["python"]


@pytest.fixture
def platform_jobs(globex):
    """Two published jobs with the same title at another company, both listing
    Kubernetes: what posting advice compares a "Platform Engineer" draft with."""
    kubernetes = SkillFactory(name="Kubernetes", slug="kubernetes")
    jobs = [
        JobFactory(company=globex, title="Platform Engineer", published=True)
        for _ in range(2)
    ]
    for job in jobs:
        JobSkillFactory(job=job, skill=kubernetes)
    return jobs


def test_post_job_advice_reads_the_typed_draft_and_saves_nothing(
    client, olivia, acme, platform_jobs
):
    client.force_login(olivia)

    response = client.post(
        "/jobs/new/", {**FORM, "company": acme.pk, "action": "advice"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="advice-heading">Posting advice</h2>' in html
    assert "<li>Kubernetes — in 2 of 2 comparable jobs</li>" in html
    assert "The description is too short: 3 words;" in html
    # The form keeps what was typed, and nothing new is saved.
    assert 'value="Platform Engineer"' in html
    assert Job.objects.count() == 2


def test_post_job_advice_on_bad_input_shows_the_errors_not_advice(
    client, olivia, acme, platform_jobs
):
    client.force_login(olivia)
    data = {**FORM, "company": acme.pk, "salary_min": "9", "salary_max": "1"}

    response = client.post("/jobs/new/", {**data, "action": "advice"})

    assert response.status_code == 400
    assert "must be at least the minimum" in response.content.decode()
    assert "advice-heading" not in response.content.decode()


def test_edit_job_advice_leaves_the_job_itself_out(client, olivia, acme, platform_jobs):
    job = JobFactory(company=acme, title="Platform Engineer", posted_by=olivia)
    client.force_login(olivia)
    data = {**FORM, "company": acme.pk, "action": "advice"}

    response = client.post(f"/jobs/{job.slug}/edit/", data)

    assert response.status_code == 200
    assert (
        "<li>Kubernetes — in 2 of 2 comparable jobs</li>" in response.content.decode()
    )
    job.refresh_from_db()
    assert job.description != FORM["description"]  # advice saves nothing


def test_post_job_publish_incomplete_shows_errors_and_saves_nothing(
    client, olivia, acme
):
    client.force_login(olivia)
    data = {**FORM, "company": acme.pk, "description": "", "action": "publish"}
    response = client.post("/jobs/new/", data)
    assert response.status_code == 400
    assert "Describe the job before publishing it." in response.content.decode()
    assert Job.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"salary_min": "9", "salary_max": "1"}, "must be at least the minimum"),
        ({"salary_currency": "EURO"}, "Ensure this value has at most 3 characters"),
        ({"country": "XX"}, "Select a valid choice."),
    ],
)
def test_post_job_bad_input(client, olivia, acme, changes, message):
    client.force_login(olivia)
    data = {**FORM, "company": acme.pk, "skills": "", **changes, "action": "save"}
    response = client.post("/jobs/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Job.objects.count() == 0


def test_post_job_for_another_company_is_refused(client, eve, acme, globex):
    client.force_login(eve)
    response = client.post("/jobs/new/", {**FORM, "company": acme.pk, "skills": ""})
    assert response.status_code == 400  # acme is not a choice for eve
    assert Job.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "on_draft", "on_public"),
    [("tom", 200, 200), ("eve", 404, 403), ("alice", 404, 403), ("sam", 403, 403)],
)
def test_edit_page_per_persona(
    request, client, globex, public_job, draft_job, persona, on_draft, on_public
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/jobs/secret-draft/edit/").status_code == on_draft
    assert client.get("/jobs/backend-engineer/edit/").status_code == on_public


def test_teammate_edits_a_job(client, tom, public_job):
    client.force_login(tom)
    data = {
        **FORM,
        "company": public_job.company_id,
        "title": "Senior Backend Engineer",
        "skills": "python",
        "action": "save",
    }
    response = client.post("/jobs/backend-engineer/edit/", data)
    assert response.status_code == 302
    public_job.refresh_from_db()
    assert public_job.title == "Senior Backend Engineer"
    assert public_job.status == "published"


# --- company jobs and status actions ---------------------------------------


def test_company_jobs_lists_the_members_jobs_with_actions(
    client, olivia, globex, public_job, draft_job, contract_job
):
    client.force_login(olivia)
    html = client.get("/company-jobs/").content.decode()
    assert "Backend Engineer" in html and "Secret Draft" in html
    assert "Contract Designer" not in html
    assert html.count('name="status" value="published"') == 1  # the draft
    assert html.count('name="status" value="paused"') == 1  # the public job
    assert html.count('name="status" value="closed"') == 1


def test_company_jobs_anonymous_goes_to_login(client):
    assert client.get("/company-jobs/").status_code == 302


def test_status_action_publishes_and_refuses_bad_paths(client, olivia, draft_job):
    client.force_login(olivia)
    response = client.post("/jobs/secret-draft/status/", {"status": "published"})
    assert response.status_code == 302
    assert Job.objects.get(pk=draft_job.pk).status == "published"
    response = client.post(
        "/jobs/secret-draft/status/", {"status": "archived"}, follow=True
    )
    assert "A published job cannot become archived." in response.content.decode()
    assert Job.objects.get(pk=draft_job.pk).status == "published"
    response = client.post(
        "/jobs/secret-draft/status/", {"status": "bogus"}, follow=True
    )
    assert "Unknown status: bogus." in response.content.decode()
    assert client.get("/jobs/secret-draft/status/").status_code == 405


@pytest.mark.parametrize(("persona", "expected"), [("eve", 403), ("alice", 403)])
def test_status_action_by_outsiders(
    request, client, globex, public_job, persona, expected
):
    client.force_login(request.getfixturevalue(persona))
    response = client.post("/jobs/backend-engineer/status/", {"status": "closed"})
    assert response.status_code == expected
    assert Job.objects.get(pk=public_job.pk).status == "published"


def test_status_action_anonymous_goes_to_login(client, public_job):
    assert (
        client.post("/jobs/backend-engineer/status/", {"status": "closed"}).status_code
        == 302
    )
    assert Job.objects.get(pk=public_job.pk).status == "published"


# --- admin ----------------------------------------------------------------------


def test_admin_lists_and_bulk_closes(client, sam, public_job, draft_job):
    client.force_login(sam)
    response = client.get("/admin/jobs/job/?status__exact=published")
    assert response.status_code == 200
    assert "Backend Engineer" in response.content.decode()
    response = client.post(
        "/admin/jobs/job/",
        {
            "action": "close_jobs",
            "_selected_action": [public_job.pk, draft_job.pk],
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Job.objects.get(pk=public_job.pk).status == "closed"
    assert Job.objects.get(pk=draft_job.pk).status == "draft"
    assert "A draft job cannot become closed." in response.content.decode()


def test_post_job_keeps_skills_it_does_not_know_as_written(client, olivia, acme):
    client.force_login(olivia)
    data = {
        **FORM,
        "company": acme.pk,
        "skills": "Python; MS Excel\nNonexistent Skill Zz",
        "action": "publish",
    }

    response = client.post("/jobs/new/", data)

    assert response.status_code == 302
    job = Job.objects.get()
    assert sorted(js.skill.slug for js in job.job_skills.all()) == [
        "microsoft-excel",
        "python",
    ]
    assert job.other_skills == ["Nonexistent Skill Zz"]
    page = client.get(job.get_absolute_url())
    assert "Nonexistent Skill Zz" in page.content.decode()


def test_company_jobs_rows_lead_to_each_jobs_tools(client, olivia, draft_job):
    client.force_login(olivia)

    body = client.get("/company-jobs/").content.decode()

    for path, name in [
        ("/jobs/secret-draft/edit/", "Edit"),
        ("/jobs/secret-draft/pipeline/", "Pipeline"),
        ("/jobs/secret-draft/ranked/", "Ranked candidates"),
        ("/jobs/secret-draft/advice/", "Posting advice"),
    ]:
        assert f'<a href="{path}">{name}' in body
        assert client.get(path).status_code == 200, path


def test_new_job_form_says_where_posting_advice_comes_from(client, olivia, acme):
    client.force_login(olivia)

    body = client.get("/jobs/new/").content.decode()

    assert "“Get posting advice” reads what you have typed, saved or not" in body
    assert '<button type="submit" name="action" value="advice"' in body


def test_post_job_marks_must_have_and_nice_to_have_skills(client, olivia, acme):
    client.force_login(olivia)
    data = {
        **FORM,
        "company": acme.pk,
        "skills": "Python, Django",
        # Python again (another spelling) stays a must-have
        "nice_skills": "Docker; python\nBasket weaving Zz",
        "action": "publish",
    }

    response = client.post("/jobs/new/", data)

    assert response.status_code == 302
    job = Job.objects.get()
    assert sorted((js.skill.slug, js.is_required) for js in job.job_skills.all()) == [
        ("django", True),
        ("docker", False),
        ("python", True),
    ]
    assert job.other_skills == ["Basket weaving Zz"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert re.search(r">Docker</span> <small class=\"muted\">nice to have", page)


def test_edit_form_shows_each_skill_in_its_list(client, olivia, acme):
    job = JobFactory(company=acme, title="Platform Engineer", other_skills=["Zz"])
    JobSkillFactory(job=job, skill=SkillFactory(slug="go", name="Go"))
    JobSkillFactory(
        job=job, skill=SkillFactory(slug="k8s", name="K8s"), is_required=False
    )
    client.force_login(olivia)

    body = client.get(f"/jobs/{job.slug}/edit/").content.decode()

    assert re.search(r'name="skills"[^>]*value="Go, Zz"', body)
    assert re.search(r'name="nice_skills"[^>]*value="K8s"', body)


def test_job_preview_says_which_skills_are_nice_to_have(client, olivia, acme):
    client.force_login(olivia)
    data = {**FORM, "company": acme.pk, "nice_skills": "Docker", "action": "preview"}

    body = client.post("/jobs/new/", data).content.decode()

    assert '<span class="pill pill-ok">Python</span>' in body
    assert '<span class="pill">Docker</span> <small class="muted">nice to have' in body
    assert not Job.objects.exists()


def test_post_job_refuses_more_than_thirty_skills_in_all(client, olivia, acme):
    client.force_login(olivia)
    data = {
        **FORM,
        "company": acme.pk,
        "skills": ", ".join(f"Skill {i}" for i in range(20)),
        "nice_skills": ", ".join(f"Other {i}" for i in range(11)),
        "action": "save",
    }

    response = client.post("/jobs/new/", data)

    assert response.status_code == 400  # the form's errors, as every invalid post
    assert "List at most 30 skills in all (31 given)." in response.content.decode()
    assert not Job.objects.exists()
