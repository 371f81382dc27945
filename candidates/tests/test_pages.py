from django.test import Client

from candidates.models import SavedCandidateSearch


def login(user):
    client = Client()
    client.force_login(user)
    return client


# The profile editor's sections: test_profile_sections.py.


def test_profile_editor_is_for_candidates(olivia):
    assert login(olivia).get("/profile/").status_code == 403
    assert Client().get("/profile/").status_code == 302


def test_search_page_bad_input_is_400(olivia):
    response = login(olivia).get("/candidates/", {"years_min": "x"})
    assert response.status_code == 400


def test_search_page_query_count(olivia, django_assert_max_num_queries):
    from candidates.tests.factories import make_profile

    for n in range(6):
        make_profile(skills=["Python"], headline=f"Dev {n}")
    client = login(olivia)
    with django_assert_max_num_queries(10):
        response = client.get("/candidates/")
    html = response.content.decode()
    assert html.count("candidate-card") == 6
    assert '<h2 id="candidate-results-heading">6 candidates</h2>' in html


def test_saved_search_page_flow(olivia, eve):
    client = login(olivia)
    response = client.post(
        "/candidates/saved/", {"name": "Go people", "query": "skills=go&city=Berlin"}
    )
    assert response.status_code == 302
    saved = SavedCandidateSearch.objects.get(owner=olivia)
    assert saved.params == {"skills": "go", "city": "Berlin"}
    html = client.get("/candidates/").content.decode()
    assert "?city=Berlin&amp;skills=go" in html
    assert (
        client.post(
            "/candidates/saved/", {"name": "Go people", "query": ""}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/candidates/saved/", {"name": "Bad", "query": "years_min=x"}
        ).status_code
        == 400
    )
    other = login(eve).post(f"/candidates/saved/{saved.pk}/delete/")
    assert other.status_code == 404
    assert client.post(f"/candidates/saved/{saved.pk}/delete/").status_code == 302
    assert SavedCandidateSearch.objects.count() == 0
