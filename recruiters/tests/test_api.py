"""The recruiters API per persona, with bad input and query counts."""

from decimal import Decimal as D

import pytest

from recruiters import services
from recruiters.models import ClientEngagement, Placement, Submission, TalentPoolEntry

BASE = "/api/v1/recruiters"


def _error(response):
    return response.json()["error"]


# --- clients ------------------------------------------------------------------


def test_create_client_and_read_it_back(api_as, rita, rex, agency, acme):
    response = api_as(rita).post(
        f"{BASE}/clients/",
        {
            "client": "acme",
            "fee_type": "percent",
            "fee_percent": "18.50",
            "currency": "EUR",
            "recruiters": [rita.pk, rex.pk],
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["client"] == {"id": acme.pk, "name": "Acme", "slug": "acme"}
    # An existing employer must accept first: the engagement is a proposal.
    assert (body["fee_percent"], body["flat_fee"], body["status"]) == (
        "18.50",
        None,
        "proposed",
    )
    assert (body["unclaimed_client"], body["responded_at"]) == (False, None)
    assert [r["full_name"] for r in body["recruiters"]] == [
        "Rita Recruiter",
        "Rex Teammate",
    ]


def test_create_unclaimed_client(api_as, rita, agency):
    response = api_as(rita).post(
        f"{BASE}/clients/",
        {
            "client_name": "Initech",
            "fee_type": "flat",
            "flat_fee": "5000",
            "currency": "USD",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    # A company the agency lists itself has nobody to ask: active at once.
    assert (body["flat_fee"], body["status"], body["unclaimed_client"]) == (
        "5000.00",
        "active",
        True,
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"fee_type": "percent", "fee_percent": "5"}, "client"),
        ({"client": "nope", "fee_type": "percent", "fee_percent": "5"}, "client"),
        (
            {"client": "acme", "fee_type": "percent", "fee_percent": "101"},
            "fee_percent",
        ),
        (
            {"client": "acme", "fee_type": "percent", "fee_percent": "abc"},
            "fee_percent",
        ),
        ({"client": "acme", "fee_type": "flat"}, "flat_fee"),
        ({"client": "acme", "fee_type": "weird"}, "fee_type"),
        (
            {
                "client": "acme",
                "fee_type": "percent",
                "fee_percent": "5",
                "currency": "ZZZ",
            },
            "currency",
        ),
        (
            {
                "client": "acme",
                "fee_type": "percent",
                "fee_percent": "5",
                "recruiters": [999999],
            },
            "recruiters",
        ),
        (
            {
                "client": "acme",
                "fee_type": "percent",
                "fee_percent": "5",
                "guarantee_days": -1,
            },
            "guarantee_days",
        ),
    ],
)
def test_create_client_bad_input(api_as, rita, agency, acme, payload, field):
    response = api_as(rita).post(f"{BASE}/clients/", payload, format="json")
    assert response.status_code == 400
    assert field in _error(response)["fields"]
    assert not ClientEngagement.objects.exists()


def test_duplicate_open_client_is_409(api_as, rita, engagement):
    response = api_as(rita).post(
        f"{BASE}/clients/",
        {"client": "acme", "fee_type": "percent", "fee_percent": "5"},
        format="json",
    )
    assert response.status_code == 409
    assert _error(response)["message"] == (
        "Hire Partners already has an open engagement with Acme."
    )


@pytest.mark.parametrize(
    ("persona", "list_count", "detail"),
    [
        ("rita", 1, 200),
        ("rex", 1, 200),
        ("ivan", 0, 404),
        ("olivia", 0, 404),
        ("eve", 0, 404),
        ("alice", 0, 404),
        ("sam", 0, 404),
    ],
)
def test_clients_per_persona(request, api_as, engagement, persona, list_count, detail):
    client = api_as(request.getfixturevalue(persona))
    assert client.get(f"{BASE}/clients/").json()["count"] == list_count
    assert client.get(f"{BASE}/clients/{engagement.pk}/").status_code == detail


def test_clients_anonymous(api, engagement):
    assert api.get(f"{BASE}/clients/").status_code == 401
    assert api.post(f"{BASE}/clients/", {}).status_code == 401


@pytest.mark.parametrize("persona", ["olivia", "alice", "eve"])
def test_non_recruiters_cannot_create_clients(request, api_as, acme, persona):
    response = api_as(request.getfixturevalue(persona)).post(
        f"{BASE}/clients/",
        {"client": "acme", "fee_type": "percent", "fee_percent": "5"},
    )
    assert response.status_code == 403


def test_member_cannot_edit_terms_owner_can_and_delete_ends(
    api_as, rita, rex, engagement
):
    url = f"{BASE}/clients/{engagement.pk}/"
    assert (
        api_as(rex).patch(url, {"fee_percent": "1"}, format="json").status_code == 403
    )
    response = api_as(rita).patch(
        url, {"fee_percent": "25", "status": "paused"}, format="json"
    )
    assert (response.json()["fee_percent"], response.json()["status"]) == (
        "25.00",
        "paused",
    )
    assert api_as(rita).patch(url, {"client": "x"}, format="json").status_code == 400
    assert api_as(rita).delete(url).status_code == 204
    assert api_as(rita).get(url).json()["status"] == "ended"
    response = api_as(rita).patch(url, {"fee_percent": "5"}, format="json")
    assert response.status_code == 409
    assert api_as(rita).delete(url).status_code == 409


def test_clients_list_query_count(api_as, rita, agency, django_assert_max_num_queries):
    for n in range(5):
        services.engagement_create(
            user=rita,
            agency=agency,
            client_name=f"Client {n}",
            fee_type="percent",
            fee_percent="10",
        )
    with django_assert_max_num_queries(8):
        assert len(api_as(rita).get(f"{BASE}/clients/").json()["results"]) == 5


# --- pool -----------------------------------------------------------------------


def test_pool_crud_and_merge(api_as, rita, agency, alice, bob):
    client = api_as(rita)
    a = client.post(
        f"{BASE}/pool/",
        {"candidate": alice.pk, "tags": ["Go"], "phone": "+4930123456"},
        format="json",
    )
    assert a.status_code == 201
    assert a.json()["tags"] == ["go"]
    assert a.json()["phone"] == "+4930123456"
    b = client.post(
        f"{BASE}/pool/",
        {"candidate": bob.pk, "phone": "030 123456", "notes": "n"},
        format="json",
    ).json()
    groups = client.get(f"{BASE}/pool/duplicates/").json()
    assert [[e["id"] for e in g["entries"]] for g in groups] == [
        [a.json()["id"], b["id"]]
    ]
    merged = client.post(
        f"{BASE}/pool/merge/", {"keep": a.json()["id"], "merge": b["id"]}, format="json"
    )
    assert merged.status_code == 200
    assert merged.json()["notes"] == "n"
    patched = client.patch(
        f"{BASE}/pool/{a.json()['id']}/",
        {"tags": ["x", "y"], "notes": "hi"},
        format="json",
    )
    assert (patched.json()["tags"], patched.json()["notes"]) == (["x", "y"], "hi")
    assert client.get(f"{BASE}/pool/?tag=x").json()["count"] == 1
    assert client.get(f"{BASE}/pool/?tag=zzz").json()["count"] == 0
    assert client.delete(f"{BASE}/pool/{a.json()['id']}/").status_code == 204
    assert not TalentPoolEntry.objects.exists()


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({}, 400, "candidate"),
        ({"candidate": "x"}, 400, "candidate"),
        ({"candidate": 999999}, 400, "candidate"),
        ({"candidate": "OLIVIA"}, 400, "candidate"),
        ({"candidate": "ALICE", "phone": "not a phone"}, 400, "phone"),
        ({"candidate": "ALICE", "tags": ["x" * 51]}, 400, "tags"),
        ({"candidate": "ALICE", "source": "bogus"}, 400, "source"),
    ],
)
def test_pool_bad_input(api_as, rita, agency, alice, olivia, payload, status, field):
    payload = {
        k: {"ALICE": alice.pk, "OLIVIA": olivia.pk}.get(v, v)
        if isinstance(v, str)
        else v
        for k, v in payload.items()
    }
    response = api_as(rita).post(f"{BASE}/pool/", payload, format="json")
    assert response.status_code == status
    assert field in _error(response)["fields"]
    assert not TalentPoolEntry.objects.exists()


def test_pool_twice_is_409_and_merge_bad_input(api_as, rita, agency, alice, bob):
    client = api_as(rita)
    a = client.post(f"{BASE}/pool/", {"candidate": alice.pk}).json()
    assert client.post(f"{BASE}/pool/", {"candidate": alice.pk}).status_code == 409
    b = client.post(f"{BASE}/pool/", {"candidate": bob.pk}).json()
    assert (
        client.post(
            f"{BASE}/pool/merge/", {"keep": a["id"], "merge": b["id"]}
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"{BASE}/pool/merge/", {"keep": a["id"], "merge": 999999}
        ).status_code
        == 404
    )
    assert client.post(f"{BASE}/pool/merge/", {"keep": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("persona", "count", "detail"),
    [
        ("rita", 1, 200),
        ("rex", 1, 200),
        ("ivan", 0, 404),
        ("olivia", 0, 404),
        ("alice", 0, 404),
        ("sam", 0, 404),
    ],
)
def test_pool_per_persona(request, api_as, rita, agency, alice, persona, count, detail):
    entry = services.talent_pool_add(user=rita, agency=agency, candidate=alice)
    client = api_as(request.getfixturevalue(persona))
    assert client.get(f"{BASE}/pool/").json()["count"] == count
    assert client.get(f"{BASE}/pool/{entry.pk}/").status_code == detail
    if detail == 404:
        assert client.delete(f"{BASE}/pool/{entry.pk}/").status_code == 404
        assert TalentPoolEntry.objects.filter(pk=entry.pk).exists()


def test_pool_list_query_count(api_as, rita, agency, django_assert_max_num_queries):
    from accounts.tests.factories import UserFactory
    from candidates.tests.factories import make_profile

    for n in range(6):
        services.talent_pool_add(
            user=rita,
            agency=agency,
            candidate=make_profile(UserFactory()).user,
            tags=[f"t{n}", "all"],
        )
    with django_assert_max_num_queries(6):
        assert len(api_as(rita).get(f"{BASE}/pool/").json()["results"]) == 6


# --- submissions ----------------------------------------------------------------


def test_submit_and_accept_over_the_api(api_as, rita, alice, engagement, client_job):
    response = api_as(rita).post(
        f"{BASE}/submissions/",
        {"job": client_job.pk, "candidate": alice.pk, "pitch": "Fits"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["pitch"], body["application"]) == (
        "pending_consent",
        "Fits",
        None,
    )
    accepted = api_as(alice).post(f"{BASE}/submissions/{body['id']}/accept/")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["application"] == Submission.objects.get().application_id
    again = api_as(alice).post(f"{BASE}/submissions/{body['id']}/accept/")
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "job"),
        ({"job": "x", "candidate": 1}, "job"),
        ({"job": 999999, "candidate": "ALICE"}, "job"),
        ({"job": "JOB", "candidate": 999999}, "candidate"),
        ({"job": "JOB", "candidate": "OLIVIA"}, "candidate"),
        ({"job": "GLOBEX", "candidate": "ALICE"}, "job"),
        ({"job": "JOB", "candidate": "ALICE", "pitch": "x" * 5001}, "pitch"),
    ],
)
def test_submission_bad_input(
    api_as, rita, alice, olivia, engagement, client_job, globex, payload, field
):
    from jobs.tests.factories import JobFactory

    globex_job = JobFactory(company=globex, published=True)
    ids = {
        "ALICE": alice.pk,
        "OLIVIA": olivia.pk,
        "JOB": client_job.pk,
        "GLOBEX": globex_job.pk,
    }
    payload = {
        k: ids.get(v, v) if isinstance(v, str) else v for k, v in payload.items()
    }
    response = api_as(rita).post(f"{BASE}/submissions/", payload, format="json")
    assert response.status_code == 400
    assert field in _error(response)["fields"]
    assert not Submission.objects.exists()


def test_duplicate_submission_is_409(api_as, rex, submission, client_job, alice):
    response = api_as(rex).post(
        f"{BASE}/submissions/", {"job": client_job.pk, "candidate": alice.pk}
    )
    assert response.status_code == 409
    assert _error(response)["message"] == (
        "Alice Candidate has already been submitted to Backend Engineer."
    )


def test_ended_engagement_refuses_api_submission(
    api_as, rita, engagement, client_job, bob
):
    services.engagement_end(user=rita, engagement=engagement)
    client_job.refresh_from_db()
    assert client_job.status == "closed"  # ending took the agency's job down
    response = api_as(rita).post(
        f"{BASE}/submissions/", {"job": client_job.pk, "candidate": bob.pk}
    )
    assert response.status_code == 400
    assert _error(response)["fields"] == {
        "job": ["This job is not accepting applications."]
    }


def test_paused_engagement_refuses_api_submission(
    api_as, rita, engagement, client_job, bob
):
    services.engagement_update(user=rita, engagement=engagement, status="paused")
    response = api_as(rita).post(
        f"{BASE}/submissions/", {"job": client_job.pk, "candidate": bob.pk}
    )
    assert response.status_code == 409
    assert _error(response)["message"] == (
        "This engagement is not active: the agency cannot act for it."
    )


@pytest.mark.parametrize(
    ("persona", "count", "detail", "accept"),
    [
        ("rita", 1, 200, 403),
        ("rex", 1, 200, 403),
        ("ivan", 0, 404, 404),
        # The client sees a submission only once the candidate consented.
        ("olivia", 0, 404, 404),
        ("tom", 0, 404, 404),
        ("eve", 0, 404, 404),
        ("alice", 1, 200, 200),
        ("bob", 0, 404, 404),
        ("sam", 0, 404, 404),
    ],
)
def test_submissions_per_persona(
    request, api_as, submission, persona, count, detail, accept
):
    client = api_as(request.getfixturevalue(persona))
    assert client.get(f"{BASE}/submissions/").json()["count"] == count
    assert client.get(f"{BASE}/submissions/{submission.pk}/").status_code == detail
    assert (
        client.post(f"{BASE}/submissions/{submission.pk}/accept/").status_code == accept
    )


def test_submissions_anonymous(api, submission):
    assert api.get(f"{BASE}/submissions/").status_code == 401
    assert api.post(f"{BASE}/submissions/{submission.pk}/accept/").status_code == 401


def test_decline_and_withdraw(
    api_as, submission, alice, rita, rex, engagement, client_job
):
    assert (
        api_as(alice)
        .post(f"{BASE}/submissions/{submission.pk}/decline/")
        .json()["status"]
        == "declined"
    )
    again = services.submission_create(
        user=rita, engagement=engagement, job=client_job, candidate=alice
    )
    assert (
        api_as(alice).post(f"{BASE}/submissions/{again.pk}/withdraw/").status_code
        == 403
    )
    assert (
        api_as(rex).post(f"{BASE}/submissions/{again.pk}/withdraw/").json()["status"]
        == "withdrawn"
    )


def test_submission_list_query_count(
    api_as, rita, engagement, client_job, django_assert_max_num_queries
):
    from accounts.tests.factories import UserFactory
    from candidates.tests.factories import make_profile

    for _ in range(5):
        services.submission_create(
            user=rita,
            engagement=engagement,
            job=client_job,
            candidate=make_profile(UserFactory()).user,
        )
    with django_assert_max_num_queries(6):
        assert len(api_as(rita).get(f"{BASE}/submissions/").json()["results"]) == 5


# --- placements -----------------------------------------------------------------


def test_record_placement_over_the_api(api_as, rita, hired):
    response = api_as(rita).post(
        f"{BASE}/placements/",
        {
            "application": hired.pk,
            "agreed_annual_salary": "123456.78",
            "start_date": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    # 20 % of 123,456.78 = 24,691.356 → 24,691.36
    assert (body["fee"], body["currency"], body["status"]) == (
        "24691.36",
        "EUR",
        "pending",
    )
    assert body["splits"] == [
        {
            "recruiter": {"id": rita.pk, "full_name": "Rita Recruiter"},
            "percent": "100.00",
            "amount": "24691.36",
        }
    ]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({}, 400),
        ({"application": 999999, "agreed_annual_salary": "1"}, 400),
        ({"application": "APP", "agreed_annual_salary": "-1"}, 400),
        ({"application": "APP", "agreed_annual_salary": "1.001"}, 400),
        ({"application": "APP", "agreed_annual_salary": "1", "currency": "zz"}, 400),
        (
            {"application": "APP", "agreed_annual_salary": "1", "start_date": "soon"},
            400,
        ),
        ({"application": "APP"}, 400),
    ],
)
def test_record_placement_bad_input(api_as, rita, hired, payload, status):
    payload = {k: hired.pk if v == "APP" else v for k, v in payload.items()}
    response = api_as(rita).post(f"{BASE}/placements/", payload, format="json")
    assert response.status_code == status
    assert not Placement.objects.exists()


def test_placement_twice_is_409(api_as, rita, placement, hired):
    response = api_as(rita).post(
        f"{BASE}/placements/", {"application": hired.pk, "agreed_annual_salary": "1"}
    )
    assert response.status_code == 409


def test_fee_splits_and_transitions(api_as, rita, rex, placement):
    client = api_as(rita)
    url = f"{BASE}/placements/{placement.pk}"
    assert client.post(f"{url}/fee/", {"fee": "1000.00"}).status_code == 400
    assert client.post(f"{url}/fee/", {"fee": "x", "reason": "r"}).status_code == 400
    body = client.post(f"{url}/fee/", {"fee": "1000.00", "reason": "Agreed"}).json()
    assert (body["fee"], body["fee_override_reason"]) == ("1000.00", "Agreed")
    bad = client.put(
        f"{url}/splits/",
        {
            "splits": [
                {"recruiter": rita.pk, "percent": "50"},
                {"recruiter": rex.pk, "percent": "49.99"},
            ]
        },
        format="json",
    )
    assert bad.status_code == 400
    assert _error(bad)["fields"] == {
        "splits": ["The shares add up to 99.99 %, not 100 %."]
    }
    assert (
        client.put(f"{url}/splits/", {"splits": []}, format="json").status_code == 400
    )
    assert (
        client.put(
            f"{url}/splits/",
            {"splits": [{"recruiter": 999999, "percent": "100"}]},
            format="json",
        ).status_code
        == 400
    )
    body = client.put(
        f"{url}/splits/",
        {
            "splits": [
                {"recruiter": rita.pk, "percent": "33.33"},
                {"recruiter": rex.pk, "percent": "66.67"},
            ]
        },
        format="json",
    ).json()
    assert [
        (s["recruiter"]["id"], s["percent"], s["amount"]) for s in body["splits"]
    ] == [
        (rex.pk, "66.67", "666.70"),
        (rita.pk, "33.33", "333.30"),
    ]
    assert client.post(f"{url}/transition/", {"status": "paid"}).status_code == 409
    assert client.post(f"{url}/transition/", {"status": "nope"}).status_code == 400
    assert (
        client.post(f"{url}/transition/", {"status": "invoiced"}).json()["status"]
        == "invoiced"
    )
    body = client.post(f"{url}/terms/", {"agreed_annual_salary": "90000"}).json()
    assert (body["fee"], body["fee_override_reason"]) == ("18000.00", "")


@pytest.mark.parametrize(
    ("persona", "count", "detail", "write"),
    [
        ("rita", 1, 200, 200),
        ("rex", 1, 200, 403),
        ("ivan", 0, 404, 404),
        ("olivia", 0, 404, 404),
        ("eve", 0, 404, 404),
        ("alice", 0, 404, 404),
        ("sam", 0, 404, 404),
    ],
)
def test_placements_per_persona(
    request, api_as, placement, persona, count, detail, write
):
    client = api_as(request.getfixturevalue(persona))
    assert client.get(f"{BASE}/placements/").json()["count"] == count
    assert client.get(f"{BASE}/placements/{placement.pk}/").status_code == detail
    response = client.post(
        f"{BASE}/placements/{placement.pk}/fee/", {"fee": "1", "reason": "r"}
    )
    assert response.status_code == write
    placement.refresh_from_db()
    assert placement.fee == (D("1.00") if write == 200 else D("17000.00"))


def test_placements_list_query_count(
    api_as, rita, placement, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert api_as(rita).get(f"{BASE}/placements/").json()["count"] == 1


# --- reports --------------------------------------------------------------------


def test_reports(api_as, rita, rex, placement, engagement):
    services.placement_set_splits(
        user=rita, placement=placement, splits=[(rita, "60"), (rex, "40")]
    )
    services.placement_transition(user=rita, placement=placement, to_status="invoiced")
    services.placement_transition(user=rita, placement=placement, to_status="paid")
    body = api_as(rex).get(f"{BASE}/reports/?by=recruiter").json()
    assert body["by"] == "recruiter"
    assert [
        (r["name"], r["submissions"], r["placements"], r["fees_paid"], r["commission"])
        for r in body["rows"]
    ] == [
        ("Rex Teammate", 0, 0, "0.00", "6800.00"),
        ("Rita Recruiter", 1, 1, "17000.00", "10200.00"),
    ]
    body = api_as(rita).get(f"{BASE}/reports/?by=client").json()
    row = body["rows"][0]
    assert (row["name"], row["interviews"], row["fees_invoiced"], row["fill_rate"]) == (
        "Acme",
        1,
        "17000.00",
        "50.00",
    )
    assert api_as(rita).get(f"{BASE}/reports/?by=x").status_code == 400


@pytest.mark.parametrize("persona", ["olivia", "alice", "sam"])
def test_reports_need_an_agency(request, api_as, persona):
    assert (
        api_as(request.getfixturevalue(persona)).get(f"{BASE}/reports/").status_code
        == 403
    )


def test_client_sees_a_submission_once_the_candidate_consents(
    api_as, submission, alice, olivia
):
    from recruiters import services

    client = api_as(olivia)
    assert client.get(f"{BASE}/submissions/{submission.pk}/").status_code == 404
    services.submission_accept(user=alice, submission=submission)
    assert client.get(f"{BASE}/submissions/").json()["count"] == 1
    assert client.get(f"{BASE}/submissions/{submission.pk}/").status_code == 200
