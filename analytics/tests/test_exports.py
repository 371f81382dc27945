import pytest
from django.urls import reverse
from django.utils import timezone

from analytics.exports import safe_cell
from analytics.models import Event, EventKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("python", "python"),
        (None, ""),
        (41.7, "41.7"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def _csv(response):
    return b"".join(response.streaming_content).decode()


def test_funnel_csv_contents(client, olivia, funnel):
    client.force_login(olivia)
    response = client.get(reverse("analytics:export", args=["funnel"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert 'filename="employer-funnel.csv"' in response["Content-Disposition"]
    assert response["X-Total-Rows"] == "6"  # data rows, for the progress bar
    assert _csv(response).splitlines() == [
        "step,label,count,conversion",
        "views,Views,12,",
        "applied,Applied,5,41.7",
        "screening,Screening,3,60.0",
        "interview,Interview,2,66.7",
        "offer,Offer,1,50.0",
        "hired,Hired,1,100.0",
    ]


def test_job_table_csv_neutralises_formulas(client, olivia, funnel):
    funnel.title = "=cmd|' /C calc'!A0"
    funnel.save(update_fields=["title"])
    client.force_login(olivia)
    text = _csv(client.get(reverse("analytics:export", args=["jobs"])))
    assert text.splitlines()[1] == (
        f"{funnel.pk},'=cmd|' /C calc'!A0,published,12,5,41.7,1"
    )


def test_staff_top_queries_csv(client, sam):
    Event.objects.create(
        kind=EventKind.SEARCH, day=timezone.localdate(), viewer_key="a1", query="@evil"
    )
    client.force_login(sam)
    text = _csv(client.get(reverse("analytics:export", args=["top_queries"])))
    assert text.splitlines() == ["query,searches", "'@evil,1"]


def test_unknown_table_and_outsider(client, eve, olivia, funnel, globex):
    client.force_login(olivia)
    assert client.get(reverse("analytics:export", args=["secrets"])).status_code == 404
    client.force_login(eve)
    text = _csv(client.get(reverse("analytics:export", args=["jobs"])))
    assert "Acme engineer" not in text
    anonymous = client.__class__()
    response = anonymous.get(reverse("analytics:export", args=["jobs"]))
    assert response.status_code == 302
