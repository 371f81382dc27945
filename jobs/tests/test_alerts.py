"""Job alerts: validation, one digest per run, never the same job twice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobs.models import AlertRun, SavedSearch
from jobs.services import alerts
from jobs.tests.factories import JobFactory
from notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db

SITE = "https://hotgigs.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE + "/"


def _alert(user, **query):
    alert = alerts.saved_search_create(
        user=user, name="Berlin remote", query=query, frequency="instantly"
    )
    SavedSearch.objects.filter(pk=alert.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    return alert


def test_each_new_matching_job_is_sent_once_in_one_digest(alice, bob, acme):
    alert = _alert(alice, city="Berlin")
    _alert(bob, city="Paris")
    go = JobFactory(company=acme, published=True, city="Berlin", title="Go dev")
    py = JobFactory(company=acme, published=True, city="Berlin", title="Py dev")
    JobFactory(company=acme, published=True, city="Munich", title="Elsewhere")
    now = timezone.now()
    stats = alerts.alerts_run(frequency="instantly", now=now)
    assert (stats["alerts"], stats["queries"], stats["notified"]) == (2, 2, 1)
    assert stats["jobs_matched"] == 2
    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (alice, NotificationKind.JOB_ALERT)
    assert note.title == "2 new jobs for your alert “Berlin remote”"
    assert note.link == "/jobs/?city=Berlin"
    assert note.body.splitlines() == [
        f"Py dev at Acme: {SITE}/jobs/{py.slug}/",
        f"Go dev at Acme: {SITE}/jobs/{go.slug}/",
    ]
    run = AlertRun.objects.get()
    assert (run.saved_search_id, run.job_ids, run.job_count) == (
        alert.pk,
        [py.pk, go.pk],
        2,
    )
    assert run.matched_until == now - alerts.COMMIT_LAG
    # Made due again (admin action): the high-water mark still says "sent".
    SavedSearch.objects.update(last_run_at=None)
    assert alerts.alerts_run(frequency="instantly")["notified"] == 0
    assert AlertRun.objects.count() == 1
    assert Notification.objects.count() == 1


def test_a_later_run_sends_only_jobs_published_after_the_mark(alice, acme):
    _alert(alice, city="Berlin")
    now = timezone.now()
    JobFactory(company=acme, published=True, city="Berlin", title="Old")
    assert alerts.alerts_run(frequency="instantly", now=now)["notified"] == 1
    # Published inside the commit lag of the first run: not lost, sent next time.
    late = JobFactory(
        company=acme,
        published=True,
        city="Berlin",
        title="Late",
        published_at=now - datetime.timedelta(seconds=30),
    )
    later = now + datetime.timedelta(minutes=5)
    stats = alerts.alerts_run(frequency="instantly", now=later)
    assert (stats["notified"], stats["jobs_matched"]) == (1, 1)
    newest = Notification.objects.order_by("-id").first()
    assert newest.title == "1 new job for your alert “Berlin remote”"
    assert newest.body == f"Late at Acme: {SITE}/jobs/{late.slug}/"
    assert list(
        AlertRun.objects.order_by("id").values_list("job_count", flat=True)
    ) == [
        1,
        1,
    ]
    # Nothing new: nothing sent, no run row, the mark still moves on.
    assert (
        alerts.alerts_run(
            frequency="instantly", now=later + datetime.timedelta(minutes=5)
        )["notified"]
        == 0
    )
    assert AlertRun.objects.count() == 2
    assert Notification.objects.count() == 2


def test_a_big_digest_lists_the_newest_and_links_the_rest(alice, acme):
    alert = _alert(alice, city="Berlin")
    base = timezone.now() - datetime.timedelta(hours=5)
    jobs = [
        JobFactory(
            company=acme,
            published=True,
            city="Berlin",
            published_at=base + datetime.timedelta(minutes=i),
        )
        for i in range(alerts.DIGEST_JOBS + 3)
    ]
    assert alerts.alerts_run(frequency="instantly")["notified"] == 1
    note = Notification.objects.get()
    lines = note.body.splitlines()
    assert note.title == f"{len(jobs)} new jobs for your alert “Berlin remote”"
    assert len(lines) == alerts.DIGEST_JOBS + 1
    assert lines[0] == f"{jobs[-1].title} at Acme: {SITE}/jobs/{jobs[-1].slug}/"
    assert lines[-1] == f"… and 3 more: {SITE}/jobs/?city=Berlin"
    run = AlertRun.objects.get(saved_search=alert)
    assert run.job_count == len(jobs)
    assert run.job_ids == [j.pk for j in reversed(jobs)][: alerts.DIGEST_JOBS]


def test_alerts_sharing_a_query_get_their_own_window(alice, bob, acme):
    old = _alert(alice, city="Berlin")
    new = _alert(bob, city="Berlin")
    now = timezone.now()
    SavedSearch.objects.filter(pk=old.pk).update(
        matched_until=now - datetime.timedelta(days=3)
    )
    SavedSearch.objects.filter(pk=new.pk).update(
        matched_until=now - datetime.timedelta(hours=12)
    )
    JobFactory(
        company=acme,
        published=True,
        city="Berlin",
        published_at=now - datetime.timedelta(days=2),
    )
    JobFactory(
        company=acme,
        published=True,
        city="Berlin",
        published_at=now - datetime.timedelta(hours=1),
    )
    stats = alerts.alerts_run(frequency="instantly", now=now)
    assert (stats["queries"], stats["notified"], stats["jobs_matched"]) == (1, 2, 3)
    counts = dict(AlertRun.objects.values_list("saved_search_id", "job_count"))
    assert counts == {old.pk: 2, new.pk: 1}


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


def test_the_alert_email_links_every_job_with_its_full_url(
    alice, acme, mailoutbox, django_capture_on_commit_callbacks
):
    _alert(alice, city="Berlin")
    go = JobFactory(company=acme, published=True, city="Berlin", title="Go dev")
    py = JobFactory(company=acme, published=True, city="Berlin", title="Py & dev")
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.alerts_run(frequency="instantly")["notified"] == 1

    (message,) = mailoutbox
    text = message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for job in (go, py):
        assert f": {SITE}/jobs/{job.slug}/\n" in text
        url = f"{SITE}/jobs/{job.slug}/"
        assert f'<a href="{url}">{url}</a>' in html
    assert f'Py &amp; dev at Acme: <a href="{SITE}/jobs/{py.slug}/">' in html
    assert f'<a href="{SITE}/jobs/?city=Berlin">Open in HotGigs</a>' in html


def test_only_the_sites_own_urls_become_links_in_an_email_body(settings):
    from notifications.templatetags.site_links import site_links

    settings.SITE_URL = SITE
    body = f"See {SITE}/jobs/a-b/?q=x&y=1\nand https://evil.example/jobs/ <b>bold</b>"

    assert site_links(body) == (
        f'See <a href="{SITE}/jobs/a-b/?q=x&amp;y=1">{SITE}/jobs/a-b/?q=x&amp;y=1</a>'
        "<br>and https://evil.example/jobs/ &lt;b&gt;bold&lt;/b&gt;"
    )


def test_the_notification_centre_links_the_alerts_jobs(client, alice, acme):
    _alert(alice, city="Berlin")
    job = JobFactory(company=acme, published=True, city="Berlin", title="Go dev")
    alerts.alerts_run(frequency="instantly")
    client.force_login(alice)

    html = client.get("/notifications/").content.decode()

    url = f"{SITE}/jobs/{job.slug}/"
    assert f'Go dev at Acme: <a href="{url}">{url}</a>' in html
