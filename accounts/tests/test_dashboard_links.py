"""Dashboard cards for the pages other apps added: job alerts and recruiter
requests for candidates, agency submissions for employers."""

import pytest

pytestmark = pytest.mark.django_db

LINKS = {
    "alerts": '<a class="card" href="/alerts/">',
    "requests": '<a class="card" href="/recruiter-requests/">',
    "submissions": '<a class="card" href="/agency-submissions/">',
}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", {"alerts", "requests"}),
        ("olivia", {"submissions"}),
        ("tom", {"submissions"}),
        ("rita", set()),
    ],
)
def test_dashboard_links_per_role(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    html = client.get("/dashboard/").content.decode()
    assert {name for name, link in LINKS.items() if link in html} == expected


def test_linked_pages_answer_their_role(client, alice, olivia):
    client.force_login(alice)
    assert client.get("/alerts/").status_code == 200
    assert client.get("/recruiter-requests/").status_code == 200
    client.force_login(olivia)
    assert client.get("/agency-submissions/").status_code == 200
