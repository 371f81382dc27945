"""Demo data, the admin pages and actions, and the reconciliation task."""

from decimal import Decimal as D

import pytest

from accounts import demo as accounts_demo
from candidates import demo as candidates_demo
from companies import demo as companies_demo
from recruiters import demo
from recruiters.models import ClientEngagement, Placement, Submission


def _quiet(message):
    return None


@pytest.mark.django_db
def test_demo_is_idempotent_and_has_every_status():
    accounts_demo.seed(options={}, log=_quiet)
    companies_demo.seed(options={}, log=_quiet)
    candidates_demo.seed(options={}, log=_quiet)
    demo.seed(options={}, log=_quiet)
    demo.seed(options={}, log=_quiet)
    assert sorted(
        ClientEngagement.objects.values_list("client__slug", "fee_type", "status")
    ) == [
        ("globex-health", "percent", "active"),
        ("initech-finance", "flat", "active"),
        ("northwind-labs", "percent", "proposed"),
    ]
    # The clients' owners accepted the active ones.
    assert sorted(
        ClientEngagement.objects.filter(status="active").values_list(
            "responded_by__email", flat=True
        )
    ) == ["owner@globex-health.test", "owner@initech-finance.test"]
    assert sorted(Submission.objects.values_list("status", flat=True)) == [
        "accepted",
        "accepted",
        "declined",
        "pending_consent",
        "withdrawn",
    ]
    placement = Placement.objects.get()
    assert (placement.fee, placement.currency, placement.status) == (
        D("9000.00"),
        "GBP",
        "invoiced",
    )


@pytest.mark.django_db
def test_demo_skips_without_companies():
    messages = []
    demo.seed(options={}, log=messages.append)
    assert messages == ["recruiters: demo companies missing, skipped"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/recruiters/clientengagement/",
        "/admin/recruiters/talentpoolentry/",
        "/admin/recruiters/submission/",
        "/admin/recruiters/placement/",
        "/admin/recruiters/tag/",
    ],
)
def test_admin_lists(client, sam, placement, url):
    client.force_login(sam)
    assert client.get(url).status_code == 200
    assert client.get(url + "?q=alice").status_code == 200


def test_admin_placement_change_page(client, sam, placement):
    client.force_login(sam)
    page = client.get(f"/admin/recruiters/placement/{placement.pk}/change/")
    assert page.status_code == 200


def test_admin_actions_call_the_services(client, sam, placement, engagement):
    client.force_login(sam)
    client.post(
        "/admin/recruiters/placement/",
        {"action": "mark_invoiced", "_selected_action": [placement.pk]},
    )
    placement.refresh_from_db()
    assert placement.status == "invoiced"
    client.post(
        "/admin/recruiters/placement/",
        {"action": "mark_invoiced", "_selected_action": [placement.pk]},
    )
    placement.refresh_from_db()
    assert placement.status == "invoiced"
    client.post(
        "/admin/recruiters/clientengagement/",
        {"action": "end_engagements", "_selected_action": [engagement.pk]},
    )
    engagement.refresh_from_db()
    assert engagement.status == "ended"


def test_reconcile_task(hired):
    from recruiters.tasks import reconcile_placements

    assert reconcile_placements.delay().get() == 1
    assert Placement.objects.get().application == hired
