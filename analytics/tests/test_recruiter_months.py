# ruff: noqa: F811 — the recruiters' fixtures are imported, then used as arguments
"""The recruiter dashboard's "by month" table, by hand.

rita submits alice in the middle of last month; Acme hires her (today) and the
agency invoices the 17,000.00 fee last month (backdated) and is paid today, split
60/40 between rita and rex. rex submits bob today; bob is interviewed and hired,
then the placement is cancelled inside the guarantee (a fall-off).
"""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.services.applications import application_transition
from recruiters import services
from recruiters.models import Submission
from recruiters.reports import report_by_month
from recruiters.tests.conftest import (  # noqa: F401 — fixtures
    alice,
    bob,
    client_job,
    engagement,
    hired,
    ivan,
    placement,
    proposal,
    rex,
    submission,
)

pytestmark = pytest.mark.django_db

ZEROS = {
    "submissions": 0,
    "interviews": 0,
    "placements": 0,
    "fall_offs": 0,
    "fees_invoiced": D("0.00"),
    "fees_paid": D("0.00"),
    "commission": D("0.00"),
}


def _label(day):
    return f"{day.year:04d}-{day.month:02d}"


@pytest.fixture
def last_month():
    """Noon in the middle of last month (site time zone)."""
    first = timezone.localdate().replace(day=1)
    day = first - datetime.timedelta(days=15)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def months(placement, rita, rex, bob, engagement, client_job, olivia, last_month):
    services.placement_set_splits(
        user=rita, placement=placement, splits=[(rita, "60"), (rex, "40")]
    )
    services.placement_transition(user=rita, placement=placement, to_status="invoiced")
    services.placement_transition(user=rita, placement=placement, to_status="paid")
    placement.__class__.objects.filter(pk=placement.pk).update(
        invoiced_at=last_month + datetime.timedelta(days=1)
    )
    Submission.objects.filter(pk=placement.submission_id).update(created_at=last_month)
    sub = services.submission_create(
        user=rex, engagement=engagement, job=client_job, candidate=bob
    )
    sub = services.submission_accept(user=bob, submission=sub)
    application_transition(
        application=sub.application, to_stage="interview", actor=olivia
    )
    application_transition(application=sub.application, to_stage="hired", actor=olivia)
    second = services.placement_create_from_application(
        user=rita,
        application=sub.application,
        agreed_annual_salary="50000",
        start_date=timezone.localdate(),
    )
    services.placement_transition(user=rita, placement=second, to_status="cancelled")
    return placement.agency


def test_by_month_counts_each_figure_in_its_month(months, last_month):
    rows = report_by_month(months)

    this_month = _label(timezone.localdate())
    assert len(rows) == 12
    assert rows[-1]["month"] == this_month
    assert rows[-2]["month"] == _label(last_month)
    assert rows[-2] == {
        "month": _label(last_month),
        **ZEROS,
        "submissions": 1,  # alice, backdated
        "fees_invoiced": D("17000.00"),  # invoiced last month
    }
    assert rows[-1] == {
        "month": this_month,
        "submissions": 1,  # bob
        "interviews": 2,  # alice hired today (reaches interview), bob interviewed
        "placements": 1,  # alice's; bob's was cancelled
        "fall_offs": 1,
        "fees_invoiced": D("0.00"),
        "fees_paid": D("17000.00"),
        "commission": D("17000.00"),  # 10,200.00 + 6,800.00
    }
    assert all(row == {"month": row["month"], **ZEROS} for row in rows[:-2])


def test_by_month_of_an_agency_without_activity(agency):
    rows = report_by_month(agency, months=3)
    assert [row["month"] for row in rows][-1] == _label(timezone.localdate())
    assert all(row == {"month": row["month"], **ZEROS} for row in rows)


def test_by_month_runs_three_queries(months, django_assert_num_queries):
    with django_assert_num_queries(3):
        report_by_month(months)


def test_dashboard_api_page_and_csv(months, api_as, client, rita, rex):
    body = api_as(rex).get("/api/v1/analytics/dashboard/").json()
    by_month = body["data"]["tables"]["by_month"]
    assert len(by_month) == 12
    assert by_month[-1]["placements"] == 1
    assert by_month[-1]["commission"] == 17000.0

    client.force_login(rita)
    page = client.get(reverse("analytics:insights"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Placements per month" in html
    assert "Fees invoiced per month" in html

    response = client.get(reverse("analytics:export", args=["by_month"]))
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == (
        "month,submissions,interviews,placements,fall_offs,fees_invoiced,"
        "fees_paid,commission"
    )
    assert len(lines) == 13
    assert lines[-1] == f"{_label(timezone.localdate())},1,2,1,1,0.00,17000.00,17000.00"


def test_other_agencies_and_employers_do_not_see_it(
    months,
    api_as,
    client,
    ivan,
    olivia,
):
    by_month = api_as(ivan).get("/api/v1/analytics/dashboard/").json()["data"]
    assert by_month["agency"]["name"] == "Other Agency"
    assert all(row["submissions"] == 0 for row in by_month["tables"]["by_month"])

    client.force_login(olivia)  # the client company: an employer dashboard
    assert client.get(reverse("analytics:export", args=["by_month"])).status_code == 404
    client.logout()
    anonymous = client.get(reverse("analytics:export", args=["by_month"]))
    assert anonymous.status_code == 302


def test_recruiter_page_queries_do_not_grow(
    months, client, rita, django_assert_max_num_queries
):
    client.force_login(rita)
    # 17 today with 2 clients' worth of data: session, user, agency, then the
    # reports (by client, by recruiter, by month: a fixed number each).
    with django_assert_max_num_queries(17):
        assert client.get(reverse("analytics:insights")).status_code == 200
