"""The home page: what the site is for, and live numbers that stay cheap."""

from django.core.cache import cache

from candidates.models import Visibility
from candidates.tests.factories import CandidateProfileFactory
from companies.tests.factories import CompanyFactory
from hotgigs.views import HOME_NUMBERS_KEY
from jobs.tests.factories import JobFactory


def test_home_shows_open_jobs_companies_hiring_and_candidates(client, db):
    acme, globex = CompanyFactory(slug="acme"), CompanyFactory(slug="globex")
    JobFactory(company=acme, published=True)
    JobFactory(company=acme, published=True)
    JobFactory(company=globex, published=True)
    JobFactory(company=globex)  # a draft is not open
    CandidateProfileFactory()
    CandidateProfileFactory(visibility=Visibility.HIDDEN)  # never counted

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["numbers"] == {
        "open_jobs": 3,
        "companies_hiring": 2,
        "candidates": 1,
        "cap": 10_000,
    }
    html = response.content.decode()
    assert '<span class="stat" data-number="open_jobs">3</span>' in html
    assert "<title>HotGigs — find work, hire, run a recruiting agency</title>" in html
    assert '<meta name="description" content="Search open jobs' in html


def test_home_numbers_are_cached_and_cost_no_query_when_warm(
    client, db, django_assert_num_queries
):
    client.get("/")
    assert cache.get(HOME_NUMBERS_KEY)["open_jobs"] == 0

    JobFactory(published=True)
    with django_assert_num_queries(0):
        response = client.get("/")

    assert response.context["numbers"]["open_jobs"] == 0  # five minutes old is fine


def test_home_caps_big_numbers_with_a_plus(client, db, monkeypatch):
    cache.set(
        HOME_NUMBERS_KEY,
        {"open_jobs": 10_001, "companies_hiring": 5, "candidates": 0, "cap": 10_000},
    )

    html = client.get("/").content.decode()

    assert '<span class="stat" data-number="open_jobs">10,001+</span>' in html
    assert '<span class="stat" data-number="companies_hiring">5</span>' in html


def test_error_pages_are_friendly_and_titled(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found — HotGigs</title>" in html
    assert 'href="/">Go to the home page</a>' in html


def test_server_error_page_needs_no_request_context(rf):
    from hotgigs.views import server_error

    response = server_error(rf.get("/jobs/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Something went wrong — HotGigs</title>" in html
    assert "It is our fault, not yours." in html


def test_forbidden_page_says_what_to_do(client, alice, acme):
    client.force_login(alice)  # a candidate is no member of Acme

    response = client.get("/companies/acme/settings/")

    assert response.status_code in (403, 404)
    html = response.content.decode()
    assert 'href="/">Go to the home page</a>' in html


def test_favicon_ico_leads_to_the_svg_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    assert (
        client.get("/")
        .content.decode()
        .count('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">')
        == 1
    )
