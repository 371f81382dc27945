"""Report numbers by hand: one client, two placements (one paid, one fall-off)."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from jobs.services.applications import application_transition
from recruiters import services
from recruiters.reports import report_by_client, report_by_recruiter, safe_cell


@pytest.fixture
def two_placements(placement, rita, rex, bob, engagement, client_job, olivia):
    """alice placed by rita (paid, split 60/40); bob placed by rex (fall-off)."""
    services.placement_set_splits(
        user=rita, placement=placement, splits=[(rita, "60"), (rex, "40")]
    )
    services.placement_transition(user=rita, placement=placement, to_status="invoiced")
    services.placement_transition(user=rita, placement=placement, to_status="paid")
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
    return placement, second


def test_report_by_recruiter(two_placements, rita, rex):
    rows = {r["name"]: r for r in report_by_recruiter(two_placements[0].agency)}
    assert rows["Rita Recruiter"] == {
        "id": rita.pk,
        "name": "Rita Recruiter",
        "submissions": 1,
        "interviews": 1,  # alice went straight to hired: it counts as reached
        "placements": 1,
        "fall_offs": 0,
        "fees_invoiced": D("17000.00"),
        "fees_paid": D("17000.00"),
        "commission": D("10200.00"),
        "fill_rate": D("50.00"),  # 1 of the 2 openings of the job rita posted
        "time_to_fill_days": 1,
    }
    assert (
        rows["Rex Teammate"]["submissions"],
        rows["Rex Teammate"]["placements"],
        rows["Rex Teammate"]["fall_offs"],
        rows["Rex Teammate"]["commission"],
        rows["Rex Teammate"]["fill_rate"],
    ) == (1, 0, 1, D("6800.00"), None)


def test_report_by_client(two_placements, acme):
    [row] = report_by_client(two_placements[0].agency)
    assert (row["id"], row["name"]) == (acme.pk, "Acme")
    assert (
        row["submissions"],
        row["interviews"],
        row["placements"],
        row["fall_offs"],
    ) == (
        2,
        2,
        1,
        1,
    )
    assert (row["fees_invoiced"], row["fees_paid"], row["commission"]) == (
        D("17000.00"),
        D("17000.00"),
        D("17000.00"),
    )
    assert row["fill_rate"] == D("50.00")


def test_time_to_fill_is_the_median(placement, client_job):
    client_job.published_at = placement.created_at - datetime.timedelta(days=10)
    client_job.save()
    [row] = report_by_client(placement.agency)
    assert row["time_to_fill_days"] == 10


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("Acme", "Acme"),
        (D("-5.00"), "-5.00"),
        (None, ""),
        (3, "3"),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell
