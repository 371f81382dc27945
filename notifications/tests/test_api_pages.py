"""Notification centre and preferences: API and pages, per persona, bad input."""

import pytest

from notifications import services
from notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(alice, bob):
    for title in ("One", "Two", "Three"):
        services.notify(
            recipients=[alice], kind=NotificationKind.JOB_ALERT, title=title
        )
    services.notify(recipients=[bob], kind=NotificationKind.JOB_ALERT, title="Bob's")
    return list(Notification.objects.filter(recipient=alice).order_by("id"))


def test_list_is_scoped_and_cursor_paginated(
    api_as, three, alice, django_assert_max_num_queries
):
    client = api_as(alice)
    with django_assert_max_num_queries(3):
        page = client.get("/api/v1/notifications/?page_size=2").json()
    assert [n["title"] for n in page["results"]] == ["Three", "Two"]
    rest = client.get(page["next"]).json()
    assert [n["title"] for n in rest["results"]] == ["One"]


def test_mark_one_and_all_read(api_as, three, alice, bob):
    client = api_as(alice)
    assert client.post(f"/api/v1/notifications/{three[0].pk}/read/").json() == {
        "marked": 1
    }
    unread = client.get("/api/v1/notifications/?unread=true").json()["results"]
    assert [n["title"] for n in unread] == ["Three", "Two"]
    bob_row = Notification.objects.get(recipient=bob)
    assert client.post(f"/api/v1/notifications/{bob_row.pk}/read/").status_code == 404
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 2}
    bob_row.refresh_from_db()
    assert bob_row.read_at is None


@pytest.mark.parametrize("query", ["unread=maybe", "kind=nope"])
def test_bad_filters(api_as, alice, query):
    response = api_as(alice).get(f"/api/v1/notifications/?{query}")
    assert response.status_code == 400


def test_anonymous_api_is_refused(api):
    assert api.get("/api/v1/notifications/").status_code == 401
    assert api.get("/api/v1/notification-preferences/").status_code == 401


def test_preferences_api(api_as, alice):
    client = api_as(alice)
    rows = client.get("/api/v1/notification-preferences/").json()
    assert {r["kind"]: r["email"] for r in rows}["new_application"] == "digest"
    response = client.patch(
        "/api/v1/notification-preferences/job_alert/",
        {"email": "off", "in_app": False},
        format="json",
    )
    assert response.json() == {
        "kind": "job_alert",
        "label": "Job alert",
        "in_app": False,
        "email": "off",
    }
    bad = client.patch(
        "/api/v1/notification-preferences/job_alert/", {"email": "x"}, format="json"
    )
    assert bad.status_code == 400
    assert (
        client.patch(
            "/api/v1/notification-preferences/nope/", {"email": "off"}, format="json"
        ).status_code
        == 404
    )


def test_centre_page_filters_and_marks_selected(client, three, alice):
    client.force_login(alice)
    page = client.get("/notifications/?kind=job_alert")
    assert page.status_code == 200
    assert "Three" in page.content.decode()
    response = client.post("/notifications/read/", {"ids": [three[0].pk, "x"]})
    assert response.status_code == 302
    assert (
        Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 2
    )
    client.post("/notifications/read/", {"all": "1"})
    assert (
        Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 0
    )


def test_header_badge_shows_the_unread_count(client, three, alice):
    client.force_login(alice)
    html = client.get("/notifications/").content.decode()
    assert '<span class="pill" data-unread-count>3</span>' in html


def test_preferences_page_saves_and_rejects_bad_input(client, alice):
    client.force_login(alice)
    assert client.get("/notifications/preferences/").status_code == 200
    data = {f"{k}__email": "immediate" for k in NotificationKind.values}
    data["job_alert__email"] = "digest"
    data["job_alert__in_app"] = "on"
    assert client.post("/notifications/preferences/", data).status_code == 302
    pref = alice.notification_preferences.get(kind="job_alert")
    assert (pref.in_app, pref.email) == (True, "digest")
    data["job_alert__email"] = "sometimes"
    assert client.post("/notifications/preferences/", data).status_code == 400


def test_pages_need_login(client):
    for url in ("/notifications/", "/notifications/preferences/", "/messages/"):
        assert client.get(url).status_code == 302
