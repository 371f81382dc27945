"""Job alert pages: "save this search as an alert" on the search page, /alerts/
with delete; candidates only; bad input answers 400 and writes nothing."""

import re

import pytest

from jobs.models import SavedSearch
from jobs.services.alerts import MAX_ALERTS, saved_search_create

pytestmark = pytest.mark.django_db


def _alert(user, name="Python in DE", query=None):
    return saved_search_create(
        user=user,
        name=name,
        query=query or {"q": "python", "country": "DE"},
        frequency="daily",
    )


def test_search_page_offers_candidates_the_alert_form_with_the_search(client, alice):
    client.force_login(alice)
    html = client.get(
        "/jobs/", {"q": "python", "country": "DE", "remote_policy": "remote"}
    ).content.decode()
    form = html.split('id="save-alert-form"')[1].split("</form>")[0]
    assert 'name="name" value="python"' in form
    query = re.search(r'name="query" value="([^"]*)"', form).group(1)
    assert query.replace("&amp;", "&") == "country=DE&q=python&remote_policy=remote"


@pytest.mark.parametrize("persona", ["olivia", "rita", None])
def test_search_page_offers_no_alert_form_to_others(client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    html = client.get("/jobs/", {"q": "python"}).content.decode()
    assert 'id="save-alert-form"' not in html


def test_search_page_without_filters_offers_no_alert(client, alice):
    client.force_login(alice)
    assert 'id="save-alert-form"' not in client.get("/jobs/").content.decode()


def test_candidate_saves_the_search_as_an_alert(client, alice):
    client.force_login(alice)
    response = client.post(
        "/alerts/new/",
        {
            "name": " Remote Python ",
            "frequency": "weekly",
            "query": "q=python&remote_policy=remote&remote_policy=hybrid&cursor=abc",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/alerts/"
    alert = SavedSearch.objects.get(user=alice)
    assert (alert.name, alert.frequency) == ("Remote Python", "weekly")
    assert alert.query == {"q": "python", "remote_policy": ["hybrid", "remote"]}
    html = client.get("/alerts/").content.decode()
    assert "Remote Python" in html
    assert "Keywords: python" in html
    assert "Weekly" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "frequency": "daily", "query": "q=python"}, "name", "required"),
        (
            {"name": "x", "frequency": "hourly", "query": "q=python"},
            "frequency",
            "Select a valid choice",
        ),
        ({"name": "x", "frequency": "daily", "query": ""}, None, "at least one"),
        (
            {"name": "x", "frequency": "daily", "query": "salary_min=lots"},
            None,
            "Salary from: Enter a whole number.",
        ),
        ({"name": "x" * 101, "frequency": "daily", "query": "q=a"}, "name", "100"),
    ],
)
def test_bad_alert_input_is_a_400_and_writes_nothing(
    client, alice, data, field, message
):
    client.force_login(alice)
    response = client.post("/alerts/new/", data)
    assert response.status_code == 400
    assert SavedSearch.objects.count() == 0
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field or "__all__", []))


def test_alert_limit_is_enforced_on_the_page(client, alice):
    for n in range(MAX_ALERTS):
        _alert(alice, name=f"a{n}", query={"q": f"word{n}"})
    client.force_login(alice)
    response = client.post(
        "/alerts/new/", {"name": "one more", "frequency": "daily", "query": "q=x"}
    )
    assert response.status_code == 400
    assert SavedSearch.objects.filter(user=alice).count() == MAX_ALERTS


@pytest.mark.parametrize(("persona", "status"), [("olivia", 403), ("rita", 403)])
def test_alert_pages_are_for_candidates_only(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/alerts/").status_code == status
    response = client.post(
        "/alerts/new/", {"name": "x", "frequency": "daily", "query": "q=python"}
    )
    assert response.status_code == status
    assert SavedSearch.objects.count() == 0


def test_anonymous_is_sent_to_sign_in(client):
    for response in (
        client.get("/alerts/"),
        client.post("/alerts/new/", {"name": "x", "query": "q=a"}),
        client.post("/alerts/1/delete/"),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert SavedSearch.objects.count() == 0


def test_alert_list_shows_only_own_alerts(client, alice, bob):
    _alert(alice, name="Alice's alert")
    _alert(bob, name="Bob's alert")
    client.force_login(alice)
    html = client.get("/alerts/").content.decode()
    assert "Alice&#x27;s alert" in html
    assert "Bob" not in html


def test_candidate_deletes_own_alert_only(client, alice, bob):
    mine, theirs = _alert(alice), _alert(bob)
    client.force_login(alice)
    assert client.post(f"/alerts/{theirs.pk}/delete/").status_code == 404
    assert client.get(f"/alerts/{mine.pk}/delete/").status_code == 405
    response = client.post(f"/alerts/{mine.pk}/delete/")
    assert response.status_code == 302
    assert list(SavedSearch.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert client.post("/alerts/999999/delete/").status_code == 404


def test_alert_list_query_count(client, alice, django_assert_max_num_queries):
    client.force_login(alice)
    _alert(alice)
    with django_assert_max_num_queries(6) as few:
        client.get("/alerts/")
    for n in range(10):
        _alert(alice, name=f"a{n}", query={"q": f"w{n}"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/alerts/").status_code == 200
