import pytest
from django.test import RequestFactory

from analytics import tracking
from analytics.models import Event, EventKind

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"


def _request(user=None, agent=BROWSER, ip="203.0.113.9"):
    request = RequestFactory().get("/jobs/x/", HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)
    if user is not None:
        request.user = user
    else:
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
    return request


def _view(request, **kwargs):
    tracking.record(
        EventKind.JOB_VIEW, request=request, job_id=7, company_id=3, **kwargs
    )


def test_a_viewer_counts_once_per_job_per_day(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _view(_request(alice))
        _view(_request(alice))
        _view(_request())  # anonymous
        _view(_request())
        _view(_request(ip="198.51.100.1"))  # another anonymous visitor

    rows = list(Event.objects.order_by("id").values_list("user_id", "viewer_key"))
    assert len(rows) == 3
    assert rows[0] == (alice.pk, f"u{alice.pk}")
    assert rows[1][0] is None and rows[1][1].startswith("a") and len(rows[1][1]) == 33
    assert "203.0.113.9" not in rows[1][1]
    assert rows[1][1] != rows[2][1]


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1",
        "curl/8.0",
        "python-requests/2.32",
        "",
        "Mozilla/5.0 HeadlessChrome",
    ],
)
def test_bots_are_not_counted(agent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _view(_request(agent=agent))
    assert Event.objects.count() == 0


def test_the_jobs_own_team_is_not_counted(
    olivia, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _view(_request(olivia), exclude_user_ids=[olivia.pk])
        _view(_request(alice), exclude_user_ids=[olivia.pk])
        _view(_request(olivia), is_own_team=True)
    assert list(Event.objects.values_list("user_id", flat=True)) == [alice.pk]


def test_applies_and_searches_are_not_deduplicated(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tracking.record_search(
            request=_request(alice),
            query="  Python   DJANGO ",
            results=[(1, 10), (2, 10)],
        )
        tracking.record_search(
            request=_request(alice), query="python django", results=[(1, 10)]
        )
        tracking.record(EventKind.APPLY, user=alice, job_id=1, source="search")
    searches = Event.objects.filter(kind=EventKind.SEARCH)
    assert list(searches.values_list("query", flat=True)) == ["python django"] * 2
    impressions = Event.objects.filter(kind=EventKind.SEARCH_IMPRESSION)
    assert sorted(impressions.values_list("job_id", flat=True)) == [1, 2]
    apply = Event.objects.get(kind=EventKind.APPLY)
    assert (apply.user_id, apply.job_id, apply.source) == (alice.pk, 1, "search")


def test_profile_views_dedupe_per_candidate(olivia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for candidate_id in (5, 5, 6):
            tracking.record(
                EventKind.PROFILE_VIEW,
                request=_request(olivia),
                candidate_id=candidate_id,
                company_id=1,
            )
    assert sorted(Event.objects.values_list("candidate_id", flat=True)) == [5, 6]


def test_nothing_is_written_when_the_transaction_rolls_back(alice):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _view(_request(alice))
        raise RuntimeError("the caller fails")
    assert Event.objects.count() == 0


def test_a_failing_write_never_breaks_the_caller(
    alice, django_capture_on_commit_callbacks, monkeypatch
):
    def boom(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Event.objects, "bulk_create", boom)
    _view(_request(alice))
    assert Event.objects.count() == 0
    assert alice.__class__.objects.filter(pk=alice.pk).exists()  # still usable


def test_tracking_imports_no_domain_app():
    import ast
    import pathlib

    source = pathlib.Path(tracking.__file__).read_text()
    modules = {
        (node.module or "").split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    # hotgigs: the infrastructure below every app (the client address).
    assert modules <= {"hashlib", "logging", "re", "django", "analytics", "hotgigs"}


def test_pages_record_views_and_searches(client, alice, olivia, funnel):
    from analytics.models import Event

    client.force_login(alice)
    client.get(funnel.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.get(funnel.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.get("/jobs/", {"q": "Engineer"}, HTTP_USER_AGENT=BROWSER)
    client.force_login(olivia)  # Acme's own team: not counted
    client.get(funnel.get_absolute_url(), HTTP_USER_AGENT=BROWSER)

    views = Event.objects.filter(kind=EventKind.JOB_VIEW, job_id=funnel.pk)
    # The funnel fixture made 12 anonymous views; alice adds one, olivia none.
    assert views.filter(user_id__isnull=False).count() == 1
    assert views.get(user_id__isnull=False).user_id == alice.pk
    search = Event.objects.get(kind=EventKind.SEARCH)
    assert (search.user_id, search.query) == (alice.pk, "engineer")
