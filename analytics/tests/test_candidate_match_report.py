"""The candidate dashboard compares their match scores across the jobs they
applied to: one batch of queries whatever the number of applications."""

import pytest
from django.core.cache import cache

from analytics.reports.candidate import candidate_report
from jobs.models import Application, Stage
from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(alice, acme):
    """Alice (profile) applied to acme's backend job (87), a nurse job (low) that
    answered, and withdrew from a third."""
    alice_profile(alice)
    backend = backend_job(acme)
    nurse = published_job("Nurse", skills=("critical-care-nursing",))
    gone = published_job("Backend Developer Python", skills=("python", "django"))
    Application.objects.create(job=backend, candidate=alice)
    Application.objects.create(job=nurse, candidate=alice, stage=Stage.SCREENING)
    Application.objects.create(job=gone, candidate=alice, stage=Stage.WITHDRAWN)
    cache.clear()
    return backend, nurse


def test_report_compares_the_scores_of_applied_jobs(alice, applied):
    backend, nurse = applied

    report = candidate_report(user=alice)

    rows = report["tables"]["match_scores"]
    assert [(r["job"], r["stage"]) for r in rows] == [
        ("Backend Developer", "Applied"),
        ("Nurse", "Screening"),
    ]
    assert rows[0]["score"] == 87
    assert rows[0]["company"] == "Acme"
    low = rows[1]["score"]
    assert 0 <= low < 50
    assert report["match_scores"] == {
        "scored_applications": 2,
        "average_score": round((87 + low) / 2, 1),
        "best_score": 87,
        "lowest_score": low,
        "average_when_answered": float(low),
        "average_still_waiting": 87.0,
    }


def test_no_profile_or_no_application_is_not_scored(alice, bob, applied):
    assert candidate_report(user=bob)["match_scores"] is None
    assert candidate_report(user=bob)["tables"]["match_scores"] == []
    Application.objects.filter(candidate=alice).delete()
    cache.clear()
    assert candidate_report(user=alice)["match_scores"] is None


def test_opted_out_candidate_still_sees_own_scores(alice, applied):
    profile = alice.candidate_profile
    profile.opt_out_of_matching = True
    profile.save(update_fields=["opt_out_of_matching"])
    report = candidate_report(user=alice)
    assert report["match_scores"]["best_score"] == 87


def test_query_count_does_not_grow_with_applications(
    alice, applied, django_assert_max_num_queries
):
    from matching.skills import get_taxonomy

    get_taxonomy()  # cached across requests; not part of the report's cost
    with django_assert_max_num_queries(20) as few:
        candidate_report(user=alice)
    for n in range(15):
        job = published_job(f"Python job {n}", skills=("python", "docker"))
        Application.objects.create(job=job, candidate=alice)
    cache.clear()
    get_taxonomy()
    with django_assert_max_num_queries(len(few.captured_queries)):
        report = candidate_report(user=alice)
    assert report["match_scores"]["scored_applications"] == 17


def test_insights_page_and_csv_show_the_scores(client, alice, applied):
    client.force_login(alice)
    html = client.get("/insights/").content.decode()
    assert "Across 2 applications your match averages" in html
    assert "<td>87</td>" in html
    response = client.get("/insights/export/match_scores.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0] == "job,company,applied,stage,score"
    assert ",Acme," in body.splitlines()[1]
    assert body.splitlines()[1].endswith(",Applied,87")


def test_insights_page_without_profile_invites_to_fill_it(client, bob):
    client.force_login(bob)
    html = client.get("/insights/").content.decode()
    assert "Fill in your profile</a> and apply to jobs" in html
