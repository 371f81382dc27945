"""Recruiting records in the personal-data export and account deletion."""

import pytest

from accounts.models import User
from accounts.tests.factories import DEFAULT_PASSWORD
from recruiters.models import Placement
from recruiters.privacy import PLACEMENT_BLOCKS_ERASURE

pytestmark = pytest.mark.django_db


def test_a_placed_candidate_is_told_why_deletion_waits_and_nothing_is_erased(
    api_as, placement, alice
):
    response = api_as(alice).post(
        "/api/v1/me/delete/", {"password": DEFAULT_PASSWORD}, format="json"
    )

    assert response.status_code == 409, response.content
    assert response.json()["error"]["message"] == PLACEMENT_BLOCKS_ERASURE
    assert User.objects.filter(pk=alice.pk).exists()
    assert Placement.objects.filter(candidate=alice).count() == 1


def test_the_candidate_export_lists_requests_and_placements(placement, alice):
    from accounts.services import user_export_data

    data = user_export_data(user=alice)["recruiters"]

    assert [(r["agency"], r["status"]) for r in data["recruiter_requests"]] == [
        ("Hire Partners", "accepted")
    ]
    assert [p["agency"] for p in data["placements"]] == ["Hire Partners"]
