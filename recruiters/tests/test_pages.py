"""Agency pages, the client's view and the candidate's requests, per persona."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from candidates.tests.factories import CandidateProfileFactory
from recruiters.models import (
    ClientEngagement,
    Placement,
    Submission,
    SubmissionStatus,
    TalentPoolEntry,
)


def _login(client, user):
    client.force_login(user)
    return client


AGENCY_PAGES = [
    ("recruiters:dashboard", {}),
    ("recruiters:clients", {}),
    ("recruiters:pool", {}),
    ("recruiters:pool_duplicates", {}),
    ("recruiters:submissions", {}),
    ("recruiters:submission_new", {}),
    ("recruiters:placements", {}),
    ("recruiters:reports", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), AGENCY_PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("rita", 200), ("rex", 200), ("olivia", 403), ("alice", 403), ("sam", 403)],
)
def test_agency_pages_per_persona(
    request, client, placement, name, kwargs, persona, status
):
    _login(client, request.getfixturevalue(persona))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == status


@pytest.mark.parametrize(("name", "kwargs"), AGENCY_PAGES)
def test_agency_pages_need_login(client, db, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_other_agency_sees_nothing_of_ours(client, placement, engagement, ivan):
    _login(client, ivan)
    assert client.get(f"/recruiter/clients/{engagement.pk}/").status_code == 404
    assert client.get(f"/recruiter/placements/{placement.pk}/").status_code == 404
    page = client.get("/recruiter/clients/").content.decode()
    assert "Acme" not in page
    assert (
        "Backend Engineer" not in client.get("/recruiter/submissions/").content.decode()
    )


def test_dashboard_and_lists_stay_within_a_query_budget(
    client, rita, placement, django_assert_max_num_queries
):
    _login(client, rita)
    for url in (
        "/recruiter/",
        "/recruiter/clients/",
        "/recruiter/pool/",
        "/recruiter/submissions/",
        "/recruiter/placements/",
        "/recruiter/reports/",
    ):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_add_a_new_client_then_edit_and_end(client, rita, agency):
    _login(client, rita)
    response = client.post(
        "/recruiter/clients/new/",
        {
            "client_name": "Initech",
            "fee_type": "percent",
            "fee_percent": "18.5",
            "currency": "EUR",
            "guarantee_days": "60",
            "payment_terms_days": "30",
            "recruiters": [rita.pk],
        },
    )
    engagement = ClientEngagement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/recruiter/clients/{engagement.pk}/"
    assert (engagement.client.name, engagement.fee_percent) == ("Initech", D("18.50"))
    page = client.get(response["Location"]).content.decode()
    assert "18.50% of first-year salary" in page
    client.post(f"/recruiter/clients/{engagement.pk}/end/")
    engagement.refresh_from_db()
    assert engagement.status == "ended"
    response = client.get(f"/recruiter/clients/{engagement.pk}/edit/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"fee_type": "percent", "fee_percent": "120"},
            "fee_percent",
            "less than or equal to 100",
        ),
        ({"fee_type": "flat"}, "flat_fee", "Give the flat fee."),
        (
            {"client": "nope", "fee_type": "percent", "fee_percent": "5"},
            "client",
            "No employer company has this address.",
        ),
        (
            {"client_name": "", "fee_type": "percent", "fee_percent": "5"},
            "client",
            "Choose an existing client or name a new one.",
        ),
    ],
)
def test_add_client_bad_input(client, rita, agency, data, field, message):
    _login(client, rita)
    base = {
        "client_name": "X",
        "currency": "EUR",
        "guarantee_days": "90",
        "payment_terms_days": "30",
    }
    response = client.post("/recruiter/clients/new/", {**base, **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ClientEngagement.objects.exists()


def test_member_cannot_add_clients(client, rex):
    _login(client, rex)
    assert client.get("/recruiter/clients/new/").status_code == 403


def test_existing_open_client_is_a_form_error(client, rita, engagement):
    _login(client, rita)
    response = client.post(
        "/recruiter/clients/new/",
        {
            "client": "acme",
            "fee_type": "percent",
            "fee_percent": "5",
            "currency": "EUR",
            "guarantee_days": "90",
            "payment_terms_days": "30",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Hire Partners already has an open engagement with Acme."
    ]


def test_post_and_publish_a_job_for_the_client(client, rex, engagement):
    _login(client, rex)
    response = client.post(
        f"/recruiter/clients/{engagement.pk}/jobs/new/",
        {
            "company": engagement.client_id,
            "title": "Site Reliability Engineer",
            "description": "<p>Keep it up.</p>",
            "employment_type": "full_time",
            "experience_level": "senior",
            "city": "Berlin",
            "country": "DE",
            "remote_policy": "hybrid",
            "salary_period": "year",
            "openings": "1",
        },
    )
    assert response.status_code == 302
    job = engagement.client.jobs.get(title="Site Reliability Engineer")
    assert (job.agency, job.posted_by, job.status) == (engagement.agency, rex, "draft")
    client.post(f"/recruiter/jobs/{job.pk}/status/", {"status": "published"})
    job.refresh_from_db()
    assert job.status == "published"


def test_pool_add_from_candidate_search(client, rita, agency, alice):
    CandidateProfileFactory(user=alice)
    _login(client, rita)
    page = client.get(f"/recruiter/pool/add/?candidate={alice.pk}")
    assert page.status_code == 200
    client.post("/recruiter/pool/add/", {"candidate": alice.pk, "tags": "python, q3"})
    entry = TalentPoolEntry.objects.get()
    assert (entry.candidate, entry.source) == (alice, "search")
    assert sorted(t.name for t in entry.tags.all()) == ["python", "q3"]
    listed = client.get("/recruiter/pool/?tag=python").content.decode()
    assert "Alice Candidate" in listed
    assert (
        "Alice Candidate"
        not in client.get("/recruiter/pool/?tag=nope").content.decode()
    )


@pytest.mark.parametrize("param", ["", "abc", "999999"])
def test_pool_add_bad_candidate(client, rita, agency, param):
    _login(client, rita)
    assert client.get(f"/recruiter/pool/add/?candidate={param}").status_code == 404


def test_pool_add_hidden_candidate_is_404(client, rita, agency, bob):
    bob.candidate_profile.visibility = "hidden"
    bob.candidate_profile.save(update_fields=["visibility"])
    _login(client, rita)
    assert client.get(f"/recruiter/pool/add/?candidate={bob.pk}").status_code == 404


def test_merge_duplicates_page(client, rita, agency, alice, bob):
    from recruiters import services

    a = services.talent_pool_add(
        user=rita, agency=agency, candidate=alice, phone="+4930123456"
    )
    b = services.talent_pool_add(
        user=rita, agency=agency, candidate=bob, phone="030123456"
    )
    _login(client, rita)
    assert (
        "Merge Bob Candidate into Alice Candidate"
        in client.get("/recruiter/pool/duplicates/").content.decode()
    )
    client.post("/recruiter/pool/duplicates/", {"keep": a.pk, "merge": b.pk})
    assert list(TalentPoolEntry.objects.values_list("pk", flat=True)) == [a.pk]
    response = client.post("/recruiter/pool/duplicates/", {"keep": "x", "merge": ""})
    assert response.status_code == 302


def test_submit_then_candidate_accepts(
    client, rita, agency, alice, engagement, client_job
):
    from recruiters import services

    services.talent_pool_add(user=rita, agency=agency, candidate=alice)
    _login(client, rita)
    response = client.post(
        "/recruiter/submissions/new/",
        {"job": client_job.pk, "candidate": alice.pk, "pitch": "Strong Go"},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    _login(client, alice)
    page = client.get("/recruiter-requests/").content.decode()
    assert "Backend Engineer at Acme" in page
    assert "Strong Go" in page
    client.post(f"/recruiter-requests/{submission.pk}/accept/")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert submission.application.source == "recruiter"


def test_submission_form_bad_input(client, rita, agency, alice, engagement, client_job):
    _login(client, rita)
    response = client.post(
        "/recruiter/submissions/new/", {"job": client_job.pk, "candidate": alice.pk}
    )
    # alice is not in the pool: not a valid choice.
    assert response.status_code == 200
    assert "candidate" in response.context["form"].errors
    response = client.post("/recruiter/submissions/new/", {"job": "x", "candidate": ""})
    assert set(response.context["form"].errors) == {"job", "candidate"}
    assert not Submission.objects.exists()


def test_duplicate_submission_is_a_form_error(
    client, rita, agency, alice, submission, client_job
):
    TalentPoolEntry.objects.create(agency=agency, candidate=alice)
    _login(client, rita)
    response = client.post(
        "/recruiter/submissions/new/", {"job": client_job.pk, "candidate": alice.pk}
    )
    assert response.context["form"].non_field_errors() == [
        "Alice Candidate has already been submitted to Backend Engineer."
    ]


@pytest.mark.parametrize("persona", ["bob", "rita", "olivia"])
def test_only_the_candidate_answers_requests(request, client, submission, persona):
    _login(client, request.getfixturevalue(persona))
    assert (
        client.post(f"/recruiter-requests/{submission.pk}/accept/").status_code == 404
    )
    submission.refresh_from_db()
    assert submission.status == "pending_consent"


def test_request_bad_answer_and_anonymous(client, submission, alice):
    assert (
        client.post(f"/recruiter-requests/{submission.pk}/accept/").status_code == 302
    )
    _login(client, alice)
    assert client.post(f"/recruiter-requests/{submission.pk}/maybe/").status_code == 404
    assert client.get(f"/recruiter-requests/{submission.pk}/accept/").status_code == 405


def test_bob_sees_no_requests_of_alice(client, submission, bob):
    _login(client, bob)
    assert "Backend Engineer" not in client.get("/recruiter-requests/").content.decode()


def test_client_team_sees_submissions_but_no_fees(
    client, placement, olivia, eve, engagement
):
    _login(client, olivia)
    page = client.get("/agency-submissions/").content.decode()
    assert "Hire Partners" in page and "Alice Candidate" in page
    assert "17000" not in page and "17,000" not in page
    # No pipeline stage unless the engagement allows it.
    assert "Hired" not in page
    engagement.allow_client_pipeline_view = True
    engagement.save()
    assert "Hired" in client.get("/agency-submissions/").content.decode()
    _login(client, eve)
    assert "Alice Candidate" not in client.get("/agency-submissions/").content.decode()


def test_record_placement_from_the_page(client, rita, hired):
    _login(client, rita)
    assert "Record placement" in client.get("/recruiter/placements/").content.decode()
    response = client.post(
        f"/recruiter/placements/record/{hired.pk}/",
        {
            "agreed_annual_salary": "85000",
            "currency": "EUR",
            "start_date": "2026-01-05",
        },
    )
    placement = Placement.objects.get()
    assert response["Location"] == f"/recruiter/placements/{placement.pk}/"
    assert placement.fee == D("17000.00")
    assert "17000.00 EUR" in client.get(response["Location"]).content.decode()


def test_record_placement_bad_input(client, rita, hired):
    _login(client, rita)
    response = client.post(
        f"/recruiter/placements/record/{hired.pk}/",
        {"agreed_annual_salary": "-1", "currency": "EUR"},
    )
    assert "agreed_annual_salary" in response.context["form"].errors
    response = client.post(
        f"/recruiter/placements/record/{hired.pk}/",
        {"agreed_annual_salary": "1000", "currency": "ZZZ"},
    )
    assert "currency" in response.context["form"].errors
    assert not Placement.objects.exists()


def test_placement_actions_fee_and_splits(client, rita, rex, placement):
    _login(client, rita)
    url = f"/recruiter/placements/{placement.pk}/"
    response = client.post(url, {"action": "fee", "fee": "16000", "reason": ""})
    assert "reason" in response.context["fee_form"].errors
    client.post(url, {"action": "fee", "fee": "16000", "reason": "Discount"})
    response = client.post(
        url, {"action": "splits", f"share_{rita.pk}": "60", f"share_{rex.pk}": "30"}
    )
    assert response.context["splits_form"].non_field_errors() == [
        "The shares add up to 90.00 %, not 100 %."
    ]
    client.post(
        url, {"action": "splits", f"share_{rita.pk}": "60", f"share_{rex.pk}": "40"}
    )
    client.post(url, {"action": "invoiced"})
    placement.refresh_from_db()
    assert (placement.fee, placement.status) == (D("16000.00"), "invoiced")
    assert [(s.recruiter, s.amount) for s in placement.splits.all()] == [
        (rita, D("9600.00")),
        (rex, D("6400.00")),
    ]
    client.post(url, {"action": "pending"})
    placement.refresh_from_db()
    assert placement.status == "invoiced"


def test_member_cannot_change_placements(client, rex, placement):
    _login(client, rex)
    url = f"/recruiter/placements/{placement.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "invoiced"}).status_code == 403


def test_reports_csv_is_formula_safe(client, rita, rex, placement):
    rex.full_name = '=HYPERLINK("x")'
    rex.save()
    _login(client, rita)
    response = client.get("/recruiter/reports.csv?by=recruiter")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "recruiter",
        "submissions",
        "interviews",
        "placements",
        "fall_offs",
        "fees_invoiced",
        "fees_paid",
        "commission",
        "fill_rate",
        "time_to_fill_days",
    ]
    assert rows[1:] == [
        ['\'=HYPERLINK("x")', "0", "0", "0", "0", "0.00", "0.00", "0.00", "", ""],
        ["Rita Recruiter", "1", "1", "1", "0", "0.00", "0.00", "0.00", "50.00", "1"],
    ]
    assert response["X-Total-Rows"] == "2"  # the progress bar's total (site.js)
    assert client.get("/recruiter/reports.csv?by=nope").status_code == 400
