"""Job alerts: validation, one digest per run, never the same job twice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobs import alerts
from jobs.models import AlertDelivery, SavedSearch
from jobs.tests.factories import JobFactory
from notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def _alert(user, **query):
    alert = alerts.saved_search_create(
        user=user, name="Berlin remote", query=query, frequency="instantly"
    )
    SavedSearch.objects.filter(pk=alert.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    return alert


def test_each_new_matching_job_is_sent_once_in_one_digest(alice, bob, acme):
    _alert(alice, city="Berlin")
    _alert(bob, city="Paris")
    JobFactory(company=acme, published=True, city="Berlin", title="Go dev")
    JobFactory(company=acme, published=True, city="Berlin", title="Py dev")
    JobFactory(company=acme, published=True, city="Munich", title="Elsewhere")
    stats = alerts.alerts_run(frequency="instantly")
    assert (stats["alerts"], stats["queries"], stats["notified"]) == (2, 2, 1)
    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (alice, NotificationKind.JOB_ALERT)
    assert note.title == "2 new jobs for your alert “Berlin remote”"
    assert note.link == "/jobs/?city=Berlin"
    # A second run (even looking back again) sends nothing new.
    SavedSearch.objects.update(last_run_at=None)
    assert alerts.alerts_run(frequency="instantly")["notified"] == 0
    assert AlertDelivery.objects.count() == 2
    assert Notification.objects.count() == 1


def test_identical_queries_run_once(alice, bob, acme):
    _alert(alice, city="Berlin")
    _alert(bob, city=" berlin ".strip().title())
    JobFactory(company=acme, published=True, city="Berlin")
    stats = alerts.alerts_run(frequency="instantly")
    assert (stats["queries"], stats["notified"]) == (1, 2)


def test_daily_alert_is_not_due_twice_a_day(alice, acme):
    alert = alerts.saved_search_create(
        user=alice, name="x", query={"city": "Berlin"}, frequency="daily"
    )
    SavedSearch.objects.filter(pk=alert.pk).update(last_run_at=timezone.now())
    JobFactory(company=acme, published=True, city="Berlin")
    assert alerts.alerts_run(frequency="daily")["alerts"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"colour": "red"}, "query"),
        ({}, "query"),
        ("city=Berlin", "query"),
        ({"country": "XX"}, "query.country"),
        ({"salary_min": "lots"}, "query.salary_min"),
        ({"city": {"nested": 1}}, "query"),
    ],
)
def test_bad_queries_are_refused(alice, query, field):
    with pytest.raises(ValidationError) as exc:
        alerts.saved_search_create(user=alice, name="x", query=query, frequency="daily")
    assert field in exc.value.message_dict
    assert SavedSearch.objects.count() == 0


def test_saved_searches_api_per_persona(api_as, api, alice, bob):
    created = api_as(alice).post(
        "/api/v1/saved-searches/",
        {
            "name": "Remote",
            "query": {"remote_policy": ["remote"]},
            "frequency": "daily",
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["query"] == {"remote_policy": ["remote"]}
    pk = created.json()["id"]
    assert api.get("/api/v1/saved-searches/").status_code == 401
    assert api_as(bob).get(f"/api/v1/saved-searches/{pk}/").status_code == 404
    assert api_as(bob).delete(f"/api/v1/saved-searches/{pk}/").status_code == 404
    bad = api_as(alice).post(
        "/api/v1/saved-searches/",
        {"name": "", "query": {"x": 1}, "frequency": "hourly"},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) >= {"name", "frequency"}
    assert api_as(alice).get("/api/v1/saved-searches/").json()["count"] == 1


def test_expiring_job_notifies_its_team_once(
    acme, olivia, tom, eve, globex, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    soon = timezone.now() + datetime.timedelta(days=2)
    JobFactory(company=acme, published=True, expires_at=soon, title="Soon")
    JobFactory(
        company=acme,
        published=True,
        expires_at=timezone.now() + datetime.timedelta(days=20),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.jobs_notify_expiring() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.jobs_notify_expiring() == 0
    assert sorted(
        Notification.objects.filter(kind="job_expiring").values_list(
            "recipient__email", flat=True
        )
    ) == ["olivia@acme.test", "tom@acme.test"]
